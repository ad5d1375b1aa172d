import { access } from 'node:fs/promises';
import { listProfiles, profilesFile, ProfileStoreError, type Profile } from '../config/profiles.js';
import { checkShape, entriesIn } from '../hosts/document.js';
import { isEphemeralInstall, PASSTHROUGH_ENV, readLaunch, socbridgeEntryInfo, type Launch, type SocbridgeEntryInfo } from '../hosts/entry.js';
import { ConfigFileError, ConfigSyntaxError } from '../hosts/errors.js';
import { formatOf } from '../hosts/formats/index.js';
import type { HostContext } from '../hosts/platform.js';
import { findHost, HOSTS, locate, scopesOf } from '../hosts/registry.js';
import type { ConfigLocation, FileHost, Scope } from '../hosts/types.js';
import { readConfigText, resolveConfigPath } from '../hosts/write.js';
import { VERSION } from '../version.js';
import { combine, fail, ok, warn } from './outcome.js';
import { desktopPath, findOnPath, isExecutable, type SearchPath } from './launch-path.js';
import type { CheckOutcome, DoctorContext } from './types.js';

export type HostFinding = CheckOutcome & { id: string };

/** What every host check shares: the machine, the profiles, and the desktop PATH (worked out once). */
interface HostScan {
  ctx: DoctorContext;
  machine: HostContext;
  /** undefined when the profile store cannot be read (reported once per entry that needs it). */
  profiles: Record<string, Profile> | undefined;
  profilesProblem?: string;
  desktopPath(): Promise<SearchPath>;
}

/**
 * Each host config file on this machine (or only `--host`'s): it parses, socbridge's entry is
 * there, it pins this version, and the host can start its command with the PATH it really has.
 */
export async function checkHosts(ctx: DoctorContext): Promise<HostFinding[]> {
  const machine = ctx.input.hostContext;
  const only = ctx.input.host ? findHost(ctx.input.host) : undefined;
  if (only?.kind === 'snippet') {
    return [{ id: `host:${only.id}`, ...warn(`${only.label} keeps its MCP servers in its own settings (${only.container}), which doctor cannot read`, `check that entry by hand against \`socbridge install --host ${only.id} --dry-run\``) }];
  }
  const scan = await startScan(ctx, machine);
  const hosts = only ? [only] : HOSTS.filter((h): h is FileHost => h.kind === 'file');
  const findings: Array<HostFinding & { configured: boolean }> = [];
  const seen = new Set<string>();
  for (const host of hosts) {
    const before = findings.length;
    for (const scope of scopesOf(host)) {
      const location = locate(host, scope, machine, ctx.input.name);
      const finding = await inspectFile(scan, host, scope, location, seen, only !== undefined);
      if (finding) findings.push(finding);
    }
    if (only && findings.length === before) {
      const file = locate(host, 'user', machine, ctx.input.name).file;
      findings.push({ id: `host:${host.id}`, configured: false, ...fail(`${host.label} has no config file (looked for ${home(file, machine)})`, `socbridge install --host ${host.id}`) });
    }
  }
  if (!only && findings.length === 0) {
    return [{ id: 'hosts', ...warn(`no MCP host config file found (looked for ${hosts.length} hosts)`, 'socbridge install --host <id> (socbridge list-paths shows where each host keeps its file)') }];
  }
  const rows = findings.map(({ configured: _configured, ...finding }) => finding);
  if (!only && !findings.some((f) => f.configured)) {
    rows.push({ id: 'hosts', ...warn('socbridge is not configured in any host config file', 'socbridge install --host <id>') });
  }
  return rows;
}

async function startScan(ctx: DoctorContext, machine: HostContext): Promise<HostScan> {
  let profiles: Record<string, Profile> | undefined;
  let profilesProblem: string | undefined;
  try {
    profiles = await listProfiles(machine.env);
  } catch (error) {
    if (!(error instanceof ProfileStoreError)) throw error;
    profilesProblem = error.message;
  }
  let gui: Promise<SearchPath> | undefined;
  return {
    ctx,
    machine,
    profiles,
    ...(profilesProblem ? { profilesProblem } : {}),
    desktopPath: () => (gui ??= desktopPath(machine.platform, machine.env, Math.min(ctx.stepMs, 3000))),
  };
}

