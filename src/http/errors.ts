/**
 * Every way a backend call can fail, as one typed error. `kind` drives the text the model
 * sees (server/errors.ts); nothing here ever carries the API key.
 */
export type BackendErrorKind =
  | 'http' // the backend answered with a non-2xx status
  | 'timeout' // the call's deadline passed (connect, headers or body)
  | 'connect' // refused, unreachable, DNS failure
  | 'reset' // the connection dropped mid-request
  | 'tls' // certificate or handshake problem
  | 'non_json' // a 2xx whose body is not JSON (an HTML login page, a proxy banner…)
  | 'too_large' // the body passed the response byte cap
  | 'aborted' // the host cancelled the call
  | 'config'; // the call could not be made as configured (no key, no URL)

export interface BackendErrorDetails {
  kind: BackendErrorKind;
  method?: string;
  path?: string;
  status?: number;
  /** The backend's own message (FastAPI `detail`, Calseta `error.message`, …), already a string. */
  backendMessage?: string;
  /** Parsed error body, when it was JSON. */
  body?: unknown;
  /** Seconds the backend asked us to wait (from `Retry-After`). */
  retryAfterSeconds?: number;
  /** How many attempts were made before giving up. */
  attempts?: number;
  /** The low-level cause code (ECONNREFUSED, CERT_HAS_EXPIRED, …). */
  code?: string;
}

export class BackendError extends Error {
  readonly kind: BackendErrorKind;
  readonly details: BackendErrorDetails;

  constructor(message: string, details: BackendErrorDetails) {
    super(message);
    this.name = 'BackendError';
    this.kind = details.kind;
    this.details = details;
  }

  get status(): number | undefined {
    return this.details.status;
  }
}
