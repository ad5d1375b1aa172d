import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostPlatform } from './platform.js';
import type { EntryShape } from './types.js';

export type Launcher = 'npx' | 'node';
export const LAUNCHERS: readonly Launcher[] = ['npx', 'node'];

/** How a host starts socbridge, before the host's own spelling is applied. */
export interface Launch {
  command: string;
  args: string[];
  env: Record<string, string>;
}

export interface LaunchInput {
  platform: HostPlatform;
  launcher: Launcher;
  /** The version pinned in npx entries: `socbridge@<version>`, never @latest. */
  version: string;
  profile: string;
  /** Absolute node binary and bin/socbridge.js, for `--launcher node`. */
  nodePath: string;
  scriptPath: string;
  env: Record<string, string>;
}

export function buildLaunch(input: LaunchInput): Launch {
  const serve = ['serve', '--profile', input.profile];
  if (input.launcher === 'node') {
    // GUI hosts often lack the shell PATH (nvm, Homebrew): absolute paths need no lookup.
    return { command: input.nodePath, args: [input.scriptPath, ...serve], env: input.env };
  }
  const npx = ['-y', `socbridge@${input.version}`, ...serve];
  // Since Node's fix for CVE-2024-27980, hosts cannot spawn npx.cmd directly on Windows.
  if (input.platform === 'win32') return { command: 'cmd', args: ['/c', 'npx', ...npx], env: input.env };
  return { command: 'npx', args: npx, env: input.env };
}

/**
 * Proxy and CA settings of the installing shell. Hosts start servers with a reduced environment,
 * so these reach socbridge only when written into the entry.
 */
export const PASSTHROUGH_ENV = ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'NODE_EXTRA_CA_CERTS'] as const;

export function passthroughEnv(env: NodeJS.ProcessEnv, cwd: string): Record<string, string> {
  const picked: Record<string, string> = {};
  const seen = new Set<string>();
  // Exact upper-case names first, so HTTPS_PROXY wins over https_proxy when both are set.
  const names = Object.keys(env).sort((a, b) => Number(a !== a.toUpperCase()) - Number(b !== b.toUpperCase()));
  for (const name of names) {
    const upper = name.toUpperCase();
    const value = env[name];
    if (!(PASSTHROUGH_ENV as readonly string[]).includes(upper) || seen.has(upper) || !value) continue;
    seen.add(upper);
    // A relative CA path means nothing to a host started from another directory.
    picked[name] = upper === 'NODE_EXTRA_CA_CERTS' ? path.resolve(cwd, value) : value;
  }
  return picked;
}

/** The host-specific entry object, fields in the order the host documents them. */
export function shapeEntry(shape: EntryShape, launch: Launch, name: string): Record<string, unknown> {
  const entry: Record<string, unknown> = { ...shape.lead?.(name) };
  entry[shape.fields.command] = launch.command;
  entry[shape.fields.args] = launch.args;
  if (shape.alwaysEnv || Object.keys(launch.env).length > 0) entry[shape.fields.env] = launch.env;
  return { ...entry, ...shape.tail };
}

/** The fields socbridge writes and therefore may change or remove; all others are kept. */
export function ownedFields(shape: EntryShape, name: string): string[] {
  return [...Object.keys(shape.lead?.(name) ?? {}), shape.fields.command, shape.fields.args, shape.fields.env, ...Object.keys(shape.tail ?? {})];
}

/** Reads command/args/env back out of a host entry; undefined when it is not a stdio entry. */
export function readLaunch(shape: EntryShape, entry: unknown): Launch | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const record = entry as Record<string, unknown>;
  const command = record[shape.fields.command];
  const args = record[shape.fields.args] ?? [];
  const env = record[shape.fields.env] ?? {};
  if (typeof command !== 'string' || !Array.isArray(args) || typeof env !== 'object' || env === null) return undefined;
  return {
    command,
    args: args.map((a) => String(a)),
    env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
  };
}

/** What list-paths reports about an entry that runs socbridge. */
export interface SocbridgeEntryInfo {
  launcher: Launcher;
  version?: string;
  profile?: string;
  backend?: string;
  keyInConfig: boolean;
}

/** Recognises an entry that runs socbridge (by npx package spec or by script path). */
export function socbridgeEntryInfo(launch: Launch): SocbridgeEntryInfo | undefined {
  const spec = launch.args.find((a) => /^socbridge(@[^\s]+)?$/.test(a));
  const script = launch.args.find((a) => /socbridge(\.js)?$/.test(a.replace(/\\/g, '/')) && /[\\/]/.test(a));
  if (!spec && !script) return undefined;
  const info: SocbridgeEntryInfo = {
    launcher: spec ? 'npx' : 'node',
    keyInConfig: Object.keys(launch.env).some((k) => k.toUpperCase() === 'SOCBRIDGE_API_KEY'),
  };
  const version = spec ? spec.split('@')[1] : script ? installedVersion(script) : undefined;
  if (version) info.version = version;
  const profile = flagValue(launch.args, '--profile');
  if (profile) info.profile = profile;
  const backend = flagValue(launch.args, '--backend');
  if (backend) info.backend = backend;
  return info;
}

function flagValue(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  if (index >= 0) return args[index + 1];
  return args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

/** The version of the socbridge package a `--launcher node` entry points into. */
function installedVersion(script: string): string | undefined {
  const manifest = path.join(path.dirname(script), '..', 'package.json');
  if (!existsSync(manifest)) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    const version = (parsed as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined; // an unreadable manifest only means the version is not shown
  }
}

/**
 * bin/socbridge.js of the running installation, for `--launcher node`. The bundle lives in dist/,
 * so the launcher is ../bin from this module; argv[1] is the fallback (it may be a symlink in a
 * global bin directory, hence realpath).
 */
export function installedScriptPath(moduleUrl: string, argv1: string | undefined): string {
  const besideBundle = path.resolve(path.dirname(fileURLToPath(moduleUrl)), '..', 'bin', 'socbridge.js');
  if (existsSync(besideBundle)) return besideBundle;
  return argv1 ? realpathSync(argv1) : besideBundle;
}

/** npx keeps packages in a cache it may clean: an absolute path into it will break one day. */
export function isEphemeralInstall(scriptPath: string): boolean {
  return /[\\/]_npx[\\/]/.test(scriptPath);
}
