export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type QueryValue = string | number | boolean | undefined | null | Array<string | number>;

export interface HttpRequest {
  method?: HttpMethod;
  /** Path below the backend's base URL, built with `path\`…\`` so every id is one encoded segment. */
  path: string;
  /** Undefined and null values are skipped; arrays repeat the parameter (`tags=a&tags=b`). */
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  /** Whether a retry is safe. Defaults to true for GET, false otherwise. */
  idempotent?: boolean;
  /** Overrides the client's per-call timeout (ms) for slow endpoints such as a hunt. */
  timeoutMs?: number;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

/** The one HTTP client connectors see: bound to a tool name and an abort signal per call. */
export interface HttpClient {
  request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>>;
  get<T = unknown>(path: string, query?: HttpRequest['query']): Promise<T>;
  post<T = unknown>(path: string, body?: unknown, options?: Partial<HttpRequest>): Promise<T>;
  patch<T = unknown>(path: string, body?: unknown): Promise<T>;
}
