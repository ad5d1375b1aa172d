import { McpServer } from '@modelcontextprotocol/server';
import { VERSION } from '../../../version.js';
import { hasScope } from './auth.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import type { ToolEnv } from './tools/define.js';
import { MCP_TOOLS } from './tools/index.js';

/**
 * One McpServer for one caller (both `/mcp` and `/sse` build theirs here): only the tools the key's
 * scopes expose are registered, so `tools/list` hides the rest; resources need `mcp:resources:read`.
 */
export function createMcpServer(env: ToolEnv): McpServer {
  const server = new McpServer(
    { name: 'socbridge-sandbox', title: 'socbridge sandbox (Saltare-style MCP)', version: VERSION },
    { instructions: 'A seeded SOC workspace: alerts, cases, runbooks. Start with list_alerts or list_cases; get_case_detail is the best first call for a case.' },
  );
  for (const tool of MCP_TOOLS) if (hasScope(env.principal, tool.scope)) tool.register(server, env);
  if (hasScope(env.principal, 'mcp:resources:read')) registerResources(server, env);
  registerPrompts(server);
  return server;
}
