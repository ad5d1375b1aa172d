import { UsageError } from '../cli/usage-error.js';
import { maskSecret, redactSecrets } from '../config/mask.js';
import { PROFILE_NAME_PATTERN, profilesFile, readProfile, saveProfile, type Profile } from '../config/profiles.js';
import { BACKEND_IDS } from '../config/flags.js';
import { changedLines, type DiffLine } from './diff.js';
import { isRecord, sameValue } from './document.js';
import { planUpsert, type PlannedEdit } from './edit.js';
import { buildLaunch, isEphemeralInstall, ownedFields, passthroughEnv, readLaunch, shapeEntry, socbridgeEntryInfo, type Launch, type Launcher } from './entry.js';
import { ConfigFileError, EntryConflictError } from './errors.js';
import { formatOf } from './formats/index.js';
import type { HostContext } from './platform.js';
import { profileNameFor } from './profile-name.js';
import { detectedHosts, findHost, HOSTS, locate } from './registry.js';
import type { ConfigLocation, EntryTarget, FileHost, Host, Scope, SnippetHost } from './types.js';
import { applyEdit, checkWritable, readConfigText, resolveConfigPath } from './write.js';

export interface InstallRequest {
  /** A host id, or every detected host with `all`. */
  host?: string;
  all: boolean;
  scope?: Scope;
  name: string;
  backend?: string;
  url?: string;
  apiKey?: string;
  profile?: string;
  launcher: Launcher;
  secretInConfig: boolean;
  dryRun: boolean;
  yes: boolean;
}

export interface InstallRuntime {
  ctx: HostContext;
  version: string;
  nodePath: string;
  scriptPath: string;
  /** Asks the user a yes/no question; absent when there is no terminal to ask on. */
  confirm?: (question: string) => Promise<boolean>;
}

export type HostAction = 'created' | 'added' | 'updated' | 'unchanged' | 'removed' | 'deleted' | 'absent' | 'snippet' | 'failed';

/** What happened (or, with --dry-run, would happen) to one host. Secrets are already masked. */
export interface HostOutcome {
  host: Host;
  scope?: Scope;
  file?: string;
  action: HostAction;
  backup?: string;
  /** 0600 was applied because the entry holds a secret. */
  private?: boolean;
  diff?: DiffLine[];
  snippet?: string;
  notes: string[];
  error?: string;
}

export interface ProfileOutcome {
  name: string;
  file: string;
  action: 'created' | 'updated' | 'unchanged';
  /** The stored key, masked; undefined when the profile holds none. */
  key?: string;
}

export interface InstallReport {
  dryRun: boolean;
  profile: ProfileOutcome;
  outcomes: HostOutcome[];
}

interface PreparedHost {
  host: FileHost;
  scope: Scope;
  location: ConfigLocation;
  file: string;
  target: EntryTarget;
  entry: Record<string, unknown>;
  owned: string[];
  before: string | undefined;
  plan: PlannedEdit;
}

