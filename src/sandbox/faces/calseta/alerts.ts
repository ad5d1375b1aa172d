import { iso } from '../../dataset/clock.js';
import type { Alert, ContextDocument, DetectionRule } from '../../dataset/types.js';
import { BodyReader } from '../../server/validation.js';
import type { CalsetaCall, CalsetaRoute, Reply } from './call.js';
import { notFound, validationError } from './errors.js';
import { optionalBool, paginated, readMulti, readPage, readSort, readTime, readUuid } from './listing.js';
import { activityShape, alertDetail, alertDetailMeta, alertSummary, documentDetail, indicatorShape } from './shapes.js';
import type { Finding } from './state.js';
import { readEnum, readStringList } from './body.js';
import {
  CALSETA_SEVERITIES,
  CALSETA_STATUSES,
  calsetaStatus,
  CLOSE_CLASSIFICATIONS,
  MALICE_LEVELS,
  neutralSeverity,
  neutralStatus,
} from './vocabulary.js';

const READ = ['alerts:read'];
const WRITE = ['alerts:write'];
const MAX_EVIDENCE_BYTES = 64 * 1024;

function listAlerts(call: CalsetaCall): Reply {
  const q = call.query;
  const page = readPage(q);
  const status = readMulti(q, 'status');
  const severity = readMulti(q, 'severity');
  const sourceName = readMulti(q, 'source_name');
  const enrichment = readMulti(q, 'enrichment_status');
  const isEnriched = optionalBool(q, 'is_enriched');
  const ruleId = readUuid(q, 'detection_rule_uuid');
  const from = readTime(q, 'from_time');
  const to = readTime(q, 'to_time');
  const tags = call.search.getAll('tags');
  q.done();
  const summary = (a: Alert) => alertSummary(a, call.state);
  const sort = readSort<Alert>(
    q,
    {
      title: (a) => a.title,
      status: (a) => calsetaStatus(a.status),
      severity: (a) => summary(a).severity,
      source_name: (a) => a.sourceName,
      occurred_at: (a) => a.eventTimeMs,
      created_at: (a) => a.createdAtMs,
    },
    'occurred_at',
  );
  const alerts = call.state.alerts(call.principal.tenantId).filter((a) => {
    const s = summary(a);
    return (
      (!status || status.has(s.status)) &&
      (!severity || severity.has(s.severity)) &&
      (!sourceName || sourceName.has(a.sourceName)) &&
      (!enrichment || enrichment.has(s.enrichment_status)) &&
      (isEnriched === null || s.is_enriched === isEnriched) &&
      (ruleId === null || a.ruleId === ruleId) &&
      (from === null || a.eventTimeMs >= from) &&
      (to === null || a.eventTimeMs <= to) &&
      tags.every((t) => a.tags.includes(t))
    );
  });
  return { body: paginated(alerts.sort(sort.compare), page, summary) };
}

function findAlert(call: CalsetaCall): Alert {
  const id = call.query.uuid(['path', 'alert_uuid'], call.params.alert_uuid ?? '');
  call.query.done();
  const alert = call.state.alerts(call.principal.tenantId).find((a) => a.id === id);
  if (!alert) throw notFound('Alert');
  return alert;
}

function ruleOf(call: CalsetaCall, alert: Alert): DetectionRule | null {
  return call.ctx.dataset.rules.find((r) => r.id === alert.ruleId) ?? null;
}

/** Global documents, plus those whose every stated targeting condition holds for the alert. */
function documentsFor(call: CalsetaCall, alert: Alert): ContextDocument[] {
  return call.ctx.dataset.contextDocuments.filter((d) => {
    if (d.tenantId !== alert.tenantId) return false;
    if (d.isGlobal) return true;
    const { categories, severities, sourceNames } = d.targeting;
    if (categories.length + severities.length + sourceNames.length === 0) return false;
    return (
      (categories.length === 0 || categories.includes(alert.category)) &&
      (severities.length === 0 || severities.includes(alert.severity)) &&
      (sourceNames.length === 0 || sourceNames.includes(alert.sourceName))
    );
  });
}

function detailReply(call: CalsetaCall, alert: Alert): Reply {
  const rule = ruleOf(call, alert);
  const documents = documentsFor(call, alert);
  return { body: { data: alertDetail(alert, call.state, rule, documents), meta: alertDetailMeta(alert, rule, documents, call.ctx.clock.nowMs()) } };
}

function getAlert(call: CalsetaCall): Reply {
  return detailReply(call, findAlert(call));
}

