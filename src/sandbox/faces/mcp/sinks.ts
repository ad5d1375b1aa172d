import type { ServerResponse } from 'node:http';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';

/**
 * Where the server's messages for a request go. `final` marks the response that completes the
 * request; `abandon` ends a request that will get no response (it was cancelled, or the session died).
 */
export interface Sink {
  send(message: JSONRPCMessage, final: boolean): void;
  abandon(): void;
}

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' };

/** An open `text/event-stream` response; writes nothing once the client has gone. */
export class SseStream {
  constructor(
    private readonly res: ServerResponse,
    headers: Record<string, string>,
  ) {
    res.writeHead(200, { ...SSE_HEADERS, ...headers });
    res.flushHeaders();
  }

  event(name: string, data: string): void {
    if (!this.res.writableEnded && !this.res.destroyed) this.res.write(`event: ${name}\ndata: ${data}\n\n`);
  }

  end(): void {
    if (!this.res.writableEnded) this.res.end();
  }

  get open(): boolean {
    return !this.res.writableEnded && !this.res.destroyed;
  }
}

/** A long-lived stream (`GET /mcp`, `GET /sse`): every message goes out on it; responses do not end it. */
export class StreamSink implements Sink {
  constructor(readonly stream: SseStream) {}

  send(message: JSONRPCMessage): void {
    this.stream.event('message', JSON.stringify(message));
  }

  abandon(): void {}
}

/** A POST answered as a stream: related notifications, then the response, then the end. */
export class PostStreamSink implements Sink {
  private readonly stream: SseStream;

  constructor(res: ServerResponse, headers: Record<string, string>) {
    this.stream = new SseStream(res, headers);
  }

  send(message: JSONRPCMessage, final: boolean): void {
    this.stream.event('message', JSON.stringify(message));
    if (final) this.stream.end();
  }

  abandon(): void {
    this.stream.end();
  }
}

/** A POST answered with one JSON body: only the response is sent; notifications have nowhere to go. */
export class PostJsonSink implements Sink {
  constructor(
    private readonly res: ServerResponse,
    private readonly headers: Record<string, string>,
  ) {}

  send(message: JSONRPCMessage, final: boolean): void {
    if (!final || this.res.headersSent) return;
    const text = JSON.stringify(message);
    this.res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...this.headers });
    this.res.end(text);
  }

  abandon(): void {
    if (this.res.headersSent) return;
    this.res.writeHead(204, this.headers);
    this.res.end();
  }
}