export async function install(request: InstallRequest, runtime: InstallRuntime): Promise<InstallReport> {
  const { ctx } = runtime;
  const hosts = selectHosts(request, ctx);
  const scope = request.scope ?? 'user';
  const locations = hosts.map((host) => (host.kind === 'file' ? locate(host, scope, ctx, request.name) : undefined));
  const connection = await resolveConnection(request, ctx);
  if (request.secretInConfig) refuseSecretWhereItLeaks(hosts, locations, scope, connection.apiKey);

  const proxyEnv = passthroughEnv(ctx.env, ctx.cwd);
  const mask = (text: string) => redactSecrets(text, [connection.apiKey, ...Object.values(proxyEnv).map(urlPassword)]);
  // Committed files get neither this machine's proxy and CA paths nor a key.
  const envFor = (location: ConfigLocation | undefined): Record<string, string> =>
    location?.shared ? {} : { ...proxyEnv, ...(request.secretInConfig && connection.apiKey ? { SOCBRIDGE_API_KEY: connection.apiKey } : {}) };
  const launchFor = (location: ConfigLocation | undefined): Launch =>
    buildLaunch({
      platform: ctx.platform,
      launcher: request.launcher,
      version: runtime.version,
      profile: connection.profileName,
      nodePath: runtime.nodePath,
      scriptPath: runtime.scriptPath,
      env: envFor(location),
    });
  const holdsSecret = (location: ConfigLocation) => Object.entries(envFor(location)).some(([k, v]) => k === 'SOCBRIDGE_API_KEY' || urlPassword(v) !== undefined);

  // Read and plan every file before anything is written: a broken file stops the run untouched.
  const outcomes: HostOutcome[] = [];
  const prepared: PreparedHost[] = [];
  for (const [index, host] of hosts.entries()) {
    const location = locations[index];
    if (host.kind === 'snippet' || !location) {
      outcomes.push(snippetOutcome(host as SnippetHost, launchFor(undefined), request.name));
      continue;
    }
    try {
      prepared.push(await prepare(host, scope, location, launchFor(location), request.name, request.dryRun));
    } catch (error) {
      if (!request.all || !(error instanceof ConfigFileError)) throw error;
      outcomes.push({ host, scope, file: location.file, action: 'failed', notes: [], error: mask(error.message) });
    }
  }
  await confirmReplacements(prepared, request, runtime);
  await confirmAll(prepared, request, runtime);

  const { profileName, profile, previousProfile } = connection;
  const profileOutcome: ProfileOutcome = {
    name: profileName,
    file: profilesFile(ctx.env),
    action: !previousProfile ? 'created' : sameValue(previousProfile, profile) ? 'unchanged' : 'updated',
    ...(profile.apiKey ? { key: maskSecret(profile.apiKey) } : {}),
  };
  if (!request.dryRun && profileOutcome.action !== 'unchanged') await saveProfile(profileName, profile, ctx.env);

  for (const p of prepared) {
    const notes = [...p.plan.notes, ...entryNotes(p, request, runtime, connection)].map(mask);
    if (request.dryRun) {
      outcomes.push({ host: p.host, scope: p.scope, file: p.file, action: actionOf(p.before !== undefined, p.plan), diff: diffOf(p.before, p.plan, mask), notes });
      continue;
    }
    const secret = holdsSecret(p.location);
    const applied = await applyEdit(p.file, (text) => planUpsert({ ...upsertInput(p), text }), { secret });
    outcomes.push({
      host: p.host,
      scope: p.scope,
      file: applied.file,
      action: actionOf(!applied.created, applied.plan),
      ...(applied.backup ? { backup: applied.backup } : {}),
      ...(secret && applied.plan.changed ? { private: true } : {}),
      notes,
    });
  }
  return { dryRun: request.dryRun, profile: profileOutcome, outcomes: sortLike(hosts, outcomes) };
}

interface Connection {
  profileName: string;
  /** The profile as it will be saved (without the key under --secret-in-config). */
  profile: Profile;
  previousProfile: Profile | undefined;
  apiKey: string | undefined;
}

