import type { Tool } from '@modelcontextprotocol/client';
import type { Settings } from '../config/settings.js';
import { globToRegExp, matchesAny } from './globs.js';

export interface ToolFilter {
  /** Whether a remote tool is served, judged by its remote and served names and its annotations. */
  allows(tool: Tool, servedName: string): boolean;
  /** --tools / --exclude-tools patterns that match none of these tools (a typo is worth a warning). */
  unmatched(tools: ReadonlyArray<{ remote: string; served: string }>): string[];
}

/**
 * The tools a session serves: under --read-only only those the remote marks `readOnlyHint: true`
 * (an unannotated tool may write, so it is hidden); then --tools keeps matches, --exclude-tools
 * drops them. The remote catalog is unknown at start-up, so unknown names warn instead of failing.
 */
export function createToolFilter(settings: Pick<Settings, 'readOnly' | 'tools' | 'excludeTools'>): ToolFilter {
  const only = settings.tools?.map(globToRegExp);
  const excluded = (settings.excludeTools ?? []).map(globToRegExp);
  return {
    allows(tool, servedName) {
      const names = [tool.name, servedName];
      if (settings.readOnly && tool.annotations?.readOnlyHint !== true) return false;
      if (only && !matchesAny(only, names)) return false;
      return !matchesAny(excluded, names);
    },
    unmatched(tools) {
      const patterns = [...(settings.tools ?? []), ...(settings.excludeTools ?? [])];
      return patterns.filter((p) => !tools.some((t) => matchesAny([globToRegExp(p)], [t.remote, t.served])));
    },
  };
}
