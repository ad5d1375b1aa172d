
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

/** The proxy requests to a backend go through (serve's transport, doctor's probes and the remote backend agree). */
export interface ProxyRoute {
  url: URL;
  /** The variable it came from, for the report. */
  variable: 'HTTPS_PROXY' | 'HTTP_PROXY';
  /** The URL with any password replaced, safe to print. */
  display: string;
  hostname: string;
  port: number;
  /** A password in the proxy URL: a secret the report must never show. */
  password?: string;
}

export class ProxyConfigError extends Error {
  constructor(variable: string) {
    super(`${variable} is not a URL`);
    this.name = 'ProxyConfigError';
  }
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/**
 * The same choice undici's EnvHttpProxyAgent makes (the remote MCP backend uses it): https
 * origins take HTTPS_PROXY, falling back to HTTP_PROXY; NO_PROXY entries (`*`, `host`, `.domain`,
 * `*.domain`, each optionally `:port`) match the host or any subdomain and bypass the proxy.
 */
export function proxyRoute(target: URL, env: NodeJS.ProcessEnv): ProxyRoute | undefined {
  const { httpProxy, httpsProxy, noProxy } = proxyFromEnv(env);
  const https = target.protocol === 'https:';
  const raw = https ? (httpsProxy ?? httpProxy) : httpProxy;
  if (!raw || bypassed(target, noProxy ?? '')) return undefined;
  const variable = https && httpsProxy ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ProxyConfigError(variable);
  }
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  const shown = new URL(url.href);
  if (shown.password) shown.password = '***';
  return {
    url,
    variable,
    display: shown.href.replace(/\/$/, ''),
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port) || DEFAULT_PORTS[url.protocol] || 80,
    ...(password ? { password } : {}),
  };
}

function bypassed(target: URL, noProxy: string): boolean {
  const entries = noProxy.split(/[,\s]/).filter(Boolean);
  if (entries.length === 0) return false;
  if (noProxy.trim() === '*') return true;
  const hostname = target.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol] || 0;
  return entries.some((entry) => {
    const parsed = /^(.+):(\d+)$/.exec(entry);
    const host = (parsed?.[1] ?? entry).replace(/^\*?\./, '').toLowerCase();
    const entryPort = parsed?.[2] ? Number(parsed[2]) : 0;
    if (entryPort && entryPort !== port) return false;
    return hostname === host || hostname.endsWith(`.${host}`);
  });
}
