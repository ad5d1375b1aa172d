import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, rootCertificates } from 'node:tls';
import { extraCertificates } from './ca.js';
import { openTunnel, proxyRoute, type ProxyRoute } from './proxy.js';

export interface TransportOptions {
  /** Extra CA bundle (PEM) from --ca-file; NODE_EXTRA_CA_CERTS from `env` is read too. */
  caFile?: string;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY come from. */
  env: NodeJS.ProcessEnv;
}

export interface TransportRequest {
  origin: string;
  /** Path and query, already encoded. */
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Aborts the exchange wherever it is: connecting, waiting for headers, or reading the body. */
  signal: AbortSignal;
}

export interface TransportResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
}

/** One exchange at a time over keep-alive connections; BackendClient adds deadlines, retries and the byte cap. */
export interface Transport {
  request(req: TransportRequest): Promise<TransportResponse>;
  /** Waits for in-flight exchanges, then closes every connection. */
  close(): Promise<void>;
  /** Drops every connection at once, in-flight exchanges included (shutdown). */
  destroy(): void;
}

/** Up to 32 connections per origin; an idle one is closed after 30 s (sooner when the server's Keep-Alive says so). */
const POOL = { keepAlive: true, maxSockets: 32, timeout: 30_000 } as const;

/** How one origin is reached: which agent, which function sends, and where the request goes. */
interface Route {
  send: typeof httpRequest;
  agent: HttpAgent;
  target(path: string): RequestOptions;
}

/**
 * Node's own http/https with keep-alive agents, behind HTTPS_PROXY / HTTP_PROXY unless NO_PROXY
 * matches. Chosen over undici for the REST backends: undici parses HTTP in WebAssembly, which
 * measured 12 MB more resident memory idle and up to 27 MB more under load (BENCHMARKS.md).
 * The CA file is read now, so a bad --ca-file fails at start-up rather than on the first call.
 */
export function createTransport(options: TransportOptions): Transport {
  const extra = extraCertificates(options);
  const ca = extra ? [...rootCertificates, ...extra] : undefined;
  const routes = new Map<string, Route>();
  const agents = new Set<HttpAgent>();
  const inFlight = new Set<Promise<void>>();

  const routeFor = (origin: string): Route => {
    let route = routes.get(origin);
    if (!route) {
      route = buildRoute(new URL(origin), proxyRoute(new URL(origin), options.env), ca);
      routes.set(origin, route);
      agents.add(route.agent);
    }
    return route;
  };

  return {
    request(req) {
      const route = routeFor(req.origin);
      return new Promise<TransportResponse>((resolve, reject) => {
        const target = route.target(req.path);
        const headers: Record<string, string | number> = { ...req.headers, ...(target.headers as Record<string, string>) };
        if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
        const outgoing = route.send({ ...target, agent: route.agent, method: req.method, headers, signal: req.signal });
        const exchange = new Promise<void>((done) => outgoing.once('close', () => done()));
        inFlight.add(exchange);
        void exchange.then(() => inFlight.delete(exchange));
        outgoing.once('response', (res) => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: res }));
        outgoing.once('error', reject);
        outgoing.end(req.body);
      });
    },
    async close() {
      await Promise.allSettled([...inFlight]);
      for (const agent of agents) agent.destroy();
    },
    destroy() {
      for (const agent of agents) agent.destroy();
    },
  };
}

function buildRoute(url: URL, proxy: ProxyRoute | undefined, ca: string[] | undefined): Route {
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
