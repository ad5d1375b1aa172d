import { MCP_FIELDS, type FileHost } from './types.js';

/** Continue's config.yaml and block files must carry name, version and schema to load at all. */
const USER_SEED = 'name: Local Assistant\nversion: 1.0.0\nschema: v1\n';
const blockSeed = (name: string) => `name: ${JSON.stringify(name)}\nversion: 0.0.1\nschema: v1\n`;

export const continueDev: FileHost = {
  kind: 'file',
  id: 'continue',
  label: 'Continue',
  startedFrom: 'desktop',
  format: 'yaml',
  scopes: {
    user: (ctx) => ({
      file: ctx.join(ctx.home, '.continue', 'config.yaml'),
      container: ['mcpServers'],
      kind: 'list',
      shared: false,
      seed: USER_SEED,
    }),
    // A workspace block: one file per server under .continue/mcpServers/.
    project: (ctx, name) => ({
      file: ctx.join(ctx.cwd, '.continue', 'mcpServers', `${name}.yaml`),
      container: ['mcpServers'],
      kind: 'list',
      shared: true,
      seed: blockSeed(name),
      ownedFile: true,
    }),
  },
  detect: (ctx) => [ctx.join(ctx.home, '.continue')],
  entry: { fields: MCP_FIELDS, lead: (name) => ({ name, type: 'stdio' }) },
  reload: 'Reload the editor window so Continue reads its configuration again.',
};
