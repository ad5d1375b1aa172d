import type { Case } from '../../dataset/types.js';
import { BodyReader, normaliseUuid } from '../../server/validation.js';
import { recordAudit } from './audit.js';
import type { AisocCall, AisocRoute, Reply } from './call.js';
import { HttpError } from './errors.js';
import { caseResponse, caseTimeline } from './shapes.js';
import { newestFirst } from './alerts.js';

const UUID_ANY = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;

/** A case by UUID or by its tenant-scoped number (`INC-001`); another tenant's case is "not found". */
function resolveCase(call: AisocCall): Case {
  const raw = (call.params.case_id ?? '').trim();
  const tenantId = call.principal.tenantId;
  const cases = call.ctx.dataset.cases;
  const found = UUID_ANY.test(raw)
    ? cases.find((c) => c.id === normaliseUuid(raw) && c.tenantId === tenantId)
    : cases.find((c) => c.caseNumber === raw && c.tenantId === tenantId);
  if (!found) throw new HttpError(404, 'Case not found.');
  return found;
}

function listCases(call: AisocCall): Reply {
  const q = call.query;
  const status = q.string('status');
  const severity = q.string('severity');
  const assignee = q.string('assignee');
  const limit = q.int('limit', 50, { ge: 1, le: 500 });
  const offset = q.int('offset', 0, { ge: 0 });
  q.done();
  const cases = call.ctx.dataset.cases
    .filter((c) => c.tenantId === call.principal.tenantId && (!status || c.status === status) && (!severity || c.severity === severity) && (!assignee || c.assignee === assignee))
    .sort(newestFirst);
  return { body: cases.slice(offset, offset + limit).map(caseResponse) };
}

function getCase(call: AisocCall): Reply {
  return { body: caseResponse(resolveCase(call)) };
}

function timeline(call: AisocCall): Reply {
  const c = resolveCase(call);
  const alerts = c.alertIds.flatMap((id) => call.ctx.dataset.alerts.filter((a) => a.id === id && a.tenantId === c.tenantId));
  return { body: caseTimeline(c, alerts) };
}

/** Starting an investigation advances a new/triaged case to investigating, as AiSOC does. */
function investigate(call: AisocCall): Reply {
  const reader = new BodyReader(call.body);
  const note = reader.string('alert_summary', { required: false }) ?? '';
  reader.done();
  const c = resolveCase(call);
  const alerts = c.alertIds.flatMap((id) => call.ctx.dataset.alerts.filter((a) => a.id === id));
  const derived = [c.title, c.description, `${alerts.length} correlated alert(s) on this case:`, ...alerts.slice(0, 25).map((a) => `  - [${a.severity}] ${a.title} (source: ${a.connectorType})`)].join('\n');
  const now = call.ctx.clock.nowMs();
  if (c.status === 'new' || c.status === 'triaged') {
    c.status = 'investigating';
    c.triagedAtMs ??= now;
    c.updatedAtMs = now;
  }
  const run = call.liveRuns.start(c, alerts, note ? `${note}\n\n${derived}` : derived);
  recordAudit(call, 'investigation.start', 'case', c.id, { case_number: c.caseNumber, run_id: run.id });
  return { body: { run_id: run.id, case_id: c.id, status: 'running', message: `Investigation started for ${c.caseNumber}` } };
}

export const caseRoutes: AisocRoute[] = [
  { method: 'GET', pattern: '/api/v1/cases', access: 'authenticated', handler: listCases },
  { method: 'GET', pattern: '/api/v1/cases/:case_id', access: 'authenticated', handler: getCase },
  { method: 'GET', pattern: '/api/v1/cases/:case_id/timeline', access: 'authenticated', handler: timeline },
  { method: 'POST', pattern: '/api/v1/cases/:case_id/investigate', access: 'cases:write', body: 'model', handler: investigate },
];
