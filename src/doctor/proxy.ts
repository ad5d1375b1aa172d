import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { proxyFromEnv } from '../http/dispatcher.js';

/** The proxy requests to the backend go through, as serve's dispatcher would choose it. */
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
 * Mirrors undici's EnvHttpProxyAgent, which serve uses whenever a proxy variable is set: https
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

export class TunnelRefusedError extends Error {
  constructor(readonly status: number) {
    super(`the proxy answered CONNECT with ${status}`);
    this.name = 'TunnelRefusedError';
  }
}

/** Opens a CONNECT tunnel through the proxy to host:port, as undici's ProxyAgent does for https. */
export function openTunnel(route: ProxyRoute, host: string, port: number): { socket: Promise<Socket>; cancel(): void } {
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const auth = route.url.username
    ? { 'proxy-authorization': `Basic ${Buffer.from(`${decodeURIComponent(route.url.username)}:${route.password ?? ''}`).toString('base64')}` }
    : {};
  const send = route.url.protocol === 'https:' ? httpsRequest : httpRequest;
  let req: ClientRequest | undefined;
  const socket = new Promise<Socket>((resolve, reject) => {
    req = send({ host: route.hostname, port: route.port, method: 'CONNECT', path: authority, headers: { host: authority, ...auth }, agent: false });
    req.once('connect', (res, tunnel) => {
      if (res.statusCode === 200) return resolve(tunnel);
      tunnel.destroy();
      reject(new TunnelRefusedError(res.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end();
  });
  return { socket, cancel: () => req?.destroy() };
}
