import { rootCertificates } from 'node:tls';
import type { Dispatcher } from 'undici';
import { extraCertificates } from '../http/ca.js';
import { proxyFromEnv } from '../http/proxy.js';

export interface DispatcherOptions {
  /** Extra CA bundle (PEM) from --ca-file; NODE_EXTRA_CA_CERTS from `env` is read too. */
  caFile?: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The undici pool behind the remote MCP backend's `fetch` (the SDK's client transports speak
 * WHATWG fetch, which node:http does not), behind the env proxy when set. undici is loaded on the
 * first request; the CA file is read now, so a bad --ca-file still fails at start-up. No undici
 * body or headers timeout: a notification stream is idle by design, and every request already has
 * the SDK's per-request timeout (--timeout).
 */
export function createDispatcher(options: DispatcherOptions): () => Promise<Dispatcher> {
  const extra = extraCertificates(options);
  const tls = extra ? { ca: [...rootCertificates, ...extra] } : undefined;
  const common = { keepAliveTimeout: 30_000, connections: 32, headersTimeout: 0, bodyTimeout: 0, connect: { ...tls } };
  const proxy = proxyFromEnv(options.env);
  let pool: Promise<Dispatcher> | undefined;
  return () =>
    (pool ??= loadUndici().then(({ Agent, EnvHttpProxyAgent }) =>
      proxy.httpProxy || proxy.httpsProxy ? new EnvHttpProxyAgent({ ...common, ...proxy, requestTls: tls, proxyTls: tls }) : new Agent(common),
    ));
}

type Undici = typeof import('undici');

/** undici is CommonJS: bundled and imported dynamically, its exports sit on `default`. */
export async function loadUndici(): Promise<Undici> {
  const loaded = (await import('undici')) as Undici & { default?: Undici };
  return typeof loaded.Agent === 'function' ? loaded : (loaded.default as Undici);
}
