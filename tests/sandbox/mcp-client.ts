import { Client, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Agent, fetch as undiciFetch } from 'undici';
import type { SandboxHandle } from '../../src/sandbox/index.js';

/** The official MCP client, connected to a sandbox's `/mcp` or `/sse` with a bearer key. */
export async function connect(sandbox: SandboxHandle, transport: 'http' | 'sse', key: string): Promise<Client> {
  const client = new Client({ name: 'socbridge-tests', version: '0.0.0' });
  const requestInit = { headers: { authorization: `Bearer ${key}` } };
  await client.connect(
    transport === 'http'
      ? new StreamableHTTPClientTransport(new URL(`${sandbox.url}/mcp`), { requestInit })
      : new SSEClientTransport(new URL(`${sandbox.url}/sse`), { requestInit, eventSourceInit: { fetch: (url, init) => fetch(url, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), ...requestInit.headers } }) } }),
  );
  return client;
}

/** A raw JSON-RPC POST to `/mcp`; returns status, headers and the parsed body (undefined if empty). */
export async function rpc(
  sandbox: SandboxHandle,
  message: unknown,
  /** `fresh`: a new connection, never a pooled keep-alive socket (which a restarted sandbox has closed). */
  options: { key?: string | null; session?: string; accept?: string; method?: string; fresh?: boolean } = {},
): Promise<{ status: number; headers: Headers; body: unknown; text: string }> {
  const key = options.key === undefined ? sandbox.mcpKeys.full : options.key;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: options.accept ?? 'application/json' };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (options.session) headers['mcp-session-id'] = options.session;
  const method = options.method ?? 'POST';
  const init = { method, headers, ...(method === 'POST' ? { body: JSON.stringify(message) } : {}) };
  const agent = options.fresh ? new Agent() : undefined;
  const response = agent ? await undiciFetch(`${sandbox.url}/mcp`, { ...init, dispatcher: agent }) : await fetch(`${sandbox.url}/mcp`, init);
  const text = await response.text();
  await agent?.close();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw-fetch', version: '0' } },
};
