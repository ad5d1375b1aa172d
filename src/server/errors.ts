import { ToolInputError } from '../connectors/errors.js';
import type { AnyToolSpec, Connector } from '../connectors/types.js';
import { UnsafePathSegmentError } from '../http/path.js';
import { BackendError } from '../http/errors.js';

export interface ErrorContext {
  connector: Connector;
  spec: AnyToolSpec;
  args: Record<string, unknown>;
  /** The backend URL, for connection errors (never includes credentials). */
  url: string;
  timeoutMs: number;
}

/**
 * Turns any failure of a tool call into the text a model can act on: what happened, with the
 * backend's own words, and what to do next. Never a stack trace; the caller redacts secrets.
 */
export function describeError(error: unknown, ctx: ErrorContext): string {
  if (error instanceof ToolInputError) return error.message;
  if (error instanceof UnsafePathSegmentError) return `Refused before any request: ${error.message}. Pass an id exactly as a list tool returned it.`;
  if (error instanceof BackendError) return describeBackendError(error, ctx);
  const message = error instanceof Error ? error.message : String(error);
  return `socbridge failed while running ${ctx.spec.name}: ${message}. This is a bug in socbridge; please report it with --verbose logs.`;
}

function describeBackendError(error: BackendError, ctx: ErrorContext): string {
  const { label } = ctx.connector;
  const d = error.details;
  const said = d.backendMessage ? `: ${d.backendMessage}` : '';
  const request = d.method && d.path ? ` (${d.method} ${d.path})` : '';
  switch (error.kind) {
    case 'config':
      return error.message;
    case 'timeout':
      return `${label} did not answer within ${ctx.timeoutMs} ms${request}. It may be overloaded or the query too broad: retry, narrow the request, or raise --timeout / SOCBRIDGE_TIMEOUT_MS.`;
    case 'connect':
      return `Cannot connect to ${label} at ${ctx.url} (${d.code ?? error.message}). Check --url / SOCBRIDGE_URL and that the server is running and reachable (proxy settings: HTTPS_PROXY, NO_PROXY); \`socbridge doctor\` pinpoints the cause.`;
    case 'reset':
      return `The connection to ${label} dropped mid-request${request} (${d.code ?? 'reset'}) after ${d.attempts ?? 1} attempt(s). Retry shortly; if it persists, check proxies or load balancers between you and ${ctx.url}.`;
    case 'tls':
      return `TLS with ${ctx.url} failed (${d.code ?? error.message}). If the server uses a private or corporate CA, pass --ca-file <pem> or set NODE_EXTRA_CA_CERTS (GUI hosts need it in the server entry's env); if the certificate expired or names another host, fix it on the server.`;
    case 'non_json':
      return `${label} answered${request} with something that is not JSON (${d.backendMessage ?? 'unknown content'}). ${
        ctx.connector.nonJsonHint ? `Most likely ${ctx.connector.nonJsonHint}.` : `The URL probably points at a web UI, a login page or a proxy: point --url at the ${label} API.`
      }`;
    case 'too_large':
      return `${label}'s response${request} was larger than socbridge accepts. Narrow the request (smaller page size, tighter filters).`;
    case 'aborted':
      return `The call was cancelled before ${label} answered.`;
    case 'http':
      return describeStatus(error, ctx, said, request);
  }
}

function describeStatus(error: BackendError, ctx: ErrorContext, said: string, request: string): string {
  const { label } = ctx.connector;
  const status = error.status ?? 0;
  const d = error.details;
  if (status === 401) {
    return `${label} rejected the API key (401${said}). Check that the key is correct, active and unexpired; set it with SOCBRIDGE_API_KEY in the host entry's env, --api-key, or a profile (socbridge install --api-key …).`;
  }
  if (status === 403) {
    return `${label} refused ${ctx.spec.name} (403${said}). This tool needs the scope "${ctx.spec.scope}". ${ctx.connector.scopeHelp} Or hide tools your key cannot use with --read-only / --exclude-tools ${ctx.spec.name}.`;
  }
  if (status === 404) {
    const nf = ctx.spec.notFound;
    if (nf) {
      const id = ctx.args[nf.idArg];
      return `${label} found no ${nf.what} with ${nf.idArg} "${String(id)}" (404${said}). Call ${nf.listTool} to find valid ids.`;
    }
    return `${label} answered 404${said}${request}. The endpoint may not exist in this ${label} version; check --url.`;
  }
  if (status === 422 || status === 400) {
    return `${label} rejected the arguments (${status}${said}). Fix those fields and call ${ctx.spec.name} again.`;
  }
  if (status === 429) {
    const wait = d.retryAfterSeconds !== undefined ? `retry after ${Math.ceil(d.retryAfterSeconds)} s` : 'retry in a little while';
    return `${label} is rate limiting this key (429${said}); socbridge retried ${Math.max(0, (d.attempts ?? 1) - 1)} time(s). Rate limited: ${wait}.`;
  }
  if (status === 409) return `${label} reported a conflict (409${said}). Re-read the current state and try again.`;
  if (status === 413) return `${label} refused the request as too large (413${said}). Send less data.`;
  if (status >= 500) {
    const retried = (d.attempts ?? 1) > 1 ? ` after ${d.attempts} attempts` : '';
    return `${label} failed with ${status}${said}${retried}${request}. The backend is having trouble: try again shortly, or check its health with \`socbridge doctor\`.`;
  }
  return `${label} answered ${status}${said}${request}.`;
}