async function inspectFile(
  scan: HostScan,
  host: FileHost,
  scope: Scope,
  location: ConfigLocation,
  seen: Set<string>,
  asked: boolean,
): Promise<(HostFinding & { configured: boolean }) | undefined> {
  const id = `host:${host.id}${scope === 'user' ? '' : `:${scope}`}`;
  const shown = home(location.file, scan.machine);
  let data: unknown;
  let file: string;
  try {
    file = await resolveConfigPath(location.file);
    const text = await readConfigText(file);
    if (text === undefined) return undefined;
    data = formatOf(host.format).parse(text, file);
    checkShape(data, location, file);
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    if (error instanceof ConfigSyntaxError) {
      return { id, configured: false, ...fail(`${shown}:${error.line}:${error.column}: ${error.reason}`, `fix the file there: ${host.label} cannot read it either, so none of its MCP servers start; then run doctor again`) };
    }
    return { id, configured: false, ...fail(error.message.replace(location.file, shown), `fix ${shown} by hand, then run doctor again`) };
  }

  const entries = entriesIn(data, location);
  const ours = entries.flatMap(([name, entry]) => {
    const launch = readLaunch(host.entry, entry);
    const info = launch && socbridgeEntryInfo(launch);
    return launch && info ? [{ name, launch, info }] : [];
  });
  const firstVisit = !seen.has(file);
  seen.add(file);
  if (ours.length === 0) {
    // Claude Code keeps user and local scope in one file: say "not configured" about it once.
    if (!firstVisit && !asked) return undefined;
    const named = entries.find(([name]) => name === scan.ctx.input.name);
    const other = named ? `; "${named[0]}" is there but does not run socbridge` : '';
    const summary = `${shown} parses; no socbridge entry${location.container.length > 1 ? ` under ${location.container.join(' › ')}` : ''} (${entries.length} other server(s))${other}`;
    const install = `socbridge install --host ${host.id}${scope === 'user' ? '' : ` --scope ${scope}`}`;
    return { id, configured: false, ...(asked ? fail(summary, install) : ok(`${summary}: not configured for this host`)) };
  }
  const outcomes: CheckOutcome[] = [];
  for (const entry of ours) outcomes.push(await inspectEntry(scan, host, location, entry));
  return { id, configured: true, ...combine(outcomes) };
}

async function inspectEntry(
  scan: HostScan,
  host: FileHost,
  location: ConfigLocation,
  entry: { name: string; launch: Launch; info: SocbridgeEntryInfo },
): Promise<CheckOutcome> {
  const { launch, info } = entry;
  const lead = `${home(location.file, scan.machine)}: "${entry.name}" runs socbridge ${info.version ?? '(version unknown)'} via ${info.launcher}`;
  const checks = [
    versionOutcome(host, info, launch),
    await commandOutcome(scan, host, launch),
    ...(info.launcher === 'node' ? [await scriptOutcome(scan, host, launch)] : []),
    keyOutcome(scan, host, info),
    ...(location.shared ? [] : [environmentOutcome(scan, host, launch)]),
  ].filter((o): o is CheckOutcome => o !== undefined);
  return combine(checks, lead);
}

function versionOutcome(host: FileHost, info: SocbridgeEntryInfo, launch: Launch): CheckOutcome | undefined {
  const update = `socbridge install --host ${host.id} (updates only that entry)`;
  if (info.launcher === 'npx') {
    const spec = launch.args.find((a) => /^socbridge(@|$)/.test(a));
    if (!info.version || info.version === 'latest') {
      return warn(`the entry runs ${spec ?? 'socbridge'} unpinned: npx looks up the newest release on every start (slow, and not the version you tested)`, `${update}; it pins socbridge@${VERSION}`);
    }
  }
  if (info.version && info.version !== VERSION) return warn(`the entry runs socbridge ${info.version}, this doctor is ${VERSION}`, update);
  return undefined;
}

