import type { SandboxContext } from '../../server/context.js';
import type { StreamingFace } from '../../server/types.js';
import type { McpPrincipal } from './auth.js';
import { errorBody, APPLICATION_ERROR } from './jsonrpc.js';
import { MESSAGES_PATH, openLegacyStream, postLegacyMessage, SSE_PATH } from './legacy-sse.js';
import { createMcpServer } from './server.js';
import { McpSession, type SessionKind } from './session.js';
import { SessionRegistry } from './sessions.js';
import { McpState } from './state.js';
import { serveStreamableHttp } from './streamable-http.js';

export interface McpFace extends StreamingFace {
  /** Ends every MCP session now (the `/__sandbox/mcp/expire-sessions` hook). */
  expireSessions(): number;
}

const MCP_PATHS = new Set(['/mcp', '/mcp/']);

/**
 * MCP over HTTP on the sandbox's port: `/mcp` (streamable HTTP, like Saltare) and `/sse` +
 * `/messages` (legacy HTTP+SSE, like Calseta's MCP server), both serving the same tools, resources
 * and prompts over the shared dataset, to `slt_` keys.
 */
export function createMcpFace(ctx: SandboxContext, options: { idleMs: number }): McpFace {
  const states = new Map<string, McpState>();
  const stateFor = (tenantId: string) => {
    let state = states.get(tenantId);
    if (!state) {
      state = new McpState(ctx, tenantId);
      states.set(tenantId, state);
    }
    return state;
  };
  const sessions = new SessionRegistry(options.idleMs, (principal: McpPrincipal, id: string | undefined, kind: SessionKind) => {
    const server = createMcpServer({ ctx, dataset: ctx.dataset, state: stateFor(principal.tenantId), principal });
    return new McpSession(id, kind, principal, server);
  });

  return {
    name: 'mcp',
    owns: (path) => MCP_PATHS.has(path) || path === SSE_PATH || path === MESSAGES_PATH,
    async serve(request, res, { entry, headers }) {
      const exchange = { request, res, entry, headers };
      if (request.path === SSE_PATH) return openLegacyStream(exchange, ctx.keys, sessions);
      if (request.path === MESSAGES_PATH) return postLegacyMessage(exchange, ctx.keys, sessions);
      return serveStreamableHttp(exchange, ctx.keys, sessions);
    },
    errorReply: (_status, message) => ({ body: errorBody(APPLICATION_ERROR, message) }),
    expireSessions: () => sessions.dropAll(),
    close: () => {
      sessions.dropAll();
    },
  };
}
