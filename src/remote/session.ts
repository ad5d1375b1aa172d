import { Client, SSEClientTransport, StreamableHTTPClientTransport, type FetchLike, type Transport } from '@modelcontextprotocol/client';
import type { RemoteTransportKind } from '../config/settings.js';
import { VERSION } from '../version.js';
import { classifyFailure } from './failures.js';

export type WireKind = 'http' | 'sse';

/** One initialized MCP session with the remote, over the transport that worked. */
export interface RemoteSession {
  client: Client;
  kind: WireKind;
  /**
   * Whether the remote holds state for this session, so a 404 means it forgot it: streamable HTTP
   * once it issued an `Mcp-Session-Id`; legacy SSE always (the POST endpoint its stream named is
   * the session).
   */
  hasRemoteSession(): boolean;
  close(): Promise<void>;
}

export interface SessionOptions {
  url: URL;
  transport: RemoteTransportKind;
  fetch: FetchLike;
  timeoutMs: number;
  /** Remote notifications to relay (list_changed and friends); set on each new client. */
  onNotification(method: RemoteNotification): void;
  /** The session's transport closed or its stream broke: the session is no longer usable. */
  onLost(session: RemoteSession, error?: Error): void;
}

export type RemoteNotification = 'tools' | 'resources' | 'prompts';

const LIST_CHANGED: Record<RemoteNotification, `notifications/${RemoteNotification}/list_changed`> = {
  tools: 'notifications/tools/list_changed',
  resources: 'notifications/resources/list_changed',
  prompts: 'notifications/prompts/list_changed',
};

/**
 * Opens a session: streamable HTTP first, then the legacy HTTP+SSE transport when the endpoint
 * refuses POST (404/405), unless `--transport` forces one. `preferred` skips a fallback already
 * learned on an earlier connection.
 */
export async function openSession(options: SessionOptions, preferred?: WireKind): Promise<RemoteSession> {
  const order: WireKind[] = options.transport === 'auto' ? (preferred === 'sse' ? ['sse', 'http'] : ['http', 'sse']) : [options.transport];
  let lastError: unknown;
  for (const kind of order) {
    try {
      return await connectOver(kind, options);
    } catch (error) {
      lastError = error;
      const failure = classifyFailure(error);
      const refusedPost = failure.kind === 'http' && (failure.status === 404 || failure.status === 405);
      if (!(kind === 'http' && refusedPost)) throw error;
    }
  }
  throw lastError;
}

async function connectOver(kind: WireKind, options: SessionOptions): Promise<RemoteSession> {
  const transport: Transport & { sessionId?: string } =
    kind === 'http'
      ? new StreamableHTTPClientTransport(options.url, {
          fetch: options.fetch,
          // A dropped notification stream is reopened with backoff; past that the session is rebuilt.
          reconnectionOptions: { initialReconnectionDelay: 500, maxReconnectionDelay: 10_000, reconnectionDelayGrowFactor: 2, maxRetries: 5 },
        })
      : new SSEClientTransport(options.url, { fetch: options.fetch });
  const client = new Client({ name: 'socbridge', version: VERSION }, { capabilities: {} });
  for (const [list, method] of Object.entries(LIST_CHANGED) as Array<[RemoteNotification, (typeof LIST_CHANGED)[RemoteNotification]]>) {
    client.setNotificationHandler(method, () => options.onNotification(list));
  }
  let closing = false;
  const session: RemoteSession = {
    client,
    kind,
    hasRemoteSession: () => kind === 'sse' || transport.sessionId !== undefined,
    close: async () => {
      closing = true;
      await client.close();
    },
  };
  client.onclose = () => {
    if (!closing) options.onLost(session);
  };
  // The SSE transport's stream is its only response channel: once it errors the session is dead.
  if (kind === 'sse') {
    client.onerror = (error) => {
      if (!closing && error.name === 'SseError') options.onLost(session, error);
    };
  }
  try {
    await client.connect(transport, { timeout: options.timeoutMs });
  } catch (error) {
    closing = true;
    // The connect error is what matters; closing a client that never connected can only fail the same way.
    await client.close().catch(() => undefined);
    throw error;
  }
  deliverResponsesLast(transport);
  return session;
}

/**
 * The SDK client dispatches notifications asynchronously but settles a request the moment its
 * response arrives, and forgets the request's progress handler then. When a remote's progress
 * and result arrive in one chunk (the SSE transport, any fast server), the progress would be
 * lost: responses are handed over one macrotask later, after the notifications before them.
 */
function deliverResponsesLast(transport: Transport): void {
  const deliver = transport.onmessage;
  if (!deliver) return;
  transport.onmessage = (message, extra) => {
    if ('id' in message && !('method' in message)) setImmediate(() => deliver(message, extra));
    else deliver(message, extra);
  };
}
