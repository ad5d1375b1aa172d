import { Chalk } from 'chalk';
import { UsageError } from '../cli/usage-error.js';
import { redactSecrets } from '../config/mask.js';
import { ProfileStoreError } from '../config/profiles.js';
import { SETTING_FLAGS } from '../config/flags.js';
import { resolveSettings, type SettingFlags } from '../config/settings.js';
import { loadConnector } from '../connectors/registry.js';
import { processHostContext } from '../hosts/platform.js';
import { findHost } from '../hosts/registry.js';
import { BackendClient, DEFAULT_MAX_RESPONSE_BYTES } from '../http/client.js';
import { createTransport } from '../http/transport.js';
import { silentLogger } from '../server/logger.js';
import { checkAuth } from './auth.js';
import { checkClock } from './clock.js';
import { elapsed, StepTimeoutError, withinMs } from './deadline.js';
import { checkDns } from './dns.js';
import { checkHealth } from './health.js';
import { checkHosts, type HostFinding } from './hosts.js';
import { fail } from './outcome.js';
import { renderHuman, renderJson } from './report.js';
import { checkRuntime } from './runtime.js';
import { checkSettings } from './settings.js';
import { checkTcp } from './tcp.js';
import { checkTls } from './tls.js';
import { checkTools } from './tools.js';
import type { CheckOutcome, CheckResult, DoctorContext, DoctorInput, DoctorReport, Facts } from './types.js';
import { checkUrl } from './url.js';

/** No single network step (lookup, connect, handshake, request) may take longer, whatever --timeout says. */
export const MAX_STEP_MS = 5000;

export interface DoctorFlags extends SettingFlags {
  host?: string;
  name: string;
  json?: boolean;
}

interface CheckDef {
  id: string;
  run(ctx: DoctorContext, settingsError: string | undefined): CheckOutcome | Promise<CheckOutcome>;
}

/** The checks in order; each reads what earlier ones learnt (ctx.facts) and says "skipped: …" when it cannot run. */
const CHECKS: CheckDef[] = [
  { id: 'runtime', run: () => checkRuntime() },
  { id: 'settings', run: (ctx, settingsError) => checkSettings(ctx, settingsError) },
  { id: 'url', run: checkUrl },
  { id: 'dns', run: checkDns },
  { id: 'tcp', run: checkTcp },
  { id: 'tls', run: checkTls },
  { id: 'health', run: checkHealth },
  { id: 'auth', run: checkAuth },
  { id: 'tools', run: checkTools },
  { id: 'clock', run: checkClock },
];

/** `socbridge doctor`: runs every check, prints the report (human or --json), resolves to the exit code. */
export async function runDoctorCommand(flags: DoctorFlags, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const report = await runDoctor({
    flags,
    env,
    ...(flags.host !== undefined ? { host: flags.host } : {}),
    name: flags.name,
    hostContext: processHostContext({ env }),
  });
  const colourful = process.stdout.isTTY === true && !env.NO_COLOR;
  const text = flags.json ? renderJson(report) : renderHuman(report, new Chalk({ level: colourful ? 1 : 0 }));
  await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
  return report.ok ? 0 : 1;
}

/** Runs every check in order. Bad flags are a UsageError (exit 2); everything else is a finding. */
export async function runDoctor(input: DoctorInput): Promise<DoctorReport> {
  if (input.host !== undefined) findHost(input.host);
  const facts: Facts = { secrets: [] };
  const settingsError = await resolveInto(facts, input);
  const stepMs = Math.min(facts.resolved?.values.timeoutMs ?? MAX_STEP_MS, MAX_STEP_MS);
  buildClient(facts, input.env, stepMs);

  const results: CheckResult[] = [];
  const ctx: DoctorContext = { input, stepMs, facts, statusOf: (id) => results.find((r) => r.id === id)?.status };
  // A safety net above the per-step budgets: one check can never stall the whole report.
  const bound = 2 * stepMs + 1000;
  try {
    for (const check of CHECKS) {
      const started = performance.now();
      const outcome = await guarded(check.id, () => check.run(ctx, settingsError), bound);
      results.push(toResult(check.id, outcome, started));
    }
    const started = performance.now();
    const hosts = await guarded('hosts', () => checkHosts(ctx), bound + 3000);
    const perHost = Array.isArray(hosts) ? hosts : [{ id: 'hosts', ...hosts }];
    // The host files are read in one pass; each row carries the pass's time.
    const ms = elapsed(started);
    results.push(...perHost.map((h: HostFinding) => ({ ...toResult(h.id, h, started), ms })));
  } finally {
    facts.client?.destroy();
  }
  const checks = results.map((r) => redact(r, facts.secrets));
  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}

