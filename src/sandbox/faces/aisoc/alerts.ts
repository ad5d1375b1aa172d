import { ALERT_STATUSES, SEVERITIES, UNRESOLVED_ALERT_STATUSES, type Alert } from '../../dataset/types.js';
import type { AisocCall, AisocRoute, Reply } from './call.js';
import { HttpError } from './errors.js';
import { alertDetailResponse, alertResponse } from './shapes.js';

const CONFIDENCE_LABELS = new Set(['high', 'medium', 'low']);

function listAlerts(call: AisocCall): Reply {
  const q = call.query;
  const page = q.int('page', 1, { ge: 1 });
  const pageSize = q.int('page_size', 25, { ge: 1, le: 200 });
  const severity = q.string('severity');
  const status = q.string('status');
  const category = q.string('category');
  const assignedToMe = q.bool('assigned_to_me', false);
  const search = q.string('search');
  const minConfidence = q.optionalInt('min_confidence', { ge: 0, le: 100 });
  const confidenceLabel = q.string('confidence_label');
  q.done();
  if (confidenceLabel !== null && !CONFIDENCE_LABELS.has(confidenceLabel)) throw new HttpError(400, 'confidence_label must be one of: high, medium, low');

  const needle = search?.toLowerCase() ?? '';
  // Facets count what the other filters leave, across every severity and status.
  const scoped = call.ctx.dataset.alerts.filter(
    (a) =>
      a.tenantId === call.principal.tenantId &&
      (!category || a.category === category) &&
      (!assignedToMe || a.assigneeId === call.principal.username) &&
      (minConfidence === null || a.confidence >= minConfidence) &&
      (confidenceLabel === null || a.confidenceLabel === confidenceLabel) &&
      (!needle || matches(a, needle)),
  );
  const filtered = scoped.filter((a) => (!severity || a.severity === severity) && (!status || a.status === status)).sort(newestFirst);
  const total = filtered.length;
  return {
    body: {
      items: filtered.slice((page - 1) * pageSize, page * pageSize).map(alertResponse),
      total,
      page,
      page_size: pageSize,
      pages: Math.ceil(total / pageSize),
      facets: {
        by_severity: Object.fromEntries(SEVERITIES.map((s) => [s, scoped.filter((a) => a.severity === s).length])),
        by_status: Object.fromEntries(ALERT_STATUSES.map((s) => [s, scoped.filter((a) => a.status === s).length])),
        unresolved: scoped.filter((a) => UNRESOLVED_ALERT_STATUSES.includes(a.status)).length,
      },
    },
  };
}

function getAlert(call: AisocCall): Reply {
  const id = call.query.uuid(['path', 'alert_id'], call.params.alert_id ?? '');
  call.query.done();
  const alert = call.ctx.dataset.alerts.find((a) => a.id === id && a.tenantId === call.principal.tenantId);
  if (!alert) throw new HttpError(404, 'Alert not found');
  return { body: alertDetailResponse(alert) };
}

function matches(a: Alert, needle: string): boolean {
  const haystack = [a.id, a.title, a.description, ...a.affectedIps, ...a.affectedHosts, ...a.affectedUsers, ...a.tags, ...a.indicators.map((i) => i.value)];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

export function newestFirst(x: { createdAtMs: number; id: string }, y: { createdAtMs: number; id: string }): number {
  return y.createdAtMs - x.createdAtMs || x.id.localeCompare(y.id);
}

export const alertRoutes: AisocRoute[] = [
  { method: 'GET', pattern: '/api/v1/alerts', access: 'alerts:read', handler: listAlerts },
  { method: 'GET', pattern: '/api/v1/alerts/:alert_id', access: 'alerts:read', handler: getAlert },
];
