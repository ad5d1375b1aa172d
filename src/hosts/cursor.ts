import { MCP_FIELDS, type FileHost } from './types.js';

export const cursor: FileHost = {
  kind: 'file',
  id: 'cursor',
  label: 'Cursor',
  startedFrom: 'desktop',
  format: 'jsonc',
  scopes: {
    user: (ctx) => ({ file: ctx.join(ctx.home, '.cursor', 'mcp.json'), container: ['mcpServers'], kind: 'map', shared: false }),
    project: (ctx) => ({ file: ctx.join(ctx.cwd, '.cursor', 'mcp.json'), container: ['mcpServers'], kind: 'map', shared: true }),
  },
  detect: (ctx) => [ctx.join(ctx.home, '.cursor')],
  entry: { fields: MCP_FIELDS },
  reload: 'Open Cursor Settings → MCP and check that the server is enabled (toggle it to restart it).',
};
