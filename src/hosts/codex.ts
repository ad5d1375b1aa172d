import type { HostContext } from './platform.js';
import { MCP_FIELDS, type FileHost } from './types.js';

function codexHome(ctx: HostContext): string {
  return ctx.env.CODEX_HOME || ctx.join(ctx.home, '.codex');
}

export const codex: FileHost = {
  kind: 'file',
  id: 'codex',
  label: 'OpenAI Codex',
  startedFrom: 'terminal',
  format: 'toml',
  scopes: {
    user: (ctx) => ({ file: ctx.join(codexHome(ctx), 'config.toml'), container: ['mcp_servers'], kind: 'map', shared: false }),
  },
  detect: (ctx) => [codexHome(ctx)],
  // Codex gives a server 10 s to start by default; a cold `npx -y` download can take longer.
  entry: { fields: MCP_FIELDS, tail: { startup_timeout_sec: 30 } },
  reload: 'Start a new Codex session.',
};
