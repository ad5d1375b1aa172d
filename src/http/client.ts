import type { Logger } from '../server/logger.js';
import { VERSION } from '../version.js';
import { describeText, isJsonContentType, readCapped } from './body.js';
import { classifyTransportError, errorCode } from './classify.js';
import { BackendError } from './errors.js';
import { DEFAULT_RETRY_POLICY, RETRYABLE_STATUSES, parseRetryAfter, retryDelayMs, sleep, type RetryPolicy } from './retry.js';
import { CancelledError, DeadlineError, type Transport } from './transport.js';
import type { HttpClient, HttpRequest, HttpResponse, QueryValue } from './types.js';

export interface BackendClientOptions {
  /** What the user calls the backend in messages ("AiSOC"). */
  label: string;
  baseUrl: string;
  /** REST prefix below baseUrl (`/api/v1`), skipped when baseUrl already ends with it. */
  apiPrefix: string;
  /** Credential headers; undefined when no key is configured (the server refuses calls before they get here). */
  authHeaders?: Record<string, string>;
  timeoutMs: number;
  maxResponseBytes: number;
  /** The connection pool (see createTransport). */
  transport: Transport;
  logger: Logger;
  /** Reads the backend's own message from an error body. */
  errorMessage: (body: unknown) => string | undefined;
  retry?: RetryPolicy;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * The one HTTP client: a keep-alive pool per origin, one deadline per call covering connect,
 * headers, body and every retry, retries for idempotent requests only, a byte cap on bodies.
 */
export class BackendClient {
  readonly origin: string;
  private readonly prefix: string;

  constructor(private readonly options: BackendClientOptions) {
    const url = new URL(options.baseUrl);
    this.origin = url.origin;
    const basePath = url.pathname.replace(/\/+$/, '');
    this.prefix = basePath.endsWith(options.apiPrefix) ? basePath : `${basePath}${options.apiPrefix}`;
  }

  /** A client for one tool call: every request names the tool and stops when the call is cancelled. */
  bind(context: { tool?: string; signal?: AbortSignal }): HttpClient {
    const send = <T>(req: HttpRequest) => this.send<T>(req, context);
    return {
      request: send,
      get: async (path, query) => (await send({ method: 'GET', path, query })).body as never,
      post: async (path, body, options) => (await send({ ...options, method: 'POST', path, body })).body as never,
      patch: async (path, body) => (await send({ method: 'PATCH', path, body })).body as never,
    };
  }

  /** Requests a path at the origin's root, outside the API prefix (health endpoints). */
  async sendRoot<T>(req: HttpRequest, context: { tool?: string; signal?: AbortSignal } = {}): Promise<HttpResponse<T>> {
    return this.send<T>(req, context, '');
  }

  /** Waits for in-flight requests, then closes the pool. */
  async close(): Promise<void> {
    await this.options.transport.close();
  }

  /** Aborts in-flight requests and closes the pool at once (shutdown). */
  destroy(): void {
    this.options.transport.destroy();
  }

  private async send<T>(req: HttpRequest, context: { tool?: string; signal?: AbortSignal }, prefix = this.prefix): Promise<HttpResponse<T>> {
    const method = req.method ?? 'GET';
    const path = `${prefix}${req.path}${buildQuery(req.query)}`;
    const where = { method, path: `${prefix}${req.path}` };
    const idempotent = req.idempotent ?? (method === 'GET' || method === 'PUT' || method === 'DELETE');
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs;
    const deadline = Date.now() + timeoutMs;
    const policy = this.options.retry ?? DEFAULT_RETRY_POLICY;
    return this.sendWithRetries<T>(req, context, { method, path, where, idempotent, deadline, policy, timeoutMs });
  }

