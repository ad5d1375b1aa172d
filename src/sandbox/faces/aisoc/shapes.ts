import { iso } from '../../dataset/clock.js';
import { tacticsOf } from '../../dataset/mitre.js';
import type { Alert, AuditEntry, Case, DetectionRule, InvestigationRun, ReplayEvaluation, RunArtifact, RunEvent } from '../../dataset/types.js';

/**
 * Dataset records in AiSOC's wire shapes (services/api response models, docs/openapi.yaml),
 * field for field and in the models' field order.
 */

const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function alertResponse(a: Alert) {
  return {
    id: a.id,
    tenant_id: a.tenantId,
    title: a.title,
    description: a.description,
    severity: a.severity,
    status: a.status,
    priority: a.priority,
    category: a.category,
    mitre_tactics: tacticsOf(a.mitre),
    mitre_techniques: a.mitre.map((m) => m.id),
    connector_type: a.connectorType,
    ai_score: a.aiScore,
    ai_summary: a.aiSummary,
    ai_recommendations: a.aiRecommendations,
    confidence: a.confidence,
    confidence_label: a.confidenceLabel,
    confidence_rationale: a.confidenceRationale,
    disposition: a.disposition,
    affected_ips: a.affectedIps,
    affected_hosts: a.affectedHosts,
    affected_users: a.affectedUsers,
    case_id: a.caseId,
    tags: a.tags,
    event_time: iso(a.eventTimeMs),
    first_seen: iso(a.firstSeenMs),
    last_seen: iso(a.lastSeenMs),
    snoozed_until: null,
    snoozed_by_id: null,
    created_at: iso(a.createdAtMs),
    updated_at: iso(a.updatedAtMs),
  };
}

export function alertDetailResponse(a: Alert) {
  return {
    ...alertResponse(a),
    narrative: a.narrative,
    related_entities: relatedEntities(a),
    mini_timeline: a.miniTimeline.map((e) => ({ id: e.id, ts: iso(e.atMs), kind: e.kind, agent: e.agent, summary: e.summary, payload: e.payload, duration_ms: e.durationMs })),
    recommended_actions: a.recommendedActions.map((r) => ({ priority: r.priority, action: r.action, rationale: r.rationale, risk: r.risk })),
    raw_event: a.rawEvent,
    wazuh_locator: a.connectorType === 'wazuh' ? wazuhLocator(a.rawEvent) : {},
  };
}

function relatedEntities(a: Alert) {
  const entity = (group: string, kind: string, value: string, label: string | null) => ({ group, kind, value, label, pivot: `/alerts?search=${encodeURIComponent(value)}` });
  return [
    ...a.affectedUsers.map((u) => entity('principal', 'user', u, null)),
    ...a.affectedHosts.map((h) => entity('principal', 'host', h, null)),
    ...a.indicators
      .filter((i) => i.type !== 'account')
      .map((i) => entity(i.type === 'ip' || i.type === 'domain' || i.type === 'url' ? 'network' : 'artifact', i.type, i.value, i.malice)),
    entity('tenant', 'tenant', a.tenantId, null),
  ];
}

