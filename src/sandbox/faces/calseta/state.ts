import { DATASET_NOW_MS, DAY, MINUTE } from '../../dataset/clock.js';
import { Prng } from '../../dataset/prng.js';
import type { Alert, Workflow } from '../../dataset/types.js';
import type { SandboxContext } from '../../server/context.js';
import type { CalsetaSeverity } from './vocabulary.js';

/**
 * What the Calseta face keeps beyond the shared dataset: Calseta-only alert fields written through
 * PATCH, agent findings, the activity log, workflow runs and approval requests. Everything lives
 * in memory for the sandbox's lifetime, and everything seeded is a pure function of the seed.
 */

export interface AlertOverlay {
  /** Set only for `Pending`, the one Calseta severity the dataset has no word for. */
  severity: CalsetaSeverity | null;
  maliceOverride: string | null;
  maliceOverrideAtMs: number | null;
  acknowledgedAtMs: number | null;
  triagedAtMs: number | null;
}

export interface Finding {
  id: string;
  agent_name: string;
  summary: string;
  confidence: 'low' | 'medium' | 'high' | null;
  recommended_action: string | null;
  evidence: Record<string, unknown> | null;
  posted_at: string;
}

export interface ActivityEvent {
  id: string;
  alertId: string;
  type: string;
  actorType: 'system' | 'api';
  actorKeyPrefix: string | null;
  workflowId: string | null;
  references: Record<string, unknown>;
  atMs: number;
}

export type RunStatus = 'queued' | 'running' | 'success' | 'failed' | 'timed_out';

export interface WorkflowRun {
  id: string;
  tenantId: string;
  workflowId: string;
  triggerType: 'agent' | 'manual';
  triggerContext: Record<string, unknown>;
  status: RunStatus;
  attemptCount: number;
  logOutput: string | null;
  result: Record<string, unknown> | null;
  startedAtMs: number | null;
  completedAtMs: number | null;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface ApprovalRequest {
  id: string;
  tenantId: string;
  workflowId: string;
  status: 'pending';
  reason: string | null;
  confidence: number | null;
  triggerContext: Record<string, unknown>;
  createdAtMs: number;
  expiresAtMs: number;
}

const OUTCOMES: ReadonlyArray<readonly [RunStatus, number]> = [
  ['success', 16],
  ['failed', 3],
  ['timed_out', 1],
];

export class CalsetaState {
  readonly findings = new Map<string, Finding[]>();
  readonly approvals: ApprovalRequest[] = [];
  private readonly overlays = new Map<string, AlertOverlay>();
  private readonly activity = new Map<string, ActivityEvent[]>();
  private readonly runsByTenant = new Map<string, WorkflowRun[]>();
  /** Calseta's integer primary keys, which some responses expose (`alert_id`, `workflow_id`). */
  private readonly numbers = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private executions = 0;

  constructor(readonly ctx: SandboxContext) {
    const { dataset } = ctx;
    [...dataset.alerts, ...dataset.fixtureAlerts].forEach((a, i) => this.numbers.set(a.id, i + 1));
    dataset.rules.forEach((r, i) => this.numbers.set(r.id, i + 1));
    dataset.workflows.forEach((w, i) => this.numbers.set(w.id, i + 1));
  }

  /** The tenant's alerts: the generated ones and the real vendor fixtures. */
  alerts(tenantId: string): Alert[] {
    const { alerts, fixtureAlerts } = this.ctx.dataset;
    return [...alerts, ...fixtureAlerts].filter((a) => a.tenantId === tenantId);
  }

  number(id: string): number {
    const n = this.numbers.get(id);
    if (n === undefined) throw new Error(`no Calseta integer id for ${id}`);
    return n;
  }

  overlay(alert: Alert): AlertOverlay {
    let overlay = this.overlays.get(alert.id);
    if (!overlay) {
      // Acknowledged and triaged when the alert first left Open, as far as the dataset tells.
      const handled = alert.status !== 'new';
      overlay = {
        severity: null,
        maliceOverride: null,
        maliceOverrideAtMs: null,
        acknowledgedAtMs: handled ? alert.createdAtMs + 7 * MINUTE : null,
        triagedAtMs: handled ? alert.createdAtMs + 19 * MINUTE : null,
      };
      this.overlays.set(alert.id, overlay);
    }
    return overlay;
  }

  /** The alert's activity, newest first; the seeded history is built on first read. */
  activityOf(alert: Alert): ActivityEvent[] {
    let events = this.activity.get(alert.id);
    if (!events) {
      events = this.seedActivity(alert);
      this.activity.set(alert.id, events);
    }
    return events;
  }

  record(alert: Alert, type: string, actorKeyPrefix: string, references: Record<string, unknown>, workflowId: string | null = null): void {
    this.activityOf(alert).unshift({ id: this.ctx.ids.uuid(), alertId: alert.id, type, actorType: 'api', actorKeyPrefix, workflowId, references, atMs: this.ctx.clock.nowMs() });
  }

  runs(tenantId: string): WorkflowRun[] {
    let runs = this.runsByTenant.get(tenantId);
    if (!runs) {
      runs = this.seedRuns(tenantId);
      this.runsByTenant.set(tenantId, runs);
    }
    return runs;
  }

