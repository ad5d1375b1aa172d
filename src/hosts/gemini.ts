import { MCP_FIELDS, type FileHost } from './types.js';

export const gemini: FileHost = {
  kind: 'file',
  id: 'gemini',
  label: 'Gemini CLI',
  startedFrom: 'terminal',
  format: 'jsonc',
  scopes: {
    user: (ctx) => ({ file: ctx.join(ctx.home, '.gemini', 'settings.json'), container: ['mcpServers'], kind: 'map', shared: false }),
    project: (ctx) => ({ file: ctx.join(ctx.cwd, '.gemini', 'settings.json'), container: ['mcpServers'], kind: 'map', shared: true }),
  },
  detect: (ctx) => [ctx.join(ctx.home, '.gemini')],
  entry: { fields: MCP_FIELDS },
  reload: 'Restart Gemini CLI; /mcp lists the servers it loaded.',
};
