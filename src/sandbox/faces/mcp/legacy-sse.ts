import type { KeyTable } from '../../server/keys.js';
import { authorize, readMessage, sendJson, type Exchange } from './http.js';
import { APPLICATION_ERROR, errorBody, SESSION_NOT_FOUND } from './jsonrpc.js';
import type { SessionRegistry } from './sessions.js';
import { SseStream, StreamSink } from './sinks.js';

export const SSE_PATH = '/sse';
export const MESSAGES_PATH = '/messages';

/**
 * The legacy HTTP+SSE transport, as Calseta's MCP server speaks it: `GET /sse` opens the stream and
 * names, in its first `endpoint` event, where to POST messages; answers come back on the stream.
 * The session lives as long as the stream.
 */
export async function openLegacyStream(exchange: Exchange, keys: KeyTable, sessions: SessionRegistry): Promise<void> {
  const principal = authorize(exchange, keys);
  if (!principal) return;
  if (exchange.request.method !== 'GET') return sendJson(exchange, 405, errorBody(APPLICATION_ERROR, 'Method not allowed: GET /sse opens the stream; POST messages to the endpoint it names'), { allow: 'GET' });
  const session = await sessions.open(principal, 'sse');
  const id = session.id ?? '';
  const stream = new SseStream(exchange.res, exchange.headers);
  session.stream = new StreamSink(stream);
  stream.event('endpoint', `${MESSAGES_PATH}?sessionId=${encodeURIComponent(id)}`);
  exchange.res.on('close', () => sessions.drop(id));
}

export function postLegacyMessage(exchange: Exchange, keys: KeyTable, sessions: SessionRegistry): void {
  const principal = authorize(exchange, keys);
  if (!principal) return;
  if (exchange.request.method !== 'POST') return sendJson(exchange, 405, errorBody(APPLICATION_ERROR, 'Method not allowed: POST JSON-RPC messages here'), { allow: 'POST' });
  const id = exchange.request.query.get('sessionId');
  if (!id) return sendJson(exchange, 400, errorBody(APPLICATION_ERROR, 'Bad Request: the sessionId query parameter is required; GET /sse first'));
  const session = sessions.use(id, 'sse');
  if (!session) return sendJson(exchange, 404, errorBody(SESSION_NOT_FOUND, 'Session not found: open a new stream with GET /sse'));
  if (session.principal.token !== principal.token) return sendJson(exchange, 403, errorBody(APPLICATION_ERROR, 'This session belongs to another API key'));
  const read = readMessage(exchange);
  if (!read) return;
  const { message, described } = read;
  session.admit(message, session.stream, described);
  exchange.res.writeHead(202, { 'content-type': 'text/plain; charset=utf-8', ...exchange.headers });
  exchange.res.end('Accepted');
}
