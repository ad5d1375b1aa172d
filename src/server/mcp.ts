import { McpServer } from '@modelcontextprotocol/server';
import { VERSION } from '../version.js';
import type { Bridge } from './bridge.js';
import { executeTool } from './execute.js';

/**
 * Builds the MCP face of a bridge. `serveStdio` calls this once per connection (it pins one
 * instance to the protocol era the client opened with), so registration must stay cheap.
 */
export function createMcpServer(bridge: Bridge): McpServer {
  const server = new McpServer(
    { name: 'socbridge', version: VERSION, title: `socbridge (${bridge.connector.label})` },
    { capabilities: { tools: { listChanged: true } }, instructions: bridge.connector.instructions },
  );
  for (const spec of bridge.tools) {
    server.registerTool(
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
  }
  return server;
}