function patchAlert(call: CalsetaCall): Reply {
  const alert = findAlert(call);
  const b = new BodyReader(call.body);
  const status = readEnum(b, 'status', CALSETA_STATUSES);
  const severity = readEnum(b, 'severity', CALSETA_SEVERITIES);
  const classification = readEnum(b, 'close_classification', CLOSE_CLASSIFICATIONS);
  const tags = readStringList(b, 'tags');
  const maliceOverride = readEnum(b, 'malice_override', MALICE_LEVELS);
  const reset = b.raw.reset_malice_override;
  if (reset !== undefined && typeof reset !== 'boolean') b.issues.push({ type: 'bool_type', loc: ['body', 'reset_malice_override'], msg: 'Input should be a valid boolean', input: reset });
  b.done();
  if (status === 'Closed' && classification === null) throw validationError('close_classification is required when status is Closed.', ['body', 'close_classification'], 'missing');

  const actor = call.principal.keyPrefix;
  const now = call.ctx.clock.nowMs();
  const overlay = call.state.overlay(alert);
  const before = alertSummary(alert, call.state);
  if (status !== null && status !== before.status) {
    alert.status = neutralStatus(status, classification);
    alert.closeClassification = status === 'Closed' ? classification : null;
    alert.closedAtMs = status === 'Closed' ? now : null;
    if (status !== 'Open') overlay.acknowledgedAtMs ??= now;
    if (status === 'Triaging' || status === 'Escalated') overlay.triagedAtMs ??= now;
    call.state.record(alert, status === 'Closed' ? 'alert_closed' : 'alert_status_updated', actor, status === 'Closed' ? { from_status: before.status, close_classification: classification } : { from_status: before.status, to_status: status });
  } else if (classification !== null && alert.closeClassification !== null) {
    alert.closeClassification = classification;
    alert.status = neutralStatus('Closed', classification);
  }
  if (severity !== null && severity !== before.severity) {
    const neutral = neutralSeverity(severity);
    if (neutral) alert.severity = neutral;
    overlay.severity = neutral ? null : severity;
    call.state.record(alert, 'alert_severity_updated', actor, { from_severity: before.severity, to_severity: severity });
  }
  if (tags !== null) alert.tags = tags;
  if (reset === true || maliceOverride !== null) {
    const from = overlay.maliceOverride;
    overlay.maliceOverride = reset === true ? null : maliceOverride;
    overlay.maliceOverrideAtMs = overlay.maliceOverride === null ? null : now;
    call.state.record(alert, 'alert_malice_updated', actor, { from_malice: from, to_malice: overlay.maliceOverride, reset: reset === true });
  }
  alert.updatedAtMs = now;
  return detailReply(call, alert);
}

function postFinding(call: CalsetaCall): Reply {
  const alert = findAlert(call);
  const b = new BodyReader(call.body);
  const agentName = b.string('agent_name', { required: true, min: 1, max: 255 });
  const summary = b.string('summary', { required: true, min: 1, max: 50_000 });
  const confidence = readEnum(b, 'confidence', ['low', 'medium', 'high'] as const);
  const recommended = b.string('recommended_action', { required: false });
  const evidence = b.optionalObject('evidence');
  b.done();
  if (evidence !== null && Buffer.byteLength(JSON.stringify(evidence)) > MAX_EVIDENCE_BYTES) throw validationError('evidence must be at most 64 KB when serialised.', ['body', 'evidence']);
  if (agentName === null || summary === null) throw new Error('BodyReader accepted a missing required field');
  const finding: Finding = {
    id: call.ctx.ids.uuid(),
    agent_name: agentName,
    summary,
    confidence,
    recommended_action: recommended,
    evidence,
    posted_at: iso(call.ctx.clock.nowMs()),
  };
  const findings = call.state.findings.get(alert.id) ?? [];
  findings.push(finding);
  call.state.findings.set(alert.id, findings);
  call.state.record(alert, 'alert_finding_added', call.principal.keyPrefix, { finding_id: finding.id, agent_name: agentName, confidence });
  return { status: 201, body: { data: finding, meta: {} } };
}

function listFindings(call: CalsetaCall): Reply {
  const alert = findAlert(call);
  return { body: { data: call.state.findings.get(alert.id) ?? [], meta: {} } };
}

function alertContext(call: CalsetaCall): Reply {
  const alert = findAlert(call);
  return { body: { data: documentsFor(call, alert).map(documentDetail), meta: {} } };
}

function alertIndicators(call: CalsetaCall): Reply {
  const alert = findAlert(call);
  return { body: { data: alert.indicators.map(indicatorShape), meta: {} } };
}

function alertActivity(call: CalsetaCall): Reply {
  const page = readPage(call.query);
  const alert = findAlert(call);
  return { body: paginated(call.state.activityOf(alert), page, (e) => activityShape(e, call.state)) };
}

export const alertRoutes: CalsetaRoute[] = [
  { method: 'GET', pattern: '/v1/alerts', scopes: READ, handler: listAlerts },
  { method: 'GET', pattern: '/v1/alerts/:alert_uuid', scopes: READ, handler: getAlert },
  { method: 'PATCH', pattern: '/v1/alerts/:alert_uuid', scopes: WRITE, body: true, handler: patchAlert },
  { method: 'POST', pattern: '/v1/alerts/:alert_uuid/findings', scopes: WRITE, body: true, handler: postFinding },
  { method: 'GET', pattern: '/v1/alerts/:alert_uuid/findings', scopes: READ, handler: listFindings },
  { method: 'GET', pattern: '/v1/alerts/:alert_uuid/context', scopes: READ, handler: alertContext },
  { method: 'GET', pattern: '/v1/alerts/:alert_uuid/indicators', scopes: READ, handler: alertIndicators },
  { method: 'GET', pattern: '/v1/alerts/:alert_uuid/activity', scopes: READ, handler: alertActivity },
];

