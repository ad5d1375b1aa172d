import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { extraCertificates } from './ca.js';
import { proxyRoute } from './proxy.js';
import type { Route } from './routes.js';

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
  /** The caller's cancellation: aborts the exchange wherever it is (connecting, headers, body). */
  signal?: AbortSignal;
  /** Epoch ms by which the whole exchange, body included, must be over; then it fails with DeadlineError. */
  deadline: number;
}

/** The exchange was cut off at its deadline. */
export class DeadlineError extends Error {
  readonly code = 'SOCBRIDGE_DEADLINE';
  constructor() {
    super('deadline reached');
    this.name = 'DeadlineError';
  }
}

/** The exchange was cut off because the caller cancelled; `cause` is the signal's reason. */
export class CancelledError extends Error {
  readonly code = 'SOCBRIDGE_CANCELLED';
  constructor(cause: unknown) {
    super('cancelled', { cause });
    this.name = 'CancelledError';
  }
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

/**
 * Node's own http/https with keep-alive agents, behind HTTPS_PROXY / HTTP_PROXY unless NO_PROXY
 * matches. Chosen over undici for the REST backends: undici parses HTTP in WebAssembly, which
 * measured 12 MB more resident memory idle and up to 27 MB more under load (BENCHMARKS.md).
 * The CA file is read now, so a bad --ca-file fails at start-up rather than on the first call.
 */
export function createTransport(options: TransportOptions): Transport {
  const extra = extraCertificates(options);
  const routes = new Map<string, Promise<Route>>();
  const inFlight = new Set<Promise<void>>();

  // node:http, https and tls (and with them crypto) load with the first request, not at start-up:
  // a host's `initialize` never waits for them.
  const routeFor = (origin: string): Promise<Route> => {
    let route = routes.get(origin);
    if (!route) {
      const url = new URL(origin);
      const proxy = proxyRoute(url, options.env);
      route = import('./routes.js').then(({ buildRoute }) => buildRoute(url, proxy, extra));
      routes.set(origin, route);
    }
    return route;
  };
  const agents = async () => Promise.all([...routes.values()]).then((all) => all.map((route) => route.agent));

  return {
    async request(req) {
      const route = await routeFor(req.origin);
      return new Promise<TransportResponse>((resolve, reject) => {
        const target = route.target(req.path);
        const headers: Record<string, string | number> = { ...req.headers, ...(target.headers as Record<string, string>) };
        if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
        const outgoing = route.send({ ...target, agent: route.agent, method: req.method, headers });
        let response: IncomingMessage | undefined;
        // One timer and one listener per exchange, dropped when it closes: cheaper than an
        // AbortSignal per call (and Node's own signal plumbing) at thousands of calls a second.
        const cutOff = (error: Error) => (response ? response.destroy(error) : outgoing.destroy(error));
        const timer = setTimeout(() => cutOff(new DeadlineError()), Math.max(0, req.deadline - Date.now()));
        const onCancel = () => cutOff(new CancelledError(req.signal?.reason));
        const exchange = new Promise<void>((done) =>
          outgoing.once('close', () => {
            clearTimeout(timer);
            req.signal?.removeEventListener('abort', onCancel);
            done();
          }),
        );
        inFlight.add(exchange);
        void exchange.then(() => inFlight.delete(exchange));
        outgoing.once('response', (res) => {
          response = res;
          resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: res });
        });
        outgoing.once('error', reject);
        if (req.signal?.aborted) onCancel();
        else req.signal?.addEventListener('abort', onCancel, { once: true });
        outgoing.end(req.body);
      });
    },
    async close() {
      await Promise.allSettled([...inFlight]);
      for (const agent of await agents()) agent.destroy();
    },
    destroy() {
      void agents().then((all) => all.forEach((agent) => agent.destroy()));
    },
  };
}

