import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { RequestLogEntry } from '../../server/request-log.js';
import type { FaceRequest } from '../../server/types.js';
import { authenticate, McpAuthError, type McpPrincipal } from './auth.js';
import type { KeyTable } from '../../server/keys.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { APPLICATION_ERROR, BadMessage, describe, errorBody, parseMessage } from './jsonrpc.js';

/** What both MCP transports get for one HTTP request. */
export interface Exchange {
  request: FaceRequest;
  res: ServerResponse;
  entry: RequestLogEntry;
  /** Headers the sandbox adds to every answer (rate-limit counters). */
  headers: Record<string, string>;
}

export function sendJson(exchange: Exchange, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  exchange.res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...exchange.headers, ...headers });
  exchange.res.end(text);
}

export function sendEmpty(exchange: Exchange, status: number, headers: Record<string, string> = {}): void {
  exchange.res.writeHead(status, { ...exchange.headers, ...headers });
  exchange.res.end();
}

/** The caller, or null after answering 401 with a JSON-RPC error body. */
export function authorize(exchange: Exchange, keys: KeyTable): McpPrincipal | null {
  try {
    const principal = authenticate(exchange.request.headers, keys);
    exchange.entry.authorized = true;
    return principal;
  } catch (error) {
    if (!(error instanceof McpAuthError)) throw error;
    sendJson(exchange, 401, errorBody(APPLICATION_ERROR, error.message), { 'www-authenticate': 'Bearer realm="socbridge-sandbox"' });
    return null;
  }
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function acceptsEventStream(headers: IncomingHttpHeaders): boolean {
  return (header(headers, 'accept') ?? '').toLowerCase().includes('text/event-stream');
}

/**
 * The JSON-RPC message a POST carries, recorded in the request log; a body that is not one is
 * answered 400 here (both transports do the same) and undefined is returned.
 */
export function readMessage(exchange: Exchange): { message: JSONRPCMessage; described: ReturnType<typeof describe> } | undefined {
  let message: JSONRPCMessage;
  try {
    message = parseMessage(exchange.request.body);
  } catch (error) {
    if (error instanceof BadMessage) {
      sendJson(exchange, 400, errorBody(error.code, error.message));
      return undefined;
    }
    throw error;
  }
  const described = describe(message);
  if (described) exchange.entry.mcp = described;
  return { message, described };
}
