import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HostContext, HostPlatform } from '../../src/hosts/platform.js';
import type { InstallRequest, InstallRuntime } from '../../src/hosts/install.js';

/** A temporary machine: a home directory, a project directory and socbridge's config directory. */
export interface TempMachine {
  root: string;
  home: string;
  project: string;
  configDir: string;
  cleanup(): void;
}

export function tempMachine(): TempMachine {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'socbridge-hosts-')));
  const home = path.join(root, 'home');
  const project = path.join(root, 'project');
  return { root, home, project, configDir: path.join(root, 'socbridge-config'), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The environment each OS would give, rooted in the temporary home. */
export function platformEnv(machine: TempMachine, platform: HostPlatform, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const windows = platform === 'win32' ? { APPDATA: path.join(machine.home, 'AppData', 'Roaming'), LOCALAPPDATA: path.join(machine.home, 'AppData', 'Local') } : {};
  return { SOCBRIDGE_CONFIG_DIR: machine.configDir, ...windows, ...extra };
}

export function machineContext(machine: TempMachine, platform: HostPlatform, options: { env?: NodeJS.ProcessEnv; insiders?: boolean } = {}): HostContext {
  return {
    platform,
    home: machine.home,
    env: platformEnv(machine, platform, options.env),
    cwd: machine.project,
    insiders: options.insiders ?? false,
    join: path.join,
    exists: existsSync,
  };
}

/** A string-only context for path tables (nothing on disk), with the OS's own separators. */
export function paperContext(platform: HostPlatform, env: NodeJS.ProcessEnv = {}, insiders = false): HostContext {
  const windows = platform === 'win32';
  const join = windows ? path.win32.join : path.posix.join;
  const home = windows ? 'C:\\Users\\ana' : platform === 'darwin' ? '/Users/ana' : '/home/ana';
  return {
    platform,
    home,
    env: windows ? { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local', ...env } : env,
    cwd: windows ? 'C:\\work\\app' : '/work/app',
    insiders,
    join,
    exists: () => false,
  };
}

export const TEST_VERSION = '1.2.3';

export function runtimeFor(ctx: HostContext, confirm?: (q: string) => Promise<boolean>): InstallRuntime {
  return {
    ctx,
    version: TEST_VERSION,
    nodePath: '/opt/node/bin/node',
    scriptPath: '/opt/socbridge/bin/socbridge.js',
    ...(confirm ? { confirm } : {}),
  };
}

export function installRequest(overrides: Partial<InstallRequest> = {}): InstallRequest {
  return {
    all: false,
    name: 'socbridge',
    url: 'https://aisoc.example.com',
    apiKey: 'aisoc_1a2b3c4d5e6f7a8b9c0d1e2f3a4b9f0c',
    launcher: 'npx',
    secretInConfig: false,
    dryRun: false,
    yes: false,
    ...overrides,
  };
}
