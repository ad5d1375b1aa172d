import type { RemoteFailure } from './failures.js';

export interface ExplainContext {
  url: string;
  timeoutMs: number;
  /** The host-facing tool (or method) that failed; absent while connecting. */
  what?: string;
}

/**
 * The text the host and the model see when the remote cannot serve a request: what happened and
 * what to do next. The caller redacts secrets.
 */
export function explainFailure(failure: RemoteFailure, ctx: ExplainContext): string {
  const { url } = ctx;
  const subject = ctx.what ? ` ${ctx.what}` : '';
  switch (failure.kind) {
    case 'http':
      return explainStatus(failure, ctx);
    case 'connect':
      return `Cannot reach the remote MCP server at ${url} (${failure.code ?? 'connection failed'}). socbridge keeps reconnecting in the background and serves it as soon as it answers: check that the server is running and --url is right (proxy settings: HTTPS_PROXY, NO_PROXY), then retry.`;
    case 'reset':
    case 'closed':
      return `The connection to the remote MCP server at ${url} dropped${failure.kind === 'reset' && failure.code ? ` (${failure.code})` : ''}. socbridge is reconnecting; retry${subject} in a moment.`;
    case 'tls':
      return `TLS with ${url} failed (${failure.code ?? 'handshake'}). If the server uses a private or corporate CA, pass --ca-file <pem> or set NODE_EXTRA_CA_CERTS; if the certificate expired or names another host, fix it on the server.`;
    case 'timeout':
      return `The remote MCP server at ${url} did not answer${subject} within ${ctx.timeoutMs} ms. It may be overloaded or the request too broad: retry, narrow the request, or raise --timeout / SOCBRIDGE_TIMEOUT_MS.`;
    case 'aborted':
      return `The call${subject} was cancelled before the remote MCP server answered.`;
    case 'rpc':
      return explainRpc(failure, ctx);
    case 'other':
      return `socbridge could not talk to the remote MCP server at ${url}: ${failure.message}. Run with --verbose for details.`;
  }
}

function explainStatus(failure: Extract<RemoteFailure, { kind: 'http' }>, ctx: ExplainContext): string {
  const said = failure.said ? `: ${failure.said}` : '';
  const { status } = failure;
  if (status === 401) {
    return `The remote MCP server at ${ctx.url} rejected the credentials (401${said}). Check the key (--api-key / SOCBRIDGE_API_KEY, sent as "Authorization: Bearer …") and any --header / SOCBRIDGE_HEADERS values, then restart the host.`;
  }
  if (status === 403) {
    return `The remote MCP server at ${ctx.url} refused this key (403${said}). Use a key allowed to use MCP, or ask the server's admin for access.`;
  }
  if (status === 404 || status === 405) {
    return `${ctx.url} answered ${status}${said}: it is not an MCP endpoint. Point --url at the server's MCP endpoint (often …/mcp for streamable HTTP, …/sse for the older SSE transport), or force one with --transport http|sse.`;
  }
  if (status === 429) return `The remote MCP server at ${ctx.url} is rate limiting this key (429${said}). Retry in a little while.`;
  if (status >= 500) return `The remote MCP server at ${ctx.url} failed with ${status}${said}. It is having trouble: retry shortly.`;
  return `The remote MCP server at ${ctx.url} answered ${status}${said}.`;
}

/**
 * JSON-RPC errors a tool call can meet. Saltare answers -32000 for a key lacking a scope or not
 * bound to an agent; the model can only act on those if it is told which.
 */
function explainRpc(failure: Extract<RemoteFailure, { kind: 'rpc' }>, ctx: ExplainContext): string {
  const refused = `The remote MCP server refused${ctx.what ? ` ${ctx.what}` : ' the request'} (${failure.code}: ${failure.message}).`;
  if (/scope/i.test(failure.message)) {
    return `${refused} The key lacks a permission this needs: use a key with that scope, or hide what it cannot do with --read-only or --exclude-tools${ctx.what ? ` ${ctx.what}` : ''}.`;
  }
  if (/unbound|not bound|agent/i.test(failure.message)) {
    return `${refused} The key is not bound to an agent, and calling tools needs one: bind the key to an agent in the server's settings, or use a key that is bound.`;
  }
  if (/auth|token|credential/i.test(failure.message)) {
    return `${refused} Check the key (--api-key / SOCBRIDGE_API_KEY) and any --header values, then restart the host.`;
  }
  return refused;
}
