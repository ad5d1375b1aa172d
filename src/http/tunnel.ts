import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { ProxyRoute } from './proxy.js';

/** The Proxy-Authorization header for credentials in the proxy URL; none without them. */
function proxyAuthorization(route: ProxyRoute): Record<string, string> {
  if (!route.url.username) return {};
  const credentials = `${decodeURIComponent(route.url.username)}:${route.password ?? ''}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

export class TunnelRefusedError extends Error {
  constructor(readonly status: number) {
    super(`the proxy answered CONNECT with ${status}`);
    this.name = 'TunnelRefusedError';
  }
}

/** Opens a CONNECT tunnel through the proxy to host:port (how https goes through a proxy). */
export function openTunnel(route: ProxyRoute, host: string, port: number, ca?: string | Buffer | Array<string | Buffer>): { socket: Promise<Socket>; cancel(): void } {
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const auth = proxyAuthorization(route);
  const send = route.url.protocol === 'https:' ? httpsRequest : httpRequest;
  let req: ClientRequest | undefined;
  const socket = new Promise<Socket>((resolve, reject) => {
    req = send({ host: route.hostname, port: route.port, method: 'CONNECT', path: authority, headers: { host: authority, ...auth }, agent: false, ...(ca ? { ca } : {}) });
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
