import { maskSecret } from '../config/mask.js';
import type { Connector, DoctorProbe } from '../connectors/types.js';
import type { BackendClient } from '../http/client.js';
import { BackendError } from '../http/errors.js';
import type { HttpResponse } from '../http/types.js';
import { connectionGate, recordClock } from './health.js';
import { describeHttpFailure } from './http-failure.js';
import { fail, ok, skipped, warn } from './outcome.js';
import type { AccessReport, CheckOutcome, DoctorContext } from './types.js';

type ProbeResult = { kind: 'passed'; response?: HttpResponse } | { kind: 'refused'; error: BackendError } | { kind: 'failed'; error: unknown };

/**
 * The backend's own authentication probe, each 401 and 403 explained; then one cheap probe per
 * scope (in parallel), so a missing scope is named with the tools it hides.
 */
export async function checkAuth(ctx: DoctorContext): Promise<CheckOutcome> {
  const { connector, client, resolved, target } = ctx.facts;
  const gate = connectionGate(ctx);
  if (gate) return gate;
  if (ctx.facts.unreachable) return skipped(ctx, 'health', `the backend did not answer (${ctx.facts.unreachable})`);
  if (!client || !connector || !resolved) return skipped(ctx, 'settings', ctx.facts.clientError ?? 'no HTTP client');
  const apiKey = resolved.values.apiKey;
  if (!apiKey) return skipped(ctx, 'settings', 'no API key is configured');
  const spec = connector.doctor?.auth;
  if (!spec) return warn(`the ${connector.label} connector defines no authentication probe`, 'run a read-only tool to test the key: socbridge call <tool>');

  const key = maskSecret(apiKey);
  const apiBase = target?.apiBase ?? connector.apiPrefix;
  const request = describeProbe(spec.probe, apiBase);
  const base = await probe(client, spec.probe, ctx.stepMs);
  if (base.kind === 'failed') {
    const failure = describeHttpFailure(base.error, request, connector, ctx.stepMs);
    return fail(failure.summary, failure.fix);
  }
  if (base.kind === 'refused') {
    const message = base.error.details.backendMessage;
    const said = message ? ` "${message}"` : '';
    if (base.error.status === 401) {
      const known = spec.rejections.find((r) => message !== undefined && r.match.test(message));
      const means = known?.means ?? `${connector.label} rejected the key`;
      return fail(`${request} → 401${said}: ${means} (key ${key})`, known?.fix ?? `check the key; ${connector.scopeHelp}`);
    }
    return fail(`${request} → 403${said}: ${spec.forbidden.means} (key ${key})`, spec.forbidden.fix);
  }
  if (base.response) recordClock(ctx, base.response, request);

  const access = await probeScopes(ctx, client, connector, apiBase);
  ctx.facts.access = access;
  const parts = [`authenticated with key ${key} (${request} → ${base.response?.status ?? 200})`];
  if (access.granted.length) parts.push(`granted: ${access.granted.join(', ')}`);
  if (access.missing.length) parts.push(`missing: ${access.missing.map((scope) => `${scope} (hides ${toolsNeeding(connector, scope).join(', ')})`).join('; ')}`);
  const unprobed = unprobedScopes(connector);
  const unverified = [...access.unverified.map((u) => `${u.scope} (${u.why})`), ...unprobed.map((s) => `${s} (no side-effect-free probe)`)];
  if (unverified.length) parts.push(`not verified: ${unverified.join(', ')}`);
  const summary = parts.join('; ');
  if (access.missing.length) {
    const hidden = access.missing.flatMap((scope) => toolsNeeding(connector, scope));
    return warn(summary, `${connector.scopeHelp} Or serve without those tools: --exclude-tools ${hidden.join(',')}`);
  }
  return ok(summary);
}

async function probeScopes(ctx: DoctorContext, client: BackendClient, connector: Connector, apiBase: string): Promise<AccessReport> {
  const scopes = connector.doctor?.scopes ?? [];
  const missingScope = connector.doctor?.auth.missingScope ?? (() => undefined);
  const results = await Promise.all(scopes.map(async ({ scope, probe: spec }) => ({ scope, spec, result: await probe(client, spec, ctx.stepMs) })));
  const report: AccessReport = { granted: [], missing: [], unverified: [] };
  for (const { scope, spec, result } of results) {
    if (result.kind === 'passed') {
      report.granted.push(scope);
    } else if (result.kind === 'refused' && result.error.status === 403) {
      // The backend names the permission it wanted; trust that over our table when they differ.
      report.missing.push(missingScope(result.error.details.backendMessage) ?? scope);
    } else {
      const error = result.error;
      const why = error instanceof BackendError ? (error.status ? `${describeProbe(spec, apiBase)} → ${error.status}` : error.kind) : String(error);
      report.unverified.push({ scope, why });
    }
  }
  report.missing = [...new Set(report.missing)];
  return report;
}

async function probe(client: BackendClient, spec: DoctorProbe, stepMs: number): Promise<ProbeResult> {
  try {
    const response = await client.bind({}).request({
      method: spec.method,
      path: spec.path,
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.body !== undefined ? { body: spec.body } : {}),
      timeoutMs: stepMs,
    });
    return { kind: 'passed', response };
  } catch (error) {
    if (error instanceof BackendError && error.kind === 'http') {
      if (error.status !== undefined && spec.passes?.includes(error.status)) return { kind: 'passed' };
      if (error.status === 401 || error.status === 403) return { kind: 'refused', error };
    }
    return { kind: 'failed', error };
  }
}

function describeProbe(spec: DoctorProbe, apiBase: string): string {
  const query = spec.query ? `?${new URLSearchParams(Object.entries(spec.query).map(([k, v]): [string, string] => [k, String(v)])).toString()}` : '';
  return `${spec.method} ${apiBase}${spec.path}${query}`;
}

export function toolsNeeding(connector: Connector, scope: string): string[] {
  return connector.tools.filter((t) => t.scope === scope).map((t) => t.name);
}

/** Scopes some tool needs that no probe covers. */
export function unprobedScopes(connector: Connector): string[] {
  const probed = new Set((connector.doctor?.scopes ?? []).map((s) => s.scope));
  return [...new Set(connector.tools.map((t) => t.scope))].filter((scope) => !probed.has(scope));
}
