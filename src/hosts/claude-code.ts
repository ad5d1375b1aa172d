import type { HostContext } from './platform.js';
import { MCP_FIELDS, type FileHost } from './types.js';

/** `CLAUDE_CONFIG_DIR` moves the user file (and the ~/.claude directory). */
function claudeJson(ctx: HostContext): string {
  return ctx.join(ctx.env.CLAUDE_CONFIG_DIR || ctx.home, '.claude.json');
}

export const claudeCode: FileHost = {
  kind: 'file',
  id: 'claude-code',
  label: 'Claude Code',
  startedFrom: 'terminal',
  format: 'json',
  scopes: {
    user: (ctx) => ({ file: claudeJson(ctx), container: ['mcpServers'], kind: 'map', shared: false }),
    // Local scope: private to this machine and this project, stored under the project's absolute path.
    local: (ctx) => ({ file: claudeJson(ctx), container: ['projects', ctx.cwd, 'mcpServers'], kind: 'map', shared: false }),
    project: (ctx) => ({ file: ctx.join(ctx.cwd, '.mcp.json'), container: ['mcpServers'], kind: 'map', shared: true }),
  },
  detect: (ctx) => (ctx.env.CLAUDE_CONFIG_DIR ? [ctx.env.CLAUDE_CONFIG_DIR] : [ctx.join(ctx.home, '.claude'), claudeJson(ctx)]),
  entry: { fields: MCP_FIELDS, lead: () => ({ type: 'stdio' }) },
  reload: 'Start a new Claude Code session (run /mcp to check it); project servers ask for approval on first use.',
};
