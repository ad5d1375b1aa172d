import { ProtocolError, SdkError, SdkErrorCode, SdkHttpError } from '@modelcontextprotocol/client';
import { classifyTransportError, errorCode } from '../http/classify.js';

/**
 * What went wrong talking to the remote MCP server, in the terms that decide what socbridge does
 * next (re-initialize, reconnect, explain) and what the model is told.
 */
export type RemoteFailure =
  | { kind: 'http'; status: number; said?: string } // the endpoint answered a non-2xx status
  | { kind: 'connect'; code?: string } // refused, unreachable, DNS
  | { kind: 'reset'; code?: string } // the connection or stream dropped
  | { kind: 'tls'; code?: string }
  | { kind: 'timeout' } // no answer within --timeout
  | { kind: 'aborted' } // the host cancelled
  | { kind: 'closed' } // the session's transport closed under us
  | { kind: 'rpc'; code: number; message: string; data?: unknown } // a JSON-RPC error from the remote
  | { kind: 'other'; message: string };

export function classifyFailure(error: unknown): RemoteFailure {
  if (error instanceof ProtocolError) return { kind: 'rpc', code: error.code, message: error.message, data: error.data };
  if (error instanceof SdkHttpError) return { kind: 'http', status: error.status, said: bodyText(error.data.text) };
  if (error instanceof SdkError) {
    switch (error.code) {
      case SdkErrorCode.RequestTimeout:
        return { kind: 'timeout' };
      case SdkErrorCode.ConnectionClosed:
      case SdkErrorCode.NotConnected:
        return { kind: 'closed' };
      default:
        break;
    }
  }
  if (isAbort(error)) return { kind: 'aborted' };
  const refusedPost = legacyPostStatus(error);
  if (refusedPost) return refusedPost;
  // The SSE transport reports the stream's HTTP status on its own error type.
  const sseStatus = (error as { code?: unknown } | undefined)?.code;
  if (error instanceof Error && error.name === 'SseError' && typeof sseStatus === 'number') return { kind: 'http', status: sseStatus };
  const code = errorCode(error);
  if (error instanceof TypeError || code) {
    const kind = classifyTransportError(code);
    if (kind === 'timeout') return { kind: 'timeout' };
    if (kind === 'tls' || kind === 'reset' || kind === 'connect') return { kind, code };
  }
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

/** A 404 for a request that carried a session id: the remote forgot the session (idle expiry, restart). */
export function isSessionGone(failure: RemoteFailure, hadSession: boolean): boolean {
  return hadSession && failure.kind === 'http' && failure.status === 404;
}

/** The session is unusable as a whole: reconnect rather than report per call. */
export function isConnectionLost(failure: RemoteFailure): boolean {
  return failure.kind === 'connect' || failure.kind === 'reset' || failure.kind === 'closed';
}

/** The request cannot have reached the remote, so sending it again cannot run a tool twice. */
export function neverArrived(failure: RemoteFailure): boolean {
  return failure.kind === 'connect' || failure.kind === 'closed' || (failure.kind === 'http' && failure.status === 404);
}

/**
 * The legacy SSE transport reports a refused POST as a plain Error whose message carries the
 * status and body (`Error POSTing to endpoint (HTTP 404): …`); its text is the only place the
 * status survives, and a 404 there means the remote forgot the session.
 */
const LEGACY_POST_REFUSED = /^Error POSTing to endpoint \(HTTP (\d{3})\): ([\s\S]*)$/;

function legacyPostStatus(error: unknown): Extract<RemoteFailure, { kind: 'http' }> | undefined {
  if (!(error instanceof Error)) return undefined;
  const match = LEGACY_POST_REFUSED.exec(error.message);
  if (!match) return undefined;
  return { kind: 'http', status: Number(match[1]), said: bodyText(match[2]) };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: unknown }).code === 'ABORT_ERR');
}

/** A short, single-line rendering of an error body (HTML pages and JSON errors alike). */
function bodyText(text: unknown): string | undefined {
  if (typeof text !== 'string' || !text.trim()) return undefined;
  try {
    const parsed = JSON.parse(text) as { error?: unknown; message?: unknown; detail?: unknown };
    const message = (parsed.error as { message?: unknown } | undefined)?.message ?? parsed.error ?? parsed.message ?? parsed.detail;
    if (typeof message === 'string') return clip(message);
  } catch {
    // not JSON: fall through to the raw text
  }
  return clip(text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}

const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);
