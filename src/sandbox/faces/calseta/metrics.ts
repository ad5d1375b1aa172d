import { iso } from '../../dataset/clock.js';
import type { Alert } from '../../dataset/types.js';
import type { CalsetaCall, CalsetaRoute, Reply } from './call.js';
import { validationError } from './errors.js';
import { PROVIDERS, supportedTypes } from './enrichments.js';
import { readTime } from './listing.js';
import { alertSummary, enrichmentStatusOf } from './shapes.js';
import { METRICS_WINDOW_MS } from './state.js';
import { CALSETA_SEVERITIES, CALSETA_STATUSES, INDICATOR_TYPES } from './vocabulary.js';

const READ = ['alerts:read'];

function countBy<T>(items: readonly T[], key: (item: T) => string, keys: readonly string[] = []): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 10) / 10;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

/** Timings Calseta reports, in seconds, from what the dataset and the face know of each alert. */
function timings(alerts: Alert[], call: CalsetaCall) {
  const overlays = alerts.map((a) => ({ alert: a, overlay: call.state.overlay(a) }));
  const seconds = (ms: number) => ms / 1000;
  return {
    enrich: mean(alerts.filter((a) => enrichmentStatusOf(a) === 'Enriched').map(() => 30)),
    detect: mean(alerts.map((a) => seconds(a.createdAtMs - a.eventTimeMs))),
    acknowledge: mean(overlays.flatMap(({ alert, overlay }) => (overlay.acknowledgedAtMs === null ? [] : [seconds(overlay.acknowledgedAtMs - alert.createdAtMs)]))),
    triage: mean(overlays.flatMap(({ alert, overlay }) => (overlay.triagedAtMs === null ? [] : [seconds(overlay.triagedAtMs - alert.createdAtMs)]))),
    conclude: mean(alerts.flatMap((a) => (a.closedAtMs === null ? [] : [seconds(a.closedAtMs - a.createdAtMs)]))),
  };
}

function falsePositiveRate(alerts: Alert[]): number {
  const closed = alerts.filter((a) => a.closeClassification !== null);
  return ratio(closed.filter((a) => a.closeClassification?.startsWith('False Positive')).length, closed.length);
}

function summary(call: CalsetaCall): Reply {
  call.query.done();
  const now = call.ctx.clock.nowMs();
  const tenantId = call.principal.tenantId;
  const alerts = call.state.alerts(tenantId).filter((a) => a.createdAtMs >= now - METRICS_WINDOW_MS);
  const shaped = alerts.map((a) => alertSummary(a, call.state));
  const t = timings(alerts, call);
  const workflows = call.ctx.dataset.workflows.filter((w) => w.tenantId === tenantId);
  const runs = call.state.runs(tenantId).filter((r) => r.createdAtMs >= now - METRICS_WINDOW_MS);
  const finished = runs.filter((r) => r.status === 'success' || r.status === 'failed' || r.status === 'timed_out');
  const succeeded = finished.filter((r) => r.status === 'success');
  const pendingRuns = runs.filter((r) => r.status === 'queued');
  const pendingApprovals = call.state.approvals.filter((a) => a.tenantId === tenantId && a.expiresAtMs > now);
  const oldestPending = pendingRuns.length === 0 ? null : (now - Math.min(...pendingRuns.map((r) => r.createdAtMs))) / 1000;
  const workflowQueue = {
    queue: 'workflows',
    pending: pendingRuns.length,
    in_progress: runs.filter((r) => r.status === 'running').length,
    succeeded_30d: succeeded.length,
    failed_30d: finished.length - succeeded.length,
    avg_duration_seconds: mean(finished.flatMap((r) => (r.startedAtMs === null || r.completedAtMs === null ? [] : [(r.completedAtMs - r.startedAtMs) / 1000]))),
    oldest_pending_age_seconds: oldestPending,
  };
  const enrichmentQueue = { queue: 'enrichment', pending: 0, in_progress: 0, succeeded_30d: shaped.filter((a) => a.enrichment_status === 'Enriched').length, failed_30d: shaped.filter((a) => a.enrichment_status === 'Failed').length, avg_duration_seconds: t.enrich, oldest_pending_age_seconds: null };
  return {
    body: {
      data: {
        period: 'last_30_days',
        alerts: {
          total: alerts.length,
          active: shaped.filter((a) => a.status !== 'Closed').length,
          by_severity: countBy(shaped, (a) => a.severity),
          by_status: countBy(shaped, (a) => a.status),
          by_source: countBy(alerts, (a) => a.sourceName),
          enrichment_coverage: ratio(shaped.filter((a) => a.is_enriched).length, alerts.length),
          mean_time_to_enrich_seconds: t.enrich,
          false_positive_rate: falsePositiveRate(alerts),
          mttd_seconds: t.detect,
          mtta_seconds: t.acknowledge,
          mttt_seconds: t.triage,
          mttc_seconds: t.conclude,
        },
        workflows: {
          total_configured: workflows.length,
          executions: runs.length,
          success_rate: ratio(succeeded.length, finished.length),
          estimated_time_saved_hours: Math.round(succeeded.length * 15 / 6) / 10,
        },
        approvals: { pending: pendingApprovals.length, approved_last_30_days: 0, approval_rate: 0, median_response_time_minutes: null },
        platform: {
          context_documents: call.ctx.dataset.contextDocuments.filter((d) => d.tenantId === tenantId).length,
          detection_rules: call.ctx.dataset.rules.filter((r) => r.tenantId === null || r.tenantId === tenantId).length,
          enrichment_providers: PROVIDERS.length,
          enrichment_providers_by_indicator_type: Object.fromEntries(INDICATOR_TYPES.map((type) => [type, PROVIDERS.filter((p) => supportedTypes(p.name).includes(type)).length])),
          agents: 0,
          workflows: workflows.length,
          indicator_mappings: 0,
        },
        queue: {
          queues: [enrichmentQueue, workflowQueue],
          total_pending: enrichmentQueue.pending + workflowQueue.pending,
          total_in_progress: enrichmentQueue.in_progress + workflowQueue.in_progress,
          total_failed_30d: enrichmentQueue.failed_30d + workflowQueue.failed_30d,
          total_succeeded_30d: enrichmentQueue.succeeded_30d + workflowQueue.succeeded_30d,
          oldest_pending_age_seconds: oldestPending,
        },
      },
      meta: {},
    },
  };
}

