import { appDataRoot, type HostContext } from './platform.js';
import { MCP_FIELDS, type FileHost } from './types.js';

/** The VS Code (or Insiders, with --insiders) user directory; Cline keeps its settings under it too. */
export function vscodeUserDir(ctx: HostContext): string {
  return ctx.join(appDataRoot(ctx), ctx.insiders ? 'Code - Insiders' : 'Code', 'User');
}

export const vscode: FileHost = {
  kind: 'file',
  id: 'vscode',
  label: 'VS Code',
  startedFrom: 'desktop',
  format: 'jsonc',
  scopes: {
    // VS Code's key is `servers`, not `mcpServers`, and it wants an explicit type.
    user: (ctx) => ({ file: ctx.join(vscodeUserDir(ctx), 'mcp.json'), container: ['servers'], kind: 'map', shared: false }),
    project: (ctx) => ({ file: ctx.join(ctx.cwd, '.vscode', 'mcp.json'), container: ['servers'], kind: 'map', shared: true }),
  },
  detect: (ctx) => [vscodeUserDir(ctx)],
  entry: { fields: MCP_FIELDS, lead: () => ({ type: 'stdio' }) },
  reload: 'Open mcp.json in VS Code and press Start above the server (or run "MCP: List Servers").',
};
