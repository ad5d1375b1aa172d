import { MCP_FIELDS, type FileHost } from './types.js';

export const windsurf: FileHost = {
  kind: 'file',
  id: 'windsurf',
  label: 'Windsurf',
  startedFrom: 'desktop',
  format: 'json',
  scopes: {
    user: (ctx) => ({
      file: ctx.join(ctx.home, '.codeium', 'windsurf', 'mcp_config.json'),
      container: ['mcpServers'],
      kind: 'map',
      shared: false,
    }),
  },
  detect: (ctx) => [ctx.join(ctx.home, '.codeium', 'windsurf')],
  entry: { fields: MCP_FIELDS },
  reload: "Press the refresh button in Windsurf's MCP servers panel (Windsurf loads at most 100 tools).",
};
