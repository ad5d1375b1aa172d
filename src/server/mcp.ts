import { McpServer, ResourceTemplate, type RegisteredTool } from '@modelcontextprotocol/server';
import { VERSION } from '../version.js';
import type { Bridge } from './bridge.js';
import { executeTool, readResource } from './execute.js';

/**
 * Builds the MCP face of a bridge. `serveStdio` calls this once per connection (it pins one
 * instance to the protocol era the client opened with), so registration must stay cheap.
 */
export function createMcpServer(bridge: Bridge): McpServer {
  const server = new McpServer(
    { name: 'socbridge', version: VERSION, title: `socbridge (${bridge.connector.label})` },
    {
      capabilities: { tools: { listChanged: true }, ...(bridge.connector.resources?.length ? { resources: {} } : {}) },
      instructions: bridge.connector.instructions,
    },
  );
  const registered = new Map<string, RegisteredTool>();
  for (const spec of bridge.tools) {
    const tool = server.registerTool(
      spec.name,
      { title: spec.title, description: spec.description, inputSchema: spec.input, annotations: { title: spec.title, ...spec.annotations } },
      async (args, ctx) => {
        const token = ctx.mcpReq._meta?.progressToken;
        return executeTool(bridge, spec, args as Record<string, unknown>, {
          signal: ctx.mcpReq.signal,
          notifyProgress:
            token === undefined
              ? undefined
              : (progress, total, message) =>
                  ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, progress, total, message } }),
        });
      },
    );
    registered.set(spec.name, tool);
  }
  hideToolsOnScopeLoss(bridge, registered);
  registerResources(server, bridge);
  return server;
}

/** Disabling a registered tool removes it from tools/list and sends notifications/tools/list_changed. */
function hideToolsOnScopeLoss(bridge: Bridge, registered: Map<string, RegisteredTool>): void {
  const hide = (scope: string) => {
    for (const spec of bridge.tools) if (spec.scope === scope) registered.get(spec.name)?.disable();
  };
  for (const scope of bridge.missingScopes) hide(scope);
  bridge.onMissingScope(hide);
}

function registerResources(server: McpServer, bridge: Bridge): void {
  for (const spec of bridge.connector.resources ?? []) {
    const metadata = { title: spec.title, description: spec.description, mimeType: 'application/json' };
    const read = async (uri: URL, vars: Record<string, string>, signal: AbortSignal) => {
      const { text } = await readResource(bridge, spec, vars, signal);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text }] };
    };
    if (spec.uri.includes('{')) {
      server.registerResource(spec.name, new ResourceTemplate(spec.uri, { list: undefined }), metadata, (uri, variables, ctx) =>
        read(uri, flattenVariables(variables), ctx.mcpReq.signal),
      );
    } else {
      server.registerResource(spec.name, spec.uri, metadata, (uri, ctx) => read(uri, {}, ctx.mcpReq.signal));
    }
  }
}

function flattenVariables(variables: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
}
