import { isJSONRPCNotification, isJSONRPCRequest, parseJSONRPCMessage, type JSONRPCErrorResponse, type JSONRPCMessage, type JSONRPCRequest, type RequestId } from '@modelcontextprotocol/server';
import type { McpExchange } from '../../server/request-log.js';

/** JSON-RPC error codes the sandbox answers with itself (the SDK answers the rest). */
export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
/** Saltare's application error: missing scope, unbound agent, auth failure. */
export const APPLICATION_ERROR = -32000;
/** The SDK's (and most servers') code for an unknown or expired session. */
export const SESSION_NOT_FOUND = -32001;

/** The error answering one request. */
export function errorMessage(id: RequestId, code: number, message: string): JSONRPCErrorResponse {
  return { jsonrpc: '2.0', id, error: { code, message } };
}

/** An HTTP-level error body (bad key, unknown session, unparseable body): no request id to echo. */
export function errorBody(code: number, message: string) {
  return { jsonrpc: '2.0' as const, id: null, error: { code, message } };
}

/** A body that is not one JSON-RPC message: the HTTP status and the error to answer with. */
export class BadMessage extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** One JSON-RPC message from a POST body. Batches were removed from MCP in 2025-06-18. */
export function parseMessage(body: string | null): JSONRPCMessage {
  let value: unknown;
  try {
    value = JSON.parse(body ?? '');
  } catch {
    throw new BadMessage(PARSE_ERROR, 'Parse error: body is not JSON');
  }
  if (Array.isArray(value)) throw new BadMessage(INVALID_REQUEST, 'Invalid Request: JSON-RPC batches are not supported; send one message per POST');
  try {
    return parseJSONRPCMessage(value);
  } catch {
    throw new BadMessage(INVALID_REQUEST, 'Invalid Request: not a JSON-RPC 2.0 message');
  }
}

export function isRequest(message: JSONRPCMessage): message is JSONRPCRequest {
  return isJSONRPCRequest(message);
}

/** What the request log records of a message: its method, the tool called, the id. */
export function describe(message: JSONRPCMessage): McpExchange | undefined {
  if (!isJSONRPCRequest(message) && !isJSONRPCNotification(message)) return undefined;
  const name = message.method === 'tools/call' ? message.params?.name : undefined;
  return { method: message.method, tool: typeof name === 'string' ? name : null, id: isJSONRPCRequest(message) ? message.id : null, cancelled: false };
}

/** The request a `notifications/cancelled` names, if the message is one. */
export function cancelledRequestId(message: JSONRPCMessage): RequestId | undefined {
  if (!isJSONRPCNotification(message) || message.method !== 'notifications/cancelled') return undefined;
  const id = message.params?.requestId;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
}