  private async sendWithRetries<T>(
    req: HttpRequest,
    context: { tool?: string; signal?: AbortSignal },
    plan: {
      method: string;
      path: string;
      where: { method: string; path: string };
      idempotent: boolean;
      deadline: number;
      policy: RetryPolicy;
      timeoutMs: number;
    },
  ): Promise<HttpResponse<T>> {
    const { method, path, where, idempotent, deadline, policy, timeoutMs } = plan;
    const { signal } = context;
    const headers = this.headers(req, context.tool);
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body);

    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      let failure: BackendError;
      try {
        const response = await this.attempt<T>({ method, path, headers, payload, signal, deadline }, where);
        this.options.logger.debug(`${method} ${where.path} → ${response.status} in ${Date.now() - started} ms${context.tool ? ` (${context.tool})` : ''}`);
        return response;
      } catch (error) {
        failure = this.toBackendError(error, where, signal, timeoutMs);
        failure.details.attempts = attempt;
        this.options.logger.debug(`${method} ${where.path} failed (${failure.kind}${failure.status ? ` ${failure.status}` : ''}) attempt ${attempt}`);
      }
      if (!idempotent || attempt >= policy.maxAttempts || !isRetryable(failure)) throw failure;
      const delay = retryDelayMs(attempt - 1, policy, failure.details.retryAfterSeconds);
      // A retry that cannot finish before the deadline only delays the error the model needs to see.
      if (Date.now() + delay >= deadline) throw failure;
      try {
        await sleep(delay, signal);
      } catch (error) {
        throw this.toBackendError(error, where, signal, timeoutMs);
      }
    }
  }

  private headers(req: HttpRequest, tool: string | undefined): Record<string, string> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': `socbridge/${VERSION}`,
      ...this.options.authHeaders,
    };
    if (tool) headers['x-socbridge-tool'] = tool;
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    return headers;
  }

  private async attempt<T>(
    exchange: { method: string; path: string; headers: Record<string, string>; payload: string | undefined; signal: AbortSignal | undefined; deadline: number },
    where: { method: string; path: string },
  ): Promise<HttpResponse<T>> {
    const { method, path, headers, payload, signal, deadline } = exchange;
    const response = await this.options.transport.request({ origin: this.origin, path, method, headers, body: payload, signal, deadline });
    const status = response.statusCode;
    const responseHeaders = flattenHeaders(response.headers);
    const raw = await readCapped(response.body, this.options.maxResponseBytes, { ...where, status });
    const text = raw.toString('utf8');
    const contentType = responseHeaders['content-type'];

    if (status < 200 || status >= 300) {
      const body = parseJsonOrUndefined(text);
      const backendMessage = body === undefined ? (text ? describeText(text) : undefined) : this.options.errorMessage(body);
      throw new BackendError(`${this.options.label} answered ${status}`, {
        kind: 'http',
        ...where,
        status,
        body,
        backendMessage,
        retryAfterSeconds: parseRetryAfter(responseHeaders['retry-after']),
      });
    }
    if (status === 204 || text.length === 0) return { status, headers: responseHeaders, body: null as T };
    const body = isJsonContentType(contentType) ? parseJsonOrUndefined(text) : undefined;
    if (body === undefined) {
      throw new BackendError(`${this.options.label} answered ${status} with ${contentType ?? 'no content type'}, not JSON`, {
        kind: 'non_json',
        ...where,
        status,
        backendMessage: `${contentType ?? 'no content type'}: ${describeText(text)}`,
      });
    }
    return { status, headers: responseHeaders, body: body as T };
  }

  private toBackendError(error: unknown, where: { method: string; path: string }, callerSignal: AbortSignal | undefined, timeoutMs: number): BackendError {
    if (error instanceof BackendError) return error;
    if (callerSignal?.aborted || error instanceof CancelledError) return new BackendError('the call was cancelled', { kind: 'aborted', ...where });
    if (error instanceof DeadlineError) {
      return new BackendError(`no complete answer within ${timeoutMs} ms`, { kind: 'timeout', ...where });
    }
    const code = errorCode(error);
    const kind = classifyTransportError(code);
    const message = error instanceof Error ? error.message : String(error);
    return new BackendError(message, { kind, ...where, code });
  }
}

function isRetryable(error: BackendError): boolean {
  if (error.kind === 'reset') return true;
  return error.kind === 'http' && error.status !== undefined && RETRYABLE_STATUSES.has(error.status);
}

function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in headers) {
    const value = headers[key];
    if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseJsonOrUndefined(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
