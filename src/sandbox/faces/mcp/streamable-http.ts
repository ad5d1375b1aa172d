import { isInitializeRequest } from '@modelcontextprotocol/server';
import type { KeyTable } from '../../server/keys.js';
import type { McpPrincipal } from './auth.js';
import { acceptsEventStream, authorize, header, readMessage, sendEmpty, sendJson, type Exchange } from './http.js';
import { APPLICATION_ERROR, errorBody, INVALID_REQUEST, isRequest, SESSION_NOT_FOUND } from './jsonrpc.js';
import type { McpSession } from './session.js';
import type { SessionRegistry } from './sessions.js';
import { PostJsonSink, PostStreamSink, SseStream, StreamSink, type Sink } from './sinks.js';

const SESSION_HEADER = 'mcp-session-id';

/**
 * `/mcp`, the streamable HTTP transport the way Saltare serves it: POST answers JSON unless the
 * client's Accept names `text/event-stream`; `initialize` opens a session (`Mcp-Session-Id`);
 * POSTs without a session id are served statelessly; GET opens the session's stream; DELETE ends it.
 */
export async function serveStreamableHttp(exchange: Exchange, keys: KeyTable, sessions: SessionRegistry): Promise<void> {
  const principal = authorize(exchange, keys);
  if (!principal) return;
  switch (exchange.request.method) {
    case 'POST':
      return post(exchange, principal, sessions);
    case 'GET':
      return openStream(exchange, principal, sessions);
    case 'DELETE':
      return endSession(exchange, principal, sessions);
    default:
      return sendJson(exchange, 405, errorBody(APPLICATION_ERROR, 'Method not allowed: use POST, GET or DELETE'), { allow: 'POST, GET, DELETE' });
  }
}

async function post(exchange: Exchange, principal: McpPrincipal, sessions: SessionRegistry): Promise<void> {
  const read = readMessage(exchange);
  if (!read) return;
  const { message, described } = read;

  const sessionId = header(exchange.request.headers, SESSION_HEADER);
  let session: McpSession;
  if (sessionId !== undefined) {
    const found = existing(exchange, principal, sessions, sessionId);
    if (!found) return;
    if (isInitializeRequest(message)) return sendJson(exchange, 400, errorBody(INVALID_REQUEST, 'Invalid Request: session already initialized'));
    session = found;
  } else {
    session = isInitializeRequest(message) ? await sessions.open(principal, 'streamable') : await sessions.ephemeral(principal);
  }
  const headers: Record<string, string> = session.id === undefined ? {} : { [SESSION_HEADER]: session.id };

  if (!isRequest(message)) {
    session.admit(message, null, described);
    if (session.kind === 'stateless') await session.close();
    return sendEmpty(exchange, 202, headers);
  }
  const sink: Sink = acceptsEventStream(exchange.request.headers) ? new PostStreamSink(exchange.res, { ...exchange.headers, ...headers }) : new PostJsonSink(exchange.res, { ...exchange.headers, ...headers });
  const id = message.id;
  exchange.res.on('close', () => {
    if (!exchange.res.writableFinished) session.lost(id);
  });
  session.admit(message, sink, described);
}

async function openStream(exchange: Exchange, principal: McpPrincipal, sessions: SessionRegistry): Promise<void> {
  const sessionId = header(exchange.request.headers, SESSION_HEADER);
  if (sessionId === undefined) return sendJson(exchange, 400, errorBody(APPLICATION_ERROR, 'Bad Request: GET /mcp needs an Mcp-Session-Id header'));
  const session = existing(exchange, principal, sessions, sessionId);
  if (!session) return;
  if (!acceptsEventStream(exchange.request.headers)) return sendJson(exchange, 406, errorBody(APPLICATION_ERROR, 'Not Acceptable: GET /mcp answers text/event-stream'));
  if (session.stream?.stream.open) return sendJson(exchange, 409, errorBody(APPLICATION_ERROR, 'Conflict: this session already has a stream open'));
  const sink = new StreamSink(new SseStream(exchange.res, { ...exchange.headers, [SESSION_HEADER]: sessionId }));
  session.stream = sink;
  exchange.res.on('close', () => {
    if (session.stream === sink) session.stream = null;
  });
}

function endSession(exchange: Exchange, principal: McpPrincipal, sessions: SessionRegistry): void {
  const sessionId = header(exchange.request.headers, SESSION_HEADER);
  if (sessionId === undefined) return sendJson(exchange, 400, errorBody(APPLICATION_ERROR, 'Bad Request: DELETE /mcp needs an Mcp-Session-Id header'));
  if (!existing(exchange, principal, sessions, sessionId)) return;
  sessions.drop(sessionId);
  sendEmpty(exchange, 200);
}

/** The session the request names, or null after answering 404 (unknown or expired) or 403 (someone else's). */
function existing(exchange: Exchange, principal: McpPrincipal, sessions: SessionRegistry, id: string): McpSession | null {
  const session = sessions.use(id, 'streamable');
  if (!session) {
    sendJson(exchange, 404, errorBody(SESSION_NOT_FOUND, 'Session not found: it expired or was never issued; send initialize again'));
    return null;
  }
  if (session.principal.token !== principal.token) {
    sendJson(exchange, 403, errorBody(APPLICATION_ERROR, 'This session belongs to another API key'));
    return null;
  }
  return session;
}
