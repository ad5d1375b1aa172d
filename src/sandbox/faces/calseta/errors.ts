/** Calseta's error envelope: every failure is `{"error": {"code", "message", "details"}}`. */
export class CalsetaError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, details: Record<string, unknown> = {}): { error: { code: string; message: string; details: Record<string, unknown> } } {
  return { error: { code, message, details } };
}

/** The codes Calseta uses for statuses the sandbox server itself answers. */
export const CODE_FOR_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'VALIDATION_ERROR',
  429: 'RATE_LIMITED',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

export function notFound(resource: string): CalsetaError {
  return new CalsetaError(404, 'NOT_FOUND', `${resource} not found.`);
}

/** A request-shape problem found by hand (not by the parameter readers), as a 422. */
export function validationError(message: string, loc: Array<string | number>, type = 'value_error'): CalsetaError {
  return new CalsetaError(422, 'VALIDATION_ERROR', message, { errors: [{ type, loc, msg: message }] });
}

export function rateLimited(retryAfterSeconds: number): CalsetaError {
  return new CalsetaError(429, 'RATE_LIMITED', `Rate limit exceeded. Retry after ${retryAfterSeconds} seconds.`, { retry_after_seconds: retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) });
}