/** The command as the host will look it up: its own PATH, not this shell's. */
async function commandOutcome(scan: HostScan, host: FileHost, launch: Launch): Promise<CheckOutcome> {
  const { machine } = scan;
  // Windows entries are `cmd /c npx …`: what must be found is npx.
  const command = machine.platform === 'win32' && /^cmd(\.exe)?$/i.test(launch.command) && /^\/c$/i.test(launch.args[0] ?? '') ? (launch.args[1] ?? launch.command) : launch.command;
  const relaunch = `socbridge install --host ${host.id} --launcher node (absolute node and script paths need no PATH)`;
  if (isAbsolutePath(command)) {
    if (await isExecutable(command, machine.platform)) return ok(`${command} exists`);
    return fail(`${command} does not exist or is not executable`, `Node may have moved (an nvm or Homebrew upgrade): ${relaunch}`);
  }
  if (/[\\/]/.test(command)) {
    return warn(`the command ${command} is a relative path, which depends on the directory ${host.label} starts in`, relaunch);
  }
  const shellPath = machine.env.PATH ?? machine.env.Path ?? '';
  const desktop = host.startedFrom === 'desktop' && machine.platform !== 'win32';
  const search: SearchPath = desktop ? await scan.desktopPath() : { value: shellPath, origin: "this shell's PATH (it starts from a terminal)" };
  const found = await findOnPath(command, search.value, machine.platform, machine.env);
  if (found) return ok(`${command} resolves to ${found} on ${search.origin}`);
  const inShell = desktop ? await findOnPath(command, shellPath, machine.platform, machine.env) : undefined;
  const nodeTool = command === 'npx' || command === 'node';
  if (inShell) {
    return warn(
      `${command} is only on this shell's PATH (${inShell}); ${host.label} starts servers with ${search.origin}, PATH=${search.value}, where it is missing ("spawn ${command} ENOENT")`,
      nodeTool ? relaunch : `use the absolute path ${inShell} as the command`,
    );
  }
  return fail(`${command} is on neither ${search.origin} (${search.value}) nor this shell's PATH`, nodeTool ? `install Node.js 20.18.1 or newer (it brings node and npx), then ${relaunch}` : `install ${command} or use an absolute path`);
}

/** `--launcher node` entries run a script from an installed copy of socbridge. */
async function scriptOutcome(scan: HostScan, host: FileHost, launch: Launch): Promise<CheckOutcome | undefined> {
  const script = launch.args.find((a) => /socbridge(\.js)?$/.test(a.replace(/\\/g, '/')) && /[\\/]/.test(a));
  if (!script) return undefined;
  const reinstall = `socbridge install --host ${host.id} --launcher node, run from the socbridge installation hosts should use`;
  try {
    await access(script);
  } catch {
    return fail(`the script ${script} does not exist`, reinstall);
  }
  if (isEphemeralInstall(script)) return warn(`the script ${home(script, scan.machine)} is in npx's cache, which npx may clean at any time`, `install socbridge for good (npm install -g socbridge), then ${reinstall}`);
  return ok(`script ${home(script, scan.machine)} exists`);
}

/** The key reaches the server through the profile store or the entry's env; neither means every call fails. */
function keyOutcome(scan: HostScan, host: FileHost, info: SocbridgeEntryInfo): CheckOutcome | undefined {
  if (info.keyInConfig) return undefined;
  const fix = `socbridge install --host ${host.id} --api-key … (stores the key in a profile)`;
  if (!scan.profiles) return warn(`cannot tell whether the entry has a key: ${scan.profilesProblem ?? 'the profile store is unreadable'}`, `fix or remove ${profilesFile(scan.machine.env)}`);
  const name = info.profile ?? 'default';
  const profile = scan.profiles[name];
  if (!profile) {
    if (!info.profile) return warn('the entry names no --profile, has no SOCBRIDGE_API_KEY in its env, and there is no "default" profile: socbridge starts without a URL or key', fix);
    return fail(`the entry uses profile "${name}", which ${home(profilesFile(scan.machine.env), scan.machine)} does not have: socbridge will refuse to start`, `socbridge install --host ${host.id} --profile ${name} --url … --api-key …`);
  }
  if (!profile.apiKey) return warn(`profile "${name}" holds no API key and the entry's env has none`, fix);
  return ok(`profile "${name}" has a URL and key`);
}

/** Hosts pass servers only the entry's env (plus a few basics): proxy and CA settings must be written there. */
function environmentOutcome(scan: HostScan, host: FileHost, launch: Launch): CheckOutcome | undefined {
  const inEntry = new Set(Object.keys(launch.env).map((k) => k.toUpperCase()));
  const lacking = PASSTHROUGH_ENV.filter((name) => !inEntry.has(name) && (scan.machine.env[name] || scan.machine.env[name.toLowerCase()]));
  if (lacking.length === 0) return undefined;
  return warn(
    `this shell sets ${lacking.join(', ')} but the entry's env does not, and ${host.label} gives servers only their entry's env, so socbridge will run without ${lacking.length > 1 ? 'them' : 'it'}`,
    `run socbridge install --host ${host.id} again from this shell (it copies ${PASSTHROUGH_ENV.join(', ')} into the entry)`,
  );
}

function isAbsolutePath(command: string): boolean {
  return command.startsWith('/') || /^[A-Za-z]:[\\/]/.test(command) || command.startsWith('\\\\');
}

/** `~/…` for paths in the home directory: shorter lines, and no user name in pasted reports. */
function home(file: string, machine: HostContext): string {
  const root = machine.home;
  return root && (file === root || file.startsWith(`${root}/`) || file.startsWith(`${root}\\`)) ? `~${file.slice(root.length)}` : file;
}
