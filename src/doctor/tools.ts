import { UsageError } from '../cli/usage-error.js';
import type { AnyToolSpec } from '../connectors/types.js';
import { selectTools } from '../server/select-tools.js';
import { unprobedScopes } from './auth.js';
import { fail, ok, skipped, warn } from './outcome.js';
import type { CheckOutcome, DoctorContext } from './types.js';

/**
 * How many tools serve would offer that this key can actually use, and why each other one is
 * out: a scope the key lacks, --read-only, or --tools / --exclude-tools.
 */
export function checkTools(ctx: DoctorContext): CheckOutcome {
  const { connector, resolved, access } = ctx.facts;
  if (!connector || !resolved) return skipped(ctx, 'settings', 'settings could not be resolved');
  let selected: AnyToolSpec[];
  try {
    selected = selectTools(connector, resolved.values);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return fail(`serve would refuse to start: ${error.message}`, 'correct the names in --tools / --exclude-tools (or SOCBRIDGE_TOOLS / SOCBRIDGE_EXCLUDE_TOOLS); `socbridge tools` lists them');
  }
  const catalog = connector.tools;
  const byReadOnly = resolved.values.readOnly ? catalog.filter((t) => t.writes) : [];
  const byFilter = catalog.filter((t) => !selected.includes(t) && !byReadOnly.includes(t));
  const filters = [
    byReadOnly.length ? `hidden by --read-only: ${names(byReadOnly)}` : '',
    byFilter.length ? `hidden by --tools/--exclude-tools: ${names(byFilter)}` : '',
  ].filter(Boolean);
  if (!access) return skipped(ctx, 'auth', `which tools the key can use is unknown until authentication works; serve would offer ${selected.length} of ${catalog.length}${filters.length ? ` (${filters.join('; ')})` : ''}`);

  const missing = new Set(access.missing);
  const byScope = selected.filter((t) => missing.has(t.scope));
  const usable = selected.filter((t) => !missing.has(t.scope));
  const doubtful = new Set([...access.unverified.map((u) => u.scope), ...unprobedScopes(connector)]);
  const unverified = usable.filter((t) => doubtful.has(t.scope));
  const parts = [
    `${usable.length} of ${catalog.length} tools usable with this key`,
    byScope.length ? `hidden by missing scope: ${byScope.map((t) => `${t.name} (${t.scope})`).join(', ')}` : '',
    ...filters,
    unverified.length ? `not verified: ${unverified.map((t) => `${t.name} (${t.scope})`).join(', ')}` : '',
  ].filter(Boolean);
  const summary = parts.join('; ');
  if (usable.length === 0) {
    return fail(summary, `the key can use none of the tools serve would offer: ${connector.scopeHelp}`);
  }
  if (byScope.length) {
    return warn(summary, `calls to those tools will fail with 403: mint a key with ${[...new Set(byScope.map((t) => t.scope))].join(', ')}, or serve without them: --exclude-tools ${byScope.map((t) => t.name).join(',')}`);
  }
  return ok(summary);
}

function names(tools: AnyToolSpec[]): string {
  return tools.map((t) => t.name).join(', ');
}
