import { roamingAppData, xdgConfigHome, type HostContext } from './platform.js';
import type { FileHost } from './types.js';

function gooseDir(ctx: HostContext): string {
  return ctx.platform === 'win32' ? ctx.join(roamingAppData(ctx), 'Block', 'goose', 'config') : ctx.join(xdgConfigHome(ctx), 'goose');
}

export const goose: FileHost = {
  kind: 'file',
  id: 'goose',
  label: 'Goose',
  startedFrom: 'desktop',
  format: 'yaml',
  scopes: {
    user: (ctx) => ({ file: ctx.join(gooseDir(ctx), 'config.yaml'), container: ['extensions'], kind: 'map', shared: false }),
  },
  detect: (ctx) => [gooseDir(ctx)],
  // Goose spells it cmd/envs and expects every field its own writer emits.
  entry: {
    fields: { command: 'cmd', args: 'args', env: 'envs' },
    lead: (name) => ({ name, type: 'stdio', description: 'Security operations platforms through socbridge' }),
    tail: { enabled: true, timeout: 300 },
    alwaysEnv: true,
  },
  reload: 'Restart goose (or start a new session).',
};