function alertMetrics(call: CalsetaCall): Reply {
  const q = call.query;
  const fromRaw = readTime(q, 'from_time');
  const toRaw = readTime(q, 'to_time');
  q.done();
  const to = toRaw ?? call.ctx.clock.nowMs();
  const from = fromRaw ?? to - METRICS_WINDOW_MS;
  if (from > to) throw validationError('from_time must be before to_time.', ['query', 'from_time']);
  const alerts = call.state.alerts(call.principal.tenantId).filter((a) => a.createdAtMs >= from && a.createdAtMs <= to);
  const shaped = alerts.map((a) => alertSummary(a, call.state));
  const t = timings(alerts, call);
  const days = countBy(alerts, (a) => iso(a.createdAtMs).slice(0, 10));
  const rules = countBy(alerts.filter((a) => a.ruleId !== null), (a) => a.ruleId ?? '');
  const ruleNames = new Map(call.ctx.dataset.rules.map((r) => [r.id, r.name]));
  return {
    body: {
      data: {
        period_from: iso(from),
        period_to: iso(to),
        total_alerts: alerts.length,
        alerts_by_status: countBy(shaped, (a) => a.status, CALSETA_STATUSES),
        alerts_by_severity: countBy(shaped, (a) => a.severity, CALSETA_SEVERITIES),
        alerts_by_source: countBy(alerts, (a) => a.sourceName),
        alerts_over_time: Object.entries(days).sort(([x], [y]) => x.localeCompare(y)).map(([date, count]) => ({ date, count })),
        false_positive_rate: falsePositiveRate(alerts),
        mean_time_to_enrich: t.enrich,
        mean_time_to_detect: t.detect,
        mean_time_to_acknowledge: t.acknowledge,
        mean_time_to_triage: t.triage,
        mean_time_to_conclusion: t.conclude,
        active_alerts_by_severity: countBy(shaped.filter((a) => a.status !== 'Closed'), (a) => a.severity, CALSETA_SEVERITIES),
        top_detection_rules: Object.entries(rules)
          .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
          .slice(0, 10)
          .map(([uuid, count]) => ({ uuid, name: ruleNames.get(uuid) ?? null, count })),
        enrichment_coverage: ratio(shaped.filter((a) => a.is_enriched).length, alerts.length),
      },
      meta: {},
    },
  };
}

export const metricsRoutes: CalsetaRoute[] = [
  { method: 'GET', pattern: '/v1/metrics/summary', scopes: READ, handler: summary },
  { method: 'GET', pattern: '/v1/metrics/alerts', scopes: READ, handler: alertMetrics },
];

