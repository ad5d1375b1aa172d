import { isIP } from 'node:net';
import { combine, ok, skipped, warn } from './outcome.js';
import type { CheckOutcome, DoctorContext } from './types.js';

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** The URL's scheme and parts: plain http is fine on loopback and a warning anywhere else. */
export function checkUrl(ctx: DoctorContext): CheckOutcome {
  const { resolved, connector } = ctx.facts;
  const raw = resolved?.values.url;
  if (!raw || !connector) return skipped(ctx, 'settings', 'no backend URL is configured');
  const url = new URL(raw);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const https = url.protocol === 'https:';
  const port = Number(url.port) || (DEFAULT_PORTS[url.protocol] ?? 80);
  // The same rule BackendClient applies: the prefix is added unless the URL already ends with it.
  const base = url.pathname.replace(/\/+$/, '');
  const api = base.endsWith(connector.apiPrefix) ? base : `${base}${connector.apiPrefix}`;
  ctx.facts.target = { url, hostname, port, https, apiBase: api };
  const problems: CheckOutcome[] = [];
  if (!https && !isLoopback(hostname)) {
    problems.push(warn(`plain http to ${hostname}: the API key and SOC data cross the network unencrypted`, `use the https:// address of the ${connector.label} API`));
  }
  if (url.username || url.password) problems.push(warn('the URL carries a user name or password, which socbridge never sends', 'remove it from the URL; the API key authenticates'));
  if (url.search || url.hash) problems.push(warn('the URL has a query string or fragment, which socbridge ignores', `give only the origin and path, e.g. ${url.origin}${base}`));
  return combine(problems, `${url.protocol.slice(0, -1)} to ${hostname} port ${port}, API at ${api}${!https && isLoopback(hostname) ? ' (loopback, so plain http is fine)' : ''}`);
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}
