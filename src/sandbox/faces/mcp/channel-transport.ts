import type { JSONRPCMessage, MessageExtraInfo, RequestId, Transport, TransportSendOptions } from '@modelcontextprotocol/server';

/** Where the transport hands what the server sends: the message and the request it relates to. */
export type Outbound = (message: JSONRPCMessage, relatedRequestId: RequestId | undefined) => void;

/**
 * The SDK's side of one sandbox MCP session. HTTP handling (which stream a message goes out on,
 * sessions, auth) lives in the face; this only passes messages between it and the McpServer.
 */
export class ChannelTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  private closed = false;

  constructor(
    private readonly outbound: Outbound,
    readonly sessionId: string | undefined,
  ) {}

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if (this.closed) return;
    const related = 'id' in message && !('method' in message) ? message.id : options?.relatedRequestId;
    this.outbound(message, related);
  }

  /** A message from the client, already authenticated and admitted by the face. */
  receive(message: JSONRPCMessage): void {
    if (!this.closed) this.onmessage?.(message);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }
}
