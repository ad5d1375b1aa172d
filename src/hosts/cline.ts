import { MCP_FIELDS, type FileHost } from './types.js';
import { vscodeUserDir } from './vscode.js';
import type { HostContext } from './platform.js';

function clineDir(ctx: HostContext): string {
  return ctx.join(vscodeUserDir(ctx), 'globalStorage', 'saoudrizwan.claude-dev');
}

export const cline: FileHost = {
  kind: 'file',
  id: 'cline',
  label: 'Cline',
  startedFrom: 'desktop',
  format: 'json',
  scopes: {
    user: (ctx) => ({
      file: ctx.join(clineDir(ctx), 'settings', 'cline_mcp_settings.json'),
      container: ['mcpServers'],
      kind: 'map',
      shared: false,
    }),
  },
  detect: (ctx) => [clineDir(ctx)],
  entry: { fields: MCP_FIELDS },
  reload: "Cline reloads the file when it changes; check Cline's MCP Servers tab.",
};
