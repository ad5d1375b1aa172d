import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { Dispatcher } from 'undici';

export interface DispatcherOptions {
  /** Extra CA bundle (PEM) from --ca-file; NODE_EXTRA_CA_CERTS from `env` is read too. */
  caFile?: string;
  env: NodeJS.ProcessEnv;
  /** Per-call timeout, so undici's own (300 s) timeouts never outlast ours. */
  timeoutMs: number;
}

export interface ProxyInfo {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

/** Proxy settings as the installing shell or the host entry's env set them (either case). */
export function proxyFromEnv(env: NodeJS.ProcessEnv): ProxyInfo {
  const pick = (name: string) => env[name] || env[name.toLowerCase()] || undefined;
  return { httpProxy: pick('HTTP_PROXY'), httpsProxy: pick('HTTPS_PROXY'), noProxy: pick('NO_PROXY') };
}

/**
 * Extra trusted CAs, read explicitly: NODE_EXTRA_CA_CERTS is only honoured by Node at process start,
 * and GUI hosts often set it too late or not at all. Undefined when neither is set.
 */
export function extraCertificates(options: Pick<DispatcherOptions, 'caFile' | 'env'>): string[] | undefined {
  const files = [options.caFile, options.env.NODE_EXTRA_CA_CERTS].filter((f): f is string => Boolean(f));
  if (files.length === 0) return undefined;
  return files.map((file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`cannot read CA file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  });
}

/**
 * One keep-alive pool per origin (undici's Agent keeps a Pool per origin), behind the env proxy
 * when set. undici is loaded on the first request (the returned function), so a host's `initialize` never waits for it;
 * the CA file is read now, so a bad --ca-file still fails at start-up.
 */
export function createDispatcher(options: DispatcherOptions): () => Promise<Dispatcher> {
  const extra = extraCertificates(options);
  const tls = extra ? { ca: [...rootCertificates, ...extra] } : undefined;
  const common = {
    keepAliveTimeout: 30_000,
    connections: 32,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: { timeout: options.timeoutMs, ...tls },
  };
  const proxy = proxyFromEnv(options.env);
  let pool: Promise<Dispatcher> | undefined;
  return () =>
    (pool ??= loadUndici().then(({ Agent, EnvHttpProxyAgent }) =>
      proxy.httpProxy || proxy.httpsProxy ? new EnvHttpProxyAgent({ ...common, ...proxy, requestTls: tls, proxyTls: tls }) : new Agent(common),
    ));
}

type Undici = typeof import('undici');

/** undici is CommonJS: bundled and imported dynamically, its exports sit on `default`. */
async function loadUndici(): Promise<Undici> {
  const loaded = (await import('undici')) as Undici & { default?: Undici };
  return typeof loaded.Agent === 'function' ? loaded : (loaded.default as Undici);
}
