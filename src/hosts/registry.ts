import { UsageError } from '../cli/usage-error.js';
import { claudeDesktop } from './claude.js';
import { claudeCode } from './claude-code.js';
import { cline } from './cline.js';
import { codex } from './codex.js';
import { cody } from './cody.js';
import { continueDev } from './continue.js';
import { cursor } from './cursor.js';
import { gemini } from './gemini.js';
import { goose } from './goose.js';
import { jetbrains } from './jetbrains.js';
import { lmstudio } from './lmstudio.js';
import type { HostContext } from './platform.js';
import type { ConfigLocation, FileHost, Host, Scope } from './types.js';
import { vscode } from './vscode.js';
import { windsurf } from './windsurf.js';
import { zed } from './zed.js';

/** Every MCP host socbridge knows, in the order list-paths shows them. */
export const HOSTS: readonly Host[] = [
  claudeDesktop,
  claudeCode,
  cursor,
  windsurf,
  vscode,
  continueDev,
  zed,
  cline,
  gemini,
  codex,
  goose,
  lmstudio,
  cody,
  jetbrains,
];

export const HOST_IDS: readonly string[] = HOSTS.map((h) => h.id);

export function findHost(id: string): Host {
  const host = HOSTS.find((h) => h.id === id);
  if (!host) throw new UsageError(`unknown host "${id}"; valid hosts: ${HOST_IDS.join(', ')}`);
  return host;
}

export function scopesOf(host: FileHost): Scope[] {
  return Object.keys(host.scopes) as Scope[];
}

export function locate(host: FileHost, scope: Scope, ctx: HostContext, name: string): ConfigLocation {
  const at = host.scopes[scope];
  if (!at) throw new UsageError(`${host.label} (${host.id}) has no ${scope} scope; its scopes: ${scopesOf(host).join(', ')}`);
  return at(ctx, name);
}

/** File hosts that look installed on this machine: one of their config directories exists. */
export function detectedHosts(ctx: HostContext): FileHost[] {
  return HOSTS.filter((h): h is FileHost => h.kind === 'file' && h.detect(ctx).some((dir) => ctx.exists(dir)));
}
