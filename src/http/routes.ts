import { Agent as HttpAgent, request as httpRequest, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, rootCertificates } from 'node:tls';
import type { ProxyRoute } from './proxy.js';
import { openTunnel } from './tunnel.js';

/** Up to 32 connections per origin; an idle one is closed after 30 s (sooner when the server's Keep-Alive says so). */
const POOL = { keepAlive: true, maxSockets: 32, timeout: 30_000 } as const;

/** How one origin is reached: which agent, which function sends, and where the request goes. */
export interface Route {
  send: typeof httpRequest;
  agent: HttpAgent;
  target(path: string): RequestOptions;
}

/** The route to one origin: its own keep-alive agent, trusting the extra CAs too, tunnelled when a proxy applies. */
export function buildRoute(url: URL, proxy: ProxyRoute | undefined, extraCa: string[] | undefined): Route {
  const ca = extraCa ? [...rootCertificates, ...extraCa] : undefined;
  const https = url.protocol === 'https:';
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : https ? 443 : 80;
  const agent = https ? new HttpsAgent({ ...POOL, ca }) : new HttpAgent(POOL);
  if (proxy) tunnelThrough(agent, proxy, https, ca);
  return { send: https ? httpsRequest : httpRequest, agent, target: (path) => ({ hostname, port, path }) };
}

/**
 * Makes every connection the agent opens a CONNECT tunnel through the proxy (TLS to the backend
 * inside it for https), for plain http too, as undici's proxy agent does: the remote backend and
 * doctor then see the same proxy traffic as serve does.
 */
function tunnelThrough(agent: HttpAgent, proxy: ProxyRoute, https: boolean, ca: string[] | undefined): void {
  agent.createConnection = (options: RequestOptions, callback?: (err: Error | null, stream: Duplex) => void) => {
    const host = options.hostname ?? options.host ?? 'localhost';
    openTunnel(proxy, host, Number(options.port), ca).socket.then(
      // The https agent already worked out the SNI name (none for an IP address).
      (socket) => callback?.(null, https ? tlsConnect({ ...(options as object), socket }) : socket),
      (error: Error) => callback?.(error, undefined as never),
    );
    return undefined;
  };
}
