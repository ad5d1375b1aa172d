import type { JSONRPCMessage, McpServer, RequestId } from '@modelcontextprotocol/server';
import type { McpExchange } from '../../server/request-log.js';
import { refusal } from './admission.js';
import type { McpPrincipal } from './auth.js';
import { ChannelTransport } from './channel-transport.js';
import { APPLICATION_ERROR, cancelledRequestId, errorMessage, isRequest } from './jsonrpc.js';
import type { Sink, StreamSink } from './sinks.js';

/** `streamable`: an `/mcp` session; `sse`: a `/sse` connection; `stateless`: one sessionless POST. */
export type SessionKind = 'streamable' | 'sse' | 'stateless';

/** Requests remembered per session, so a late `notifications/cancelled` still marks its call. */
const REMEMBERED_CALLS = 1000;

/**
 * One client's conversation with its own McpServer: routes each request's response (and the
 * notifications related to it) to the sink of the HTTP request that asked, and everything else to
 * the session's standalone stream.
 */
export class McpSession {
  /** The standalone stream: `GET /mcp`, or the `/sse` connection itself. */
  stream: StreamSink | null = null;
  /** Set when the session ends, so its owner can forget it. */
  onclose?: () => void;
  private readonly transport: ChannelTransport;
  private readonly pending = new Map<RequestId, Sink>();
  private readonly exchanges = new Map<RequestId, McpExchange>();
  private closed = false;

  constructor(
    readonly id: string | undefined,
    readonly kind: SessionKind,
    readonly principal: McpPrincipal,
    private readonly server: McpServer,
  ) {
    this.transport = new ChannelTransport((message, related) => this.route(message, related), id);
  }

  async start(): Promise<void> {
    await this.server.connect(this.transport);
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  /**
   * Hands a client message to the server. A request needs the sink its answer goes to, and may be
   * refused here (-32000); `exchange` is its request-log record, marked if it is later cancelled.
   */
  admit(message: JSONRPCMessage, sink: Sink | null, exchange?: McpExchange): void {
    if (isRequest(message)) {
      if (exchange) this.remember(message.id, exchange);
      const refused = refusal(this.principal, message);
      if (refused !== null) {
        sink?.send(errorMessage(message.id, APPLICATION_ERROR, refused), true);
        if (this.kind === 'stateless') void this.close();
        return;
      }
      if (sink) this.pending.set(message.id, sink);
      this.transport.receive(message);
      return;
    }
    const cancelled = cancelledRequestId(message);
    if (cancelled !== undefined) {
      const call = this.exchanges.get(cancelled);
      if (call) call.cancelled = true;
      this.pending.get(cancelled)?.abandon();
      this.pending.delete(cancelled);
    }
    this.transport.receive(message);
  }

  /** The HTTP request waiting for `id` went away: stop the work, as a cancellation would. */
  lost(id: RequestId): void {
    if (!this.pending.delete(id)) return;
    this.transport.receive({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason: 'the client closed the connection' } });
    if (this.kind === 'stateless') void this.close();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const sink of this.pending.values()) sink.abandon();
    this.pending.clear();
    this.stream?.stream.end();
    this.stream = null;
    await this.server.close();
    this.onclose?.();
  }

  private route(message: JSONRPCMessage, related: RequestId | undefined): void {
    const isResponse = !('method' in message);
    const sink = related === undefined ? undefined : this.pending.get(related);
    if (sink && related !== undefined) {
      if (isResponse) this.pending.delete(related);
      sink.send(message, isResponse);
      if (isResponse && this.kind === 'stateless') void this.close();
      return;
    }
    // A response nobody waits for any more (cancelled, or its client left) is dropped.
    if (!isResponse) this.stream?.send(message);
  }

  private remember(id: RequestId, exchange: McpExchange): void {
    this.exchanges.set(id, exchange);
    if (this.exchanges.size > REMEMBERED_CALLS) {
      const oldest = this.exchanges.keys().next();
      if (!oldest.done) this.exchanges.delete(oldest.value);
    }
  }
}
