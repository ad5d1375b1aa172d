import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { RequestLogEntry } from './request-log.js';

/** A request as a face sees it: the path without its query, and the body as received. */
export interface FaceRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body text, or null when the request had none. */
  body: string | null;
}

export interface FaceResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Whether the request carried a credential the face accepted (for the request log). */
  authorized: boolean;
}

/** One vendor API served by the sandbox (AiSOC, Calseta; Stellar Cyber later). */
export interface Face {
  name: string;
  /**
   * Whether a request belongs to this face (its path prefix), so unknown paths under it get its
   * 404. Headers settle paths two vendors share (`/health`): faces are asked in order.
   */
  owns(path: string, headers: IncomingHttpHeaders): boolean;
  handle(request: FaceRequest): Promise<FaceResponse>;
  /**
   * The face's own body (and headers) for an error the server answers before the face runs:
   * 413, the `rateLimit` option's 429, the `errorRate` option's 503. Without it: `{"detail": …}`.
   */
  errorReply?(status: number, message: string, retryAfterSeconds?: number): { body: unknown; headers?: Record<string, string> };
  /** Stops timers and frees resources. */
  close(): void;
}

/**
 * A face that answers on the raw response instead of returning one JSON reply: MCP's transports
 * hold responses open (server-sent events) and answer one request on another's stream.
 */
export interface StreamingFace {
  name: string;
  owns(path: string, headers: IncomingHttpHeaders): boolean;
  /**
   * Answers the request on `res`. `entry` is the request's log entry (the face fills in
   * `authorized` and what it learns of the request); `headers` must be added to the response head.
   */
  serve(request: FaceRequest, res: ServerResponse, exchange: { entry: RequestLogEntry; headers: Record<string, string> }): Promise<void>;
  errorReply?(status: number, message: string, retryAfterSeconds?: number): { body: unknown; headers?: Record<string, string> };
  close(): void;
}

export type AnyFace = Face | StreamingFace;
