import { UsageError } from '../cli/usage-error.js';
import type { AnyToolSpec, Connector } from '../connectors/types.js';
import type { Settings } from '../config/settings.js';

/**
 * The tools a session serves: the catalog in its own order, minus writes under --read-only, limited
 * by --tools and --exclude-tools. A name that is not in the catalog fails start-up (exit 2), because
 * a typo silently serving everything is how a "read-only" deployment ends up writing.
 */
export function selectTools(connector: Connector, settings: Pick<Settings, 'readOnly' | 'tools' | 'excludeTools'>): AnyToolSpec[] {
  const known = new Set(connector.tools.map((t) => t.name));
  for (const [flag, names] of [['--tools', settings.tools], ['--exclude-tools', settings.excludeTools]] as const) {
    const unknown = (names ?? []).filter((n) => !known.has(n));
    if (unknown.length) {
      throw new UsageError(`${flag} names unknown tool(s) ${unknown.join(', ')}; valid ${connector.id} tools: ${[...known].join(', ')}`);
    }
  }
  const only = settings.tools ? new Set(settings.tools) : undefined;
  const excluded = new Set(settings.excludeTools ?? []);
  return connector.tools.filter((t) => (!settings.readOnly || !t.writes) && (!only || only.has(t.name)) && !excluded.has(t.name));
}
