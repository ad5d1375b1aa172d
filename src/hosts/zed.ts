import { roamingAppData, xdgConfigHome, type HostContext } from './platform.js';
import { MCP_FIELDS, type FileHost } from './types.js';

/** Zed uses ~/.config/zed on macOS too, not ~/Library/Application Support. */
function zedDir(ctx: HostContext): string {
  switch (ctx.platform) {
    case 'darwin':
      return ctx.join(ctx.home, '.config', 'zed');
    case 'win32':
      return ctx.join(roamingAppData(ctx), 'Zed');
    case 'linux':
      return ctx.join(xdgConfigHome(ctx), 'zed');
  }
}

export const zed: FileHost = {
  kind: 'file',
  id: 'zed',
  label: 'Zed',
  startedFrom: 'desktop',
  format: 'jsonc',
  scopes: {
    user: (ctx) => ({ file: ctx.join(zedDir(ctx), 'settings.json'), container: ['context_servers'], kind: 'map', shared: false }),
    project: (ctx) => ({ file: ctx.join(ctx.cwd, '.zed', 'settings.json'), container: ['context_servers'], kind: 'map', shared: true }),
  },
  detect: (ctx) => [zedDir(ctx)],
  entry: { fields: MCP_FIELDS },
  reload: 'Zed applies settings changes live; check the Agent panel settings for the server.',
};