/**
 * Settings as serve would resolve them. A bad flag is the caller's mistake (exit 2); a bad
 * environment variable or profile is exactly what doctor is for, so it becomes the settings finding.
 */
async function resolveInto(facts: Facts, input: DoctorInput): Promise<string | undefined> {
  try {
    facts.resolved = await resolveSettings(input.flags, input.env);
  } catch (error) {
    if (error instanceof UsageError && fromFlag(error, input.flags)) throw error;
    if (error instanceof UsageError || error instanceof ProfileStoreError) return error.message;
    throw error;
  }
  const { values } = facts.resolved;
  facts.connector = await loadConnector(values.backend);
  if (values.apiKey) facts.secrets.push(values.apiKey);
  if (values.url) {
    const password = new URL(values.url).password;
    if (password) facts.secrets.push(decodeURIComponent(password));
  }
  return undefined;
}

const FLAG_PROPS = [...SETTING_FLAGS.map((f) => f.flags.split(' ')[0] ?? ''), '--profile'].map((flag) => [flag, flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] as const);

function fromFlag(error: UsageError, flags: DoctorInput['flags']): boolean {
  const given = flags as Record<string, unknown>;
  return FLAG_PROPS.some(([flag, prop]) => given[prop] !== undefined && error.message.startsWith(`${flag} `));
}

/** The client serve would use (same proxy and CA handling), but one attempt per request: doctor reports, it does not retry. */
function buildClient(facts: Facts, env: NodeJS.ProcessEnv, stepMs: number): void {
  const { resolved, connector } = facts;
  const url = resolved?.values.url;
  if (!resolved || !url || !connector) return;
  const { values } = resolved;
  try {
    facts.client = new BackendClient({
      label: connector.label,
      baseUrl: url,
      apiPrefix: connector.apiPrefix,
      authHeaders: values.apiKey ? connector.authHeaders(values.apiKey) : undefined,
      timeoutMs: stepMs,
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
      transport: createTransport({ caFile: values.caFile, env }),
      logger: silentLogger,
      errorMessage: connector.errorMessage,
      retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    });
  } catch (error) {
    facts.clientError = `cannot set up the HTTP client: ${(error as Error).message}`;
  }
}

/** A check that throws or overruns becomes a failed row: the report always completes. */
async function guarded<T>(id: string, run: () => T | Promise<T>, bound: number): Promise<T | CheckOutcome> {
  try {
    return await withinMs(Promise.resolve().then(run), bound);
  } catch (error) {
    if (error instanceof StepTimeoutError) return fail(`the ${id} check did not finish within ${bound} ms`, 'run doctor again; if it repeats, report it with this output');
    if (error instanceof UsageError) throw error;
    return fail(`the ${id} check failed unexpectedly: ${(error as Error).message}`, 'report this as a socbridge bug, with this output');
  }
}

function toResult(id: string, outcome: CheckOutcome, started: number): CheckResult {
  return { id, status: outcome.status, summary: outcome.summary, ...(outcome.fix && outcome.status !== 'ok' ? { fix: outcome.fix } : {}), ms: elapsed(started) };
}

function redact(result: CheckResult, secrets: string[]): CheckResult {
  const clean = (text: string) => redactSecrets(text, secrets);
  return { ...result, summary: clean(result.summary), ...(result.fix ? { fix: clean(result.fix) } : {}) };
}
