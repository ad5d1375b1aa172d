import { MCP_FIELDS, type FileHost } from './types.js';

export const lmstudio: FileHost = {
  kind: 'file',
  id: 'lmstudio',
  label: 'LM Studio',
  startedFrom: 'desktop',
  format: 'json',
  scopes: {
    user: (ctx) => ({ file: ctx.join(ctx.home, '.lmstudio', 'mcp.json'), container: ['mcpServers'], kind: 'map', shared: false }),
  },
  detect: (ctx) => [ctx.join(ctx.home, '.lmstudio')],
  entry: { fields: MCP_FIELDS },
  reload: "Restart LM Studio, or toggle the server in its Program → Integrations list.",
};