function wazuhLocator(raw: Record<string, unknown>): Record<string, unknown> {
  const rule = (raw.rule ?? {}) as Record<string, unknown>;
  const agent = (raw.agent ?? {}) as Record<string, unknown>;
  const locator: Record<string, unknown> = { rule_id: rule.id, rule_description: rule.description, agent_id: agent.id, agent_name: agent.name, agent_ip: agent.ip, full_log: raw.full_log, timestamp: raw.timestamp };
  return Object.fromEntries(Object.entries(locator).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

export function caseResponse(c: Case) {
  return {
    id: c.id,
    case_number: c.caseNumber,
    title: c.title,
    description: c.description,
    severity: c.severity,
    status: c.status,
    assignee: c.assignee,
    mitre_techniques: c.mitreTechniques,
    alert_ids: c.alertIds,
    observable_graph: c.observableGraph,
    evidence_chain: c.evidenceChain.map((e) => ({ id: e.id, ts: iso(e.atMs), actor: e.actor, action: e.action, item: e.item, sha256: e.sha256, detail: e.detail })),
    compliance_frameworks: c.complianceFrameworks,
    opened_at: iso(c.openedAtMs),
    triaged_at: isoOrNull(c.triagedAtMs),
    resolved_at: isoOrNull(c.resolvedAtMs),
    closed_at: isoOrNull(c.closedAtMs),
    reopened_at: null,
    reopen_count: 0,
    reopen_reason: null,
    created_at: iso(c.createdAtMs),
    updated_at: iso(c.updatedAtMs),
    created_by: c.createdBy,
    tags: c.tags,
    sla_due_at: isoOrNull(c.slaDueAtMs),
    fanout_results: null,
  };
}

/** AiSOC synthesises the case timeline from the case's state, notes, linked alerts and tasks. */
export function caseTimeline(c: Case, alerts: Alert[]) {
  const events = [
    { id: `case-${c.id}-created`, type: 'created', timestamp: c.createdAtMs, title: 'Case opened', description: c.title, actor: c.assignee },
    ...(c.updatedAtMs !== c.createdAtMs ? [{ id: `case-${c.id}-status`, type: 'status_change', timestamp: c.updatedAtMs, title: `Status: ${c.status}`, description: `Severity ${c.severity}`, actor: c.assignee }] : []),
    ...c.notes.map((n) => ({ id: `comment-${n.id}`, type: 'comment', timestamp: n.atMs, title: n.isSystem ? 'System note' : 'Comment', description: n.body.slice(0, 280), actor: n.author })),
    ...alerts.slice(0, 25).map((a) => ({ id: `alert-${a.id}`, type: 'alert_linked', timestamp: a.createdAtMs, title: `Alert linked: ${a.title}`, description: `Severity ${a.severity}`, actor: null })),
    ...c.tasks.map((t) => ({ id: `task-${t.id}`, type: 'task', timestamp: t.atMs, title: `Task (${t.status}): ${t.title}`, description: null, actor: t.assignee })),
  ];
  // A stable sort keeps same-instant events in the order they were listed.
  events.sort((x, y) => x.timestamp - y.timestamp);
  return { events: events.map((e) => ({ ...e, timestamp: iso(e.timestamp) })) };
}

export function runSummary(r: InvestigationRun) {
  const measured = r.modelCosts.reduce((sum, m) => sum + m.callCount, 0);
  return {
    id: r.id,
    case_id: r.caseId,
    status: r.status,
    model_used: r.model,
    iterations: r.iterations,
    total_tokens: r.totalTokens,
    total_cost_usd: r.totalCostUsd,
    measured_call_count: measured,
    estimated_cost_usd: 0,
    estimated_call_count: 0,
    unpriced_call_count: 0,
    started_at: iso(r.startedAtMs),
    completed_at: isoOrNull(r.completedAtMs),
    error: r.error,
  };
}

export function runDetail(r: InvestigationRun) {
  return {
    ...runSummary(r),
    alert_summary: r.alertSummary,
    event_count: r.events.length,
    artifact_count: r.artifacts.length,
    model_costs: r.modelCosts.map((m) => ({
      model: m.model,
      resolved_model: m.resolvedModel,
      total_prompt_tokens: m.promptTokens,
      total_completion_tokens: m.completionTokens,
      total_cost_usd: m.costUsd,
      measured_call_count: m.callCount,
      estimated_cost_usd: 0,
      estimated_call_count: 0,
      unpriced_call_count: 0,
      total_latency_ms: m.latencyMs,
      call_count: m.callCount,
    })),
  };
}

export function eventOut(runId: string, e: RunEvent) {
  return { id: e.id, run_id: runId, seq: e.seq, ts: iso(e.atMs), kind: e.kind, agent: e.agent, summary: e.summary, payload: e.payload, input_hash: e.inputHash, output_hash: e.outputHash, duration_ms: e.durationMs };
}

export function artifactDetail(a: RunArtifact) {
  return { id: a.id, kind: a.kind, sha256: a.sha256, size_bytes: a.sizeBytes, event_id: a.eventId, created_at: iso(a.createdAtMs), content: a.content, blob_ref: a.blobRef };
}

export function ruleResponse(r: DetectionRule) {
  return {
    id: r.id,
    tenant_id: r.tenantId,
    name: r.name,
    description: r.description,
    rule_language: r.language,
    rule_body: r.body,
    category: r.category,
    status: r.status,
    severity: r.severity,
    confidence: r.confidence,
    mitre_tactics: tacticsOf(r.mitre),
    mitre_techniques: r.mitre.map((m) => m.id),
    fp_rate: r.fpRate,
    total_hits: r.totalHits,
    last_triggered: isoOrNull(r.lastTriggeredMs),
    tags: r.tags,
    is_builtin: r.isBuiltin,
    version: r.version,
    created_at: iso(r.createdAtMs),
    updated_at: iso(r.updatedAtMs),
  };
}

export function evaluationSummary(e: ReplayEvaluation) {
  return {
    id: e.id,
    status: e.status,
    error: e.error,
    connector_id: e.connectorId,
    vendor: e.vendor,
    window_start: iso(e.windowStartMs),
    window_end: iso(e.windowEndMs),
    train_fraction: e.trainFraction,
    bootstrap_seed: e.bootstrapSeed,
    bootstrap_resamples: e.bootstrapResamples,
    findings_read: e.findingsRead,
    findings_labelled: e.findingsLabelled,
    decisions_recorded: e.decisionsRecorded,
    graded: e.graded,
    malicious_support: e.maliciousSupport,
    headline_accuracy: e.headlineAccuracy,
    headline_withheld_reason: e.headlineWithheldReason,
    malicious_recall: e.maliciousRecall,
    created_at: iso(e.createdAtMs),
    started_at: isoOrNull(e.startedAtMs),
    completed_at: isoOrNull(e.completedAtMs),
    is_terminal: e.status === 'completed' || e.status === 'failed',
  };
}

export function evaluationDetail(e: ReplayEvaluation) {
  return { ...evaluationSummary(e), score: e.score, method: e.method, report_markdown: e.reportMarkdown };
}

export function auditEventOut(e: AuditEntry) {
  return {
    id: e.id,
    tenant_id: e.tenantId,
    actor_id: e.actorId,
    actor_email: e.actorEmail,
    actor_ip: e.actorIp,
    action: e.action,
    resource: e.resource,
    resource_id: e.resourceId,
    changes: e.changes,
    created_at: iso(e.createdAtMs),
  };
}
