import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Prng } from '../dataset/prng.js';
import { CONTROL_PREFIX, handleControl, isLoopback, type ControlHooks } from './control.js';
import { FaultQueue, type Fault } from './faults.js';
import { RateLimiter, rateLimitHeaders } from './rate-limit.js';
import { RequestLog, type RequestLogEntry } from './request-log.js';
import type { AnyFace } from './types.js';

export interface HttpServerOptions {
  port: number;
  seed: string;
  latencyMs: number;
  errorRate: number;
  rateLimit: number;
  faces: AnyFace[];
  /** Test hooks the control endpoints reach into faces with. */
  controls?: ControlHooks;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Request bodies larger than this are refused; no sandbox endpoint needs more. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The sandbox's one HTTP server on 127.0.0.1. Every API request passes, in order: the request log,
 * scripted faults, added latency, the rate limit, the random error rate, and then the face that
 * owns its path.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const log = new RequestLog();
  const faults = new FaultQueue();
  const limiter = options.rateLimit > 0 ? new RateLimiter(options.rateLimit) : null;
  const errorDraws = new Prng(options.seed, 'faults:error-rate');

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { detail: `sandbox error: ${error instanceof Error ? error.message : String(error)}` });
      else res.destroy();
    });
  });
  // Keep-alive clients (undici) reuse sockets; a short timeout would look like a flaky backend.
  server.keepAliveTimeout = 60_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;

    if (path.startsWith(CONTROL_PREFIX)) {
      if (!isLoopback(req.socket.remoteAddress)) return sendJson(res, 403, { detail: 'sandbox control endpoints are loopback-only' });
      const body = await readBody(req);
      if (body === undefined) return sendJson(res, 413, { detail: 'Request body too large' });
      const reply = handleControl(method, path, body, faults, log, options.controls);
      return sendJson(res, reply.status, reply.body);
    }

    const entry = log.start({
      method,
      path,
      query: url.search.replace(/^\?/, ''),
      tool: headerValue(req, 'x-socbridge-tool'),
      user_agent: headerValue(req, 'user-agent'),
    });
    const startedAt = performance.now();
    res.on('close', () => finish(entry, res, startedAt));

    const fault = faults.take(method, path);
    if (fault && (await applyFault(fault, req, res))) return;
    if (options.latencyMs > 0) await sleep(options.latencyMs);
    if (res.destroyed) return;

    const face = options.faces.find((f) => f.owns(path, req.headers));
    // Errors the server itself answers are shaped by the face that owns the path, as its API would.
    const fail = (status: number, message: string, headers: Record<string, string> = {}, retryAfterSeconds?: number) => {
      const shaped = face?.errorReply?.(status, message, retryAfterSeconds);
      sendJson(res, status, shaped ? shaped.body : { detail: message }, { ...headers, ...shaped?.headers });
    };

    const body = await readBody(req);
    if (body === undefined) return fail(413, 'Request body too large');

    let extraHeaders: Record<string, string> = {};
    if (limiter) {
      const decision = limiter.check(rateKey(req));
      extraHeaders = rateLimitHeaders(decision);
      if (!decision.allowed) return fail(429, 'Rate limit exceeded', { ...extraHeaders, 'retry-after': String(decision.resetSeconds) }, decision.resetSeconds);
    }
    if (options.errorRate > 0 && errorDraws.next() < options.errorRate) {
      return fail(503, 'Service temporarily unavailable', extraHeaders);
    }

    if (!face) return sendJson(res, 404, { detail: 'Not Found' }, extraHeaders);
    const request = { method, path, query: url.searchParams, headers: req.headers, body };
    if ('serve' in face) return face.serve(request, res, { entry, headers: extraHeaders });
    const reply = await face.handle(request);
    entry.authorized = reply.authorized;
    if (!res.destroyed) sendJson(res, reply.status, reply.body, { ...extraHeaders, ...reply.headers });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: () => closeServer(server),
  };
}

function finish(entry: RequestLogEntry, res: ServerResponse, startedAt: number): void {
  entry.ms = Math.round(performance.now() - startedAt);
  entry.aborted = !res.writableFinished;
  entry.status = res.headersSent ? res.statusCode : null;
}

/** Applies a scripted fault; returns false when the request should then be served normally. */
async function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  switch (fault.type) {
    case 'delay':
      await sleep(fault.ms);
      return res.destroyed;
    case 'reset':
      req.socket.destroy();
      return true;
    case 'hang':
      // Never answer; the socket stays open until the client gives up (or the sandbox closes).
      return true;
    case 'status': {
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
      if (fault.contentType !== undefined) {
        const text = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body ?? { detail: defaultDetail(fault.status) });
        res.writeHead(fault.status, { 'content-type': fault.contentType, 'content-length': Buffer.byteLength(text), ...headers });
        res.end(text);
      } else {
        sendJson(res, fault.status, fault.body === undefined ? { detail: defaultDetail(fault.status) } : fault.body, headers);
      }
      return true;
    }
    case 'html': {
      const page = '<!DOCTYPE html>\n<html><head><title>Sign in · Corporate SSO</title></head>\n<body><form method="post" action="/login"><input name="username"><input name="password" type="password"><button>Sign in</button></form></body></html>\n';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page) });
      res.end(page);
      return true;
    }
    case 'non_json': {
      const text = 'upstream connect error or disconnect/reset before headers. reset reason: connection termination';
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return true;
    }
    case 'oversize':
      await streamOversize(res, fault.bytes);
      return true;
  }
}

/** A valid JSON document of exactly `bytes` bytes, written in chunks with backpressure. */
async function streamOversize(res: ServerResponse, bytes: number): Promise<void> {
  const head = '{"padding":"';
  const tail = '"}';
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes });
  if (bytes < head.length + tail.length) {
    res.end(`${' '.repeat(bytes - 1)}0`);
    return;
  }
  const chunk = 'x'.repeat(64 * 1024);
  res.write(head);
  let left = bytes - head.length - tail.length;
  while (left > 0 && !res.destroyed) {
    const piece = left >= chunk.length ? chunk : chunk.slice(0, left);
    left -= piece.length;
    if (!res.write(piece)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end(tail);
}

function defaultDetail(status: number): string {
  const known: Record<number, string> = { 400: 'Bad Request', 401: 'Not authenticated', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Request Entity Too Large', 429: 'Rate limit exceeded', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service temporarily unavailable', 504: 'Gateway Timeout' };
  return known[status] ?? `HTTP ${status}`;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The body text, null when empty, undefined when it exceeds the cap. */
async function readBody(req: IncomingMessage): Promise<string | null | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return size === 0 ? null : Buffer.concat(chunks).toString('utf8');
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** Rate limits count per credential; requests without one share a bucket per client address. */
function rateKey(req: IncomingMessage): string {
  return headerValue(req, 'authorization') ?? `anonymous:${req.socket.remoteAddress ?? ''}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Hung fault requests and idle keep-alive sockets would otherwise hold close() open.
    server.closeAllConnections();
  });
}