/** Backend, URL and key from flags, then the environment, then the profile being updated. */
async function resolveConnection(request: InstallRequest, ctx: HostContext): Promise<Connection> {
  if (request.profile !== undefined && !PROFILE_NAME_PATTERN.test(request.profile)) {
    throw new UsageError(`--profile must be a name like "aisoc-prod": letters, digits, ".", "_" or "-" (got "${request.profile}")`);
  }
  const stored = request.profile ? await readProfile(request.profile, ctx.env) : undefined;
  if (request.profile && !stored && request.url === undefined && !ctx.env.SOCBRIDGE_URL) {
    throw new UsageError(`profile "${request.profile}" does not exist yet; pass --url (and --api-key) to create it`);
  }
  const backend = parseBackend(request.backend ?? stored?.backend ?? ctx.env.SOCBRIDGE_BACKEND ?? 'aisoc');
  const url = parseUrl(request.url ?? ctx.env.SOCBRIDGE_URL ?? stored?.url);
  const profileName = request.profile ?? profileNameFor(backend, url);
  const previousProfile = stored ?? (await readProfile(profileName, ctx.env));
  const apiKey = request.apiKey || ctx.env.SOCBRIDGE_API_KEY || previousProfile?.apiKey || undefined;
  const { apiKey: _previousKey, ...kept } = previousProfile ?? {};
  const profile: Profile = { ...kept, backend, url, ...(apiKey && !request.secretInConfig ? { apiKey } : {}) };
  return { profileName, profile, previousProfile, apiKey };
}

function refuseSecretWhereItLeaks(hosts: Host[], locations: Array<ConfigLocation | undefined>, scope: Scope, apiKey: string | undefined): void {
  if (locations.some((l) => l?.shared)) {
    throw new UsageError(`--secret-in-config is refused for ${scope} scope: that file is meant to be committed, so the key stays in socbridge's profile store`);
  }
  if (hosts.some((h) => h.kind === 'snippet')) throw new UsageError('--secret-in-config does not apply to hosts that get a printed snippet (a key is never printed)');
  if (!apiKey) throw new UsageError('--secret-in-config needs a key: pass --api-key or set SOCBRIDGE_API_KEY');
}

/** `--all` changes several files at once: the user says yes first (or passes --yes). */
async function confirmAll(prepared: PreparedHost[], request: InstallRequest, runtime: InstallRuntime): Promise<void> {
  const changing = prepared.filter((p) => p.plan.changed);
  if (!request.all || !changing.length || request.yes || request.dryRun) return;
  const list = changing.map((p) => `${p.host.label} (${p.file})`).join(', ');
  if (!runtime.confirm) throw new UsageError(`--all would change ${changing.length} file(s): ${list}; re-run with --yes, or --dry-run to see the changes`);
  if (!(await runtime.confirm(`Add socbridge to ${list}?`))) throw new UsageError('cancelled; nothing was changed');
}

function selectHosts(request: InstallRequest, ctx: HostContext): Host[] {
  if (request.all && request.host) throw new UsageError('use either --host <id> or --all, not both');
  if (request.all) {
    if (request.scope && request.scope !== 'user') throw new UsageError('--all configures each host for your user; pick one --host for other scopes');
    const found = detectedHosts(ctx);
    if (!found.length) throw new UsageError(`no MCP host found on this machine; name one with --host (${HOSTS.map((h) => h.id).join(', ')})`);
    return found;
  }
  if (!request.host) throw new UsageError(`--host <id> is required (or --all); hosts: ${HOSTS.map((h) => h.id).join(', ')}`);
  return [findHost(request.host)];
}

function parseBackend(value: string): string {
  if (!(BACKEND_IDS as readonly string[]).includes(value)) throw new UsageError(`--backend must be one of ${BACKEND_IDS.join(', ')} (got "${value}")`);
  return value;
}

