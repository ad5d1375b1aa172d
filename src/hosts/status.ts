import { listProfiles, type Profile } from '../config/profiles.js';
import { entriesIn } from './document.js';
import { readLaunch, socbridgeEntryInfo, type SocbridgeEntryInfo } from './entry.js';
import { ConfigFileError } from './errors.js';
import { formatOf } from './formats/index.js';
import type { HostContext } from './platform.js';
import { HOSTS, locate, scopesOf } from './registry.js';
import type { Scope } from './types.js';
import { readConfigText, resolveConfigPath } from './write.js';

/** One row of `list-paths`: a host's config file in one scope, and socbridge's entries in it. */
export interface PathStatus {
  host: string;
  label: string;
  scope: Scope | null;
  /** null for hosts configured in their UI (a snippet is printed instead). */
  file: string | null;
  /** Where in the file the servers sit (`mcpServers`, `projects["/app"].mcpServers`). */
  container: string[] | null;
  exists: boolean;
  configured: boolean;
  servers: Array<SocbridgeEntryInfo & { name: string; url?: string }>;
  error?: string;
}

export interface PathsReport {
  rows: PathStatus[];
  warnings: string[];
}

export async function listPaths(ctx: HostContext, options: { name: string; host?: string }): Promise<PathsReport> {
  const warnings: string[] = [];
  const profiles = await listProfiles(ctx.env).catch((error: Error) => {
    warnings.push(`profiles are not shown: ${error.message}`);
    return {} as Record<string, Profile>;
  });
  const rows: PathStatus[] = [];
  for (const host of HOSTS.filter((h) => !options.host || h.id === options.host)) {
    if (host.kind === 'snippet') {
      rows.push({ host: host.id, label: host.label, scope: null, file: null, container: null, exists: false, configured: false, servers: [] });
      continue;
    }
    for (const scope of scopesOf(host)) {
      const location = locate(host, scope, ctx, options.name);
      const row: PathStatus = {
        host: host.id,
        label: host.label,
        scope,
        file: location.file,
        container: location.container,
        exists: false,
        configured: false,
        servers: [],
      };
      rows.push(row);
      try {
        const text = await readConfigText(await resolveConfigPath(location.file));
        if (text === undefined) continue;
        row.exists = true;
        const data = formatOf(host.format).parse(text, location.file);
        for (const [name, entry] of entriesIn(data, location)) {
          const launch = readLaunch(host.entry, entry);
          const info = launch && socbridgeEntryInfo(launch);
          if (!info) continue;
          const profile = info.profile ? profiles[info.profile] : undefined;
          row.servers.push({
            name,
            ...info,
            ...(info.backend ?? profile?.backend ? { backend: info.backend ?? profile?.backend } : {}),
            ...(profile?.url ? { url: profile.url } : {}),
          });
        }
        row.configured = row.servers.length > 0;
      } catch (error) {
        if (!(error instanceof ConfigFileError)) throw error;
        row.error = error.message;
      }
    }
  }
  return { rows, warnings };
}

/** Entries (in files this machine can see) still running socbridge with a given profile. */
export function usersOfProfile(report: PathsReport, profile: string): PathStatus[] {
  return report.rows.filter((row) => row.servers.some((s) => s.profile === profile));
}
