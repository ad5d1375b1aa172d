import { UsageError } from '../cli/usage-error.js';
import { redactSecrets } from '../config/mask.js';
import { deleteProfile } from '../config/profiles.js';
import { planRemove, type PlannedEdit } from './edit.js';
import { readLaunch, socbridgeEntryInfo } from './entry.js';
import { ConfigFileError, EntryConflictError } from './errors.js';
import { formatOf } from './formats/index.js';
import { diffOf, isSocbridgeEntry, type HostOutcome } from './install.js';
import type { HostContext } from './platform.js';
import { detectedHosts, findHost, HOSTS, locate } from './registry.js';
import { listPaths, usersOfProfile } from './status.js';
import type { ConfigLocation, EntryTarget, FileHost, Scope } from './types.js';
import { applyEdit, readConfigText, resolveConfigPath } from './write.js';

export interface UninstallRequest {
  host?: string;
  all: boolean;
  scope?: Scope;
  name: string;
  /** Also delete the profile (and its key) the removed entries used. */
  forgetKey: boolean;
  dryRun: boolean;
  yes: boolean;
}

export interface UninstallReport {
  dryRun: boolean;
  outcomes: HostOutcome[];
  /** Profiles deleted (or, with --dry-run, that would be). */
  forgotten: string[];
  warnings: string[];
}

export async function uninstall(request: UninstallRequest, runtime: { ctx: HostContext; confirm?: (question: string) => Promise<boolean> }): Promise<UninstallReport> {
  const { ctx } = runtime;
  const scope = request.scope ?? 'user';
  const hosts = selectHosts(request, ctx);
  const outcomes: HostOutcome[] = [];
  const profiles = new Set<string>();

  for (const host of hosts) {
    if (host.kind === 'snippet') {
      outcomes.push({ host, action: 'snippet', notes: [`${host.label} is configured in its own settings: remove the "${request.name}" server there`] });
      continue;
    }
    const location = locate(host, scope, ctx, request.name);
    try {
      const prepared = await prepare(host, location, request.name);
      const previous = prepared.plan.previous;
      if (previous !== undefined && !isSocbridgeEntry(host, previous) && !request.yes) {
        const ok = runtime.confirm && !request.dryRun ? await runtime.confirm(`${prepared.file} has a server named "${request.name}" that does not run socbridge. Remove it?`) : false;
        if (!ok) throw new EntryConflictError(prepared.file, request.name, 'remove');
      }
      const launch = previous === undefined ? undefined : readLaunch(host.entry, previous);
      const profile = launch && socbridgeEntryInfo(launch)?.profile;
      if (profile) profiles.add(profile);
      outcomes.push(await removeFrom(host, scope, location, prepared, request.dryRun, secretsIn(launch?.env ?? {})));
    } catch (error) {
      if (!request.all || !(error instanceof ConfigFileError)) throw error;
      outcomes.push({ host, scope, file: location.file, action: 'failed', notes: [], error: error.message });
    }
  }

  const forgotten: string[] = [];
  const warnings: string[] = [];
  if (request.forgetKey) {
    const remaining = await listPaths(ctx, { name: request.name });
    for (const profile of profiles) {
      const users = usersOfProfile(remaining, profile).filter((row) => !request.dryRun || !outcomes.some((o) => o.file === row.file));
      if (users.length) warnings.push(`profile "${profile}" is still used by ${users.map((u) => `${u.label} (${u.scope})`).join(', ')}; those entries stop working without it`);
      if (request.dryRun || (await deleteProfile(profile, ctx.env))) forgotten.push(profile);
    }
  }
  return { dryRun: request.dryRun, outcomes, forgotten, warnings };
}

function selectHosts(request: UninstallRequest, ctx: HostContext) {
  if (request.all && request.host) throw new UsageError('use either --host <id> or --all, not both');
  if (request.all) {
    if (request.scope && request.scope !== 'user') throw new UsageError('--all removes socbridge from each host for your user; pick one --host for other scopes');
    return detectedHosts(ctx);
  }
  if (!request.host) throw new UsageError(`--host <id> is required (or --all); hosts: ${HOSTS.map((h) => h.id).join(', ')}`);
  return [findHost(request.host)];
}

interface Prepared {
  file: string;
  target: EntryTarget;
  before: string | undefined;
  plan: PlannedEdit;
}

async function prepare(host: FileHost, location: ConfigLocation, name: string): Promise<Prepared> {
  const file = await resolveConfigPath(location.file);
  const target: EntryTarget = { container: location.container, kind: location.kind, name };
  const before = await readConfigText(file);
  const plan = planRemove({ format: formatOf(host.format), file, text: before, target, ownedFile: location.ownedFile ?? false });
  return { file, target, before, plan };
}

async function removeFrom(host: FileHost, scope: Scope, location: ConfigLocation, prepared: Prepared, dryRun: boolean, secrets: string[]): Promise<HostOutcome> {
  const base = { host, scope, file: prepared.file, notes: prepared.plan.notes };
  if (!prepared.plan.changed) return { ...base, action: 'absent' };
  const action = prepared.plan.deleteFile ? 'deleted' : 'removed';
  if (dryRun) return { ...base, action, diff: diffOf(prepared.before, prepared.plan, (t) => redactSecrets(t, secrets)) };
  const applied = await applyEdit(
    prepared.file,
    (text) => planRemove({ format: formatOf(host.format), file: prepared.file, text, target: prepared.target, ownedFile: location.ownedFile ?? false }),
    { secret: false },
  );
  return { ...base, file: applied.file, action: applied.plan.changed ? action : 'absent', ...(applied.backup ? { backup: applied.backup } : {}) };
}

/** Values in the removed entry's env that must not be printed by --dry-run. */
function secretsIn(env: Record<string, string>): string[] {
  return Object.entries(env).flatMap(([name, value]) => {
    if (/KEY|TOKEN|SECRET|PASSWORD/i.test(name)) return [value];
    try {
      const password = new URL(value).password;
      return password ? [password] : [];
    } catch {
      return []; // not a URL, so no credentials in it
    }
  });
}