function parseUrl(value: string | undefined): string {
  if (value === undefined || value.trim() === '') {
    throw new UsageError('--url is required: the base URL of your SOC platform, e.g. https://aisoc.example.com');
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new UsageError(`--url must be an http:// or https:// URL (got "${value}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--url must be an http:// or https:// URL (got "${value}")`);
  if (url.username || url.password) throw new UsageError('--url must not contain a user name or password; pass the key with --api-key');
  return url.toString().replace(/\/+$/, '');
}

function urlPassword(value: string): string | undefined {
  try {
    return new URL(value).password || undefined;
  } catch {
    return undefined;
  }
}

async function prepare(host: FileHost, scope: Scope, location: ConfigLocation, launch: Launch, name: string, dryRun: boolean): Promise<PreparedHost> {
  const file = await resolveConfigPath(location.file);
  if (!dryRun) await checkWritable(file);
  const target: EntryTarget = { container: location.container, kind: location.kind, name };
  const entry = shapeEntry(host.entry, launch, name);
  const owned = ownedFields(host.entry, name);
  const before = await readConfigText(file);
  const base = { host, scope, location, file, target, entry, owned, before };
  return { ...base, plan: planUpsert({ ...upsertInput(base), text: before }) };
}

function upsertInput(p: Omit<PreparedHost, 'plan' | 'before'>) {
  return {
    format: formatOf(p.host.format),
    file: p.file,
    target: p.target,
    entry: p.entry,
    owned: p.owned,
    ...(p.location.seed !== undefined ? { seed: p.location.seed } : {}),
  };
}

/** Never silently replace someone else's server that happens to have our name. */
async function confirmReplacements(prepared: PreparedHost[], request: InstallRequest, runtime: InstallRuntime): Promise<void> {
  for (const p of prepared) {
    if (p.plan.previous === undefined || request.yes || isSocbridgeEntry(p.host, p.plan.previous)) continue;
    const ok = runtime.confirm && !request.dryRun ? await runtime.confirm(`${p.file} has a server named "${request.name}" that does not run socbridge. Replace it?`) : false;
    if (!ok) throw new EntryConflictError(p.file, request.name, 'replace');
  }
}

export function isSocbridgeEntry(host: FileHost, entry: unknown): boolean {
  const launch = readLaunch(host.entry, entry);
  return launch !== undefined && socbridgeEntryInfo(launch) !== undefined;
}

function entryNotes(p: PreparedHost, request: InstallRequest, runtime: InstallRuntime, { profileName, apiKey }: Connection): string[] {
  const notes: string[] = [];
  const previous = isRecord(p.plan.previous) ? readLaunch(p.host.entry, p.plan.previous) : undefined;
  const previousProfile = previous && socbridgeEntryInfo(previous)?.profile;
  if (previousProfile && previousProfile !== profileName) {
    notes.push(`the entry used profile "${previousProfile}" before; it stays in the profile store (socbridge uninstall --forget-key removes a profile with its entry)`);
  }
  if (request.launcher === 'node' && isEphemeralInstall(runtime.scriptPath)) {
    notes.push("--launcher node points into npx's cache, which npx may clean; install socbridge (npm i -g socbridge) and run install again for a lasting path");
  }
  if (request.launcher === 'node' && p.location.shared) notes.push('--launcher node wrote absolute paths of this machine into a shared project file');
  if (p.location.shared) notes.push('project file: no key and no proxy settings were written; each teammate runs socbridge install (user scope) to store their own key');
  if (!apiKey) notes.push('no API key stored: re-run with --api-key (or SOCBRIDGE_API_KEY set) to add one');
  return notes;
}

function actionOf(existed: boolean, plan: PlannedEdit): HostAction {
  if (!plan.changed) return 'unchanged';
  if (!existed) return 'created';
  return plan.previous === undefined ? 'added' : 'updated';
}

export function diffOf(before: string | undefined, plan: PlannedEdit, mask: (text: string) => string): DiffLine[] {
  if (!plan.changed) return [];
  return changedLines(before ?? '', plan.deleteFile ? '' : plan.text).map((line) => ({ ...line, text: mask(line.text) }));
}

function snippetOutcome(host: SnippetHost, launch: Launch, name: string): HostOutcome {
  const snippet = formatOf('json').upsert('', { container: [host.container], kind: 'map', name }, shapeEntry(host.entry, launch, name), [], '').text.trimEnd();
  return { host, action: 'snippet', snippet, notes: [host.where] };
}

function sortLike(hosts: Host[], outcomes: HostOutcome[]): HostOutcome[] {
  return [...outcomes].sort((a, b) => hosts.indexOf(a.host) - hosts.indexOf(b.host));
}