  /** Queues a run that starts after one step and finishes after another, like Calseta's worker. */
  startRun(workflow: Workflow, triggerType: WorkflowRun['triggerType'], triggerContext: Record<string, unknown>): WorkflowRun {
    const prng = new Prng(this.ctx.dataset.seed, `calseta-execution:${++this.executions}`);
    const now = this.ctx.clock.nowMs();
    const run: WorkflowRun = {
      id: prng.uuid(),
      tenantId: workflow.tenantId,
      workflowId: workflow.id,
      triggerType,
      triggerContext,
      status: 'queued',
      attemptCount: 0,
      logOutput: null,
      result: null,
      startedAtMs: null,
      completedAtMs: null,
      createdAtMs: now,
      updatedAtMs: now,
    };
    this.runs(workflow.tenantId).unshift(run);
    const outcome = prng.weighted(OUTCOMES);
    this.after(() => {
      run.status = 'running';
      run.attemptCount = 1;
      run.startedAtMs = run.updatedAtMs = this.ctx.clock.nowMs();
      this.after(() => finish(run, workflow, outcome, this.ctx.clock.nowMs()));
    });
    return run;
  }

  /** Runs waiting for a worker, across tenants (what `/health` reports as `queue_depth`). */
  queueDepth(): number {
    return [...this.runsByTenant.values()].flat().filter((r) => r.status === 'queued').length;
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private after(fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, this.ctx.runStepMs);
    this.timers.add(timer);
  }

  private seedActivity(alert: Alert): ActivityEvent[] {
    const prng = new Prng(this.ctx.dataset.seed, `calseta-activity:${alert.id}`);
    const event = (type: string, atMs: number, references: Record<string, unknown>): ActivityEvent => ({
      id: prng.uuid(),
      alertId: alert.id,
      type,
      actorType: 'system',
      actorKeyPrefix: null,
      workflowId: null,
      references,
      atMs,
    });
    const events = [event('alert_ingested', alert.createdAtMs, { source_name: alert.sourceName, indicator_count: alert.indicators.length })];
    if (alert.indicators.length > 0) {
      const results = alert.indicators.flatMap((i) => i.enrichment).filter((r) => r.status !== 'skipped');
      events.push(
        event('alert_enrichment_completed', alert.createdAtMs + 30_000, {
          indicator_count: alert.indicators.length,
          providers_succeeded: results.filter((r) => r.status === 'success').length,
          providers_failed: results.filter((r) => r.status === 'failed').length,
        }),
      );
    }
    const overlay = this.overlay(alert);
    if (overlay.triagedAtMs !== null) events.push(event('alert_status_updated', overlay.triagedAtMs, { from_status: 'Open', to_status: alert.status === 'triaging' ? 'Triaging' : 'Escalated' }));
    if (alert.closedAtMs !== null) events.push(event('alert_closed', alert.closedAtMs, { close_classification: alert.closeClassification }));
    return events.sort((x, y) => y.atMs - x.atMs);
  }

  /** A month of past executions of the tenant's active workflows. */
  private seedRuns(tenantId: string): WorkflowRun[] {
    const prng = new Prng(this.ctx.dataset.seed, `calseta-runs:${tenantId}`);
    // The dataset's fixed "now", not the running clock: seeded history must not depend on when it is read.
    const now = DATASET_NOW_MS;
    const values = this.alerts(tenantId).flatMap((a) => a.indicators);
    const runs: WorkflowRun[] = [];
    for (const workflow of this.ctx.dataset.workflows.filter((w) => w.tenantId === tenantId && w.isActive)) {
      const candidates = values.filter((i) => workflow.indicatorTypes.includes(i.type));
      for (let n = prng.int(2, 5); n > 0 && candidates.length > 0; n--) {
        const indicator = prng.pick(candidates);
        const createdAtMs = now - prng.int(1, 29 * 24 * 60) * MINUTE;
        const run: WorkflowRun = {
          id: prng.uuid(),
          tenantId,
          workflowId: workflow.id,
          triggerType: prng.bool(0.6) ? 'agent' : 'manual',
          triggerContext: { indicator_type: indicator.type, indicator_value: indicator.value },
          status: 'queued',
          attemptCount: 1,
          logOutput: null,
          result: null,
          startedAtMs: createdAtMs + prng.int(1, 20) * 1000,
          completedAtMs: null,
          createdAtMs,
          updatedAtMs: createdAtMs,
        };
        finish(run, workflow, prng.weighted(OUTCOMES), (run.startedAtMs ?? createdAtMs) + prng.int(1, 90) * 1000);
        runs.push(run);
      }
    }
    return runs.sort((x, y) => y.createdAtMs - x.createdAtMs || x.id.localeCompare(y.id));
  }
}

function finish(run: WorkflowRun, workflow: Workflow, outcome: RunStatus, atMs: number): void {
  run.status = outcome;
  run.completedAtMs = run.updatedAtMs = atMs;
  const target = String(run.triggerContext.indicator_value ?? 'the alert');
  run.result =
    outcome === 'success'
      ? { success: true, message: `${workflow.name}: done`, data: { target } }
      : { success: false, message: outcome === 'timed_out' ? `timed out after ${workflow.timeoutSeconds}s` : 'integration returned HTTP 502', data: { target } };
  run.logOutput = `[${new Date(run.startedAtMs ?? atMs).toISOString()}] ${workflow.name} for ${target}\n[${new Date(atMs).toISOString()}] ${outcome}`;
}

/** How far back the 30-day metrics look. */
export const METRICS_WINDOW_MS = 30 * DAY;
