import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { HostPlatform } from '../hosts/platform.js';

export interface SearchPath {
  value: string;
  /** Where it comes from, for the report. */
  origin: string;
}

/** macOS gives apps started from the Dock or Finder launchd's default PATH, nothing more. */
const MACOS_GUI_PATH = '/usr/bin:/bin:/usr/sbin:/sbin';
/** What a Linux desktop session starts with when the login profile adds nothing. */
const LINUX_DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const MARKER = '__SOCBRIDGE_PATH__';

/**
 * The PATH a desktop app sees. On Linux the session runs the login profile (/etc/profile,
 * ~/.profile) but not ~/.bashrc, so a login `sh` with a clean environment reproduces it; a profile
 * that hangs or fails falls back to the distribution default.
 */
export async function desktopPath(platform: HostPlatform, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<SearchPath> {
  if (platform === 'darwin') return { value: MACOS_GUI_PATH, origin: "launchd's PATH for apps opened from the Dock or Finder" };
  if (platform === 'win32') return { value: env.PATH ?? env.Path ?? '', origin: 'the user PATH (Windows gives apps the same one)' };
  const clean: NodeJS.ProcessEnv = {};
  for (const name of ['HOME', 'USER', 'LOGNAME']) if (env[name]) clean[name] = env[name];
  const printed = await new Promise<string | undefined>((resolve) => {
    execFile('/bin/sh', ['-l', '-c', `printf '\\n${MARKER}%s' "$PATH"`], { env: clean, timeout: timeoutMs, maxBuffer: 256 * 1024 }, (error, stdout) => {
      resolve(error ? undefined : stdout);
    });
  });
  const value = printed?.slice(printed.lastIndexOf(MARKER) + MARKER.length).trim();
  if (value) return { value, origin: 'a desktop login session (/bin/sh -l)' };
  return { value: LINUX_DEFAULT_PATH, origin: 'the default desktop PATH' };
}

/** The first executable called `command` on a PATH value (with PATHEXT on Windows). */
export async function findOnPath(command: string, searchPath: string, platform: HostPlatform, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const separator = platform === 'win32' ? ';' : ':';
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  const extensions = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)] : [''];
  for (const dir of searchPath.split(separator).filter(Boolean)) {
    for (const ext of extensions) {
      const candidate = join(dir, command + ext);
      if (await isExecutable(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

export async function isExecutable(file: string, platform: HostPlatform): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    if (platform !== 'win32') await access(file, constants.X_OK);
    return true;
  } catch {
    return false; // missing, unreadable or not executable: all mean "not this one"
  }
}
