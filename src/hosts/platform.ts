import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export type HostPlatform = 'darwin' | 'win32' | 'linux';

/**
 * Everything a host's config path depends on, injected so every operating system's rules run
 * (and are tested) on any machine. `join` builds paths for the files actually touched, so tests
 * on Linux can put "Windows" files in a temporary home.
 */
export interface HostContext {
  platform: HostPlatform;
  home: string;
  env: NodeJS.ProcessEnv;
  /** The project directory for project and local scopes. */
  cwd: string;
  /** VS Code Insiders instead of VS Code (vscode, cline). */
  insiders: boolean;
  join(...parts: string[]): string;
  exists(file: string): boolean;
}

export function toHostPlatform(platform: NodeJS.Platform): HostPlatform {
  // The BSDs and others follow the XDG layout, like Linux.
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}

export function processHostContext(options: { insiders?: boolean; env?: NodeJS.ProcessEnv } = {}): HostContext {
  return {
    platform: toHostPlatform(process.platform),
    home: homedir(),
    env: options.env ?? process.env,
    cwd: process.cwd(),
    insiders: options.insiders ?? false,
    join: path.join,
    exists: existsSync,
  };
}

/** Where Electron apps (Claude Desktop, VS Code) keep their per-user data. */
export function appDataRoot(ctx: HostContext): string {
  switch (ctx.platform) {
    case 'darwin':
      return ctx.join(ctx.home, 'Library', 'Application Support');
    case 'win32':
      return roamingAppData(ctx);
    case 'linux':
      return xdgConfigHome(ctx);
  }
}

export function roamingAppData(ctx: HostContext): string {
  return ctx.env.APPDATA || ctx.join(ctx.home, 'AppData', 'Roaming');
}

export function localAppData(ctx: HostContext): string {
  return ctx.env.LOCALAPPDATA || ctx.join(ctx.home, 'AppData', 'Local');
}

/** `$XDG_CONFIG_HOME`, which the XDG spec says to ignore unless it is an absolute path. */
export function xdgConfigHome(ctx: HostContext): string {
  const value = ctx.env.XDG_CONFIG_HOME;
  return value && (value.startsWith('/') || path.win32.isAbsolute(value)) ? value : ctx.join(ctx.home, '.config');
}
