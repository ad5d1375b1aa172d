import type { IncomingHttpHeaders } from 'node:http';

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

/** One vendor API served by the sandbox (AiSOC today; Calseta and Stellar Cyber later). */
export interface Face {
  name: string;
  /** Whether a path belongs to this face (its prefix), so unknown paths under it get its 404. */
  owns(path: string): boolean;
  handle(request: FaceRequest): Promise<FaceResponse>;
  /** Stops timers and frees resources. */
  close(): void;
}
