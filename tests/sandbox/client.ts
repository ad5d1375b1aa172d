import type { SandboxHandle } from '../../src/sandbox/index.js';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; undefined when it is empty or not JSON. */
  json: unknown;
}

/** One real HTTP request to a sandbox. `key: null` sends no Authorization header. */
export async function call(
  sandbox: SandboxHandle,
  method: string,
  path: string,
  options: { key?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Reply> {
  const key = options.key === undefined ? sandbox.keys.full : options.key;
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sandbox.url}${path}`, { method, headers, body, ...(options.signal ? { signal: options.signal } : {}) });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * GET with the full key, expecting 200, returning the parsed body. Untyped on purpose: these tests
 * assert on the JSON itself (tests/contract checks the shapes against AiSOC's schemas).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function get<T = any>(sandbox: SandboxHandle, path: string): Promise<T> {
  const reply = await call(sandbox, 'GET', path);
  if (reply.status !== 200) throw new Error(`GET ${path} → ${reply.status}: ${reply.text}`);
  return reply.json as T;
}

/** Polls until `check` returns a value, or fails after `attempts` tries. */
export async function eventually<T>(check: () => Promise<T | undefined>, attempts = 200, everyMs = 20): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error('condition never held');
}
