import { appDataRoot, localAppData, type HostContext } from './platform.js';
import { MCP_FIELDS, type FileHost } from './types.js';

const FILE = 'claude_desktop_config.json';
/** The MSIX package (the default Windows installer since Feb 2026) keeps its files in a virtualised folder. */
const MSIX_PACKAGE = 'Claude_pzs8sxrjxfjjc';

function msixPackageDir(ctx: HostContext): string {
  return ctx.join(localAppData(ctx), 'Packages', MSIX_PACKAGE);
}

/** Linux has no official build; community builds use the XDG config directory like Electron does. */
export function claudeDesktopFile(ctx: HostContext): string {
  if (ctx.platform === 'win32' && ctx.exists(msixPackageDir(ctx))) {
    return ctx.join(msixPackageDir(ctx), 'LocalCache', 'Roaming', 'Claude', FILE);
  }
  return ctx.join(appDataRoot(ctx), 'Claude', FILE);
}

export const claudeDesktop: FileHost = {
  kind: 'file',
  id: 'claude',
  label: 'Claude Desktop',
  startedFrom: 'desktop',
  format: 'json',
  scopes: {
    user: (ctx) => ({ file: claudeDesktopFile(ctx), container: ['mcpServers'], kind: 'map', shared: false }),
  },
  detect: (ctx) => [ctx.join(appDataRoot(ctx), 'Claude'), ...(ctx.platform === 'win32' ? [msixPackageDir(ctx)] : [])],
  entry: { fields: MCP_FIELDS },
  reload: 'Quit Claude Desktop completely (menu bar or tray → Quit, not just the window) and open it again.',
};
