import { createHash } from 'node:crypto';
import { DATASET_NOW_MS, iso, MINUTE } from '../../dataset/clock.js';
import type { Alert, ContextDocument, DetectionRule, Indicator, ProviderResult, Workflow } from '../../dataset/types.js';
import type { ActivityEvent, CalsetaState, WorkflowRun } from './state.js';
import { calsetaSeverity, calsetaStatus, providerOutcomes, worstMalice, type EnrichmentStatus } from './vocabulary.js';

/** The dataset's records in Calseta's wire shapes (its OpenAPI schemas), field for field. */

/** Alerts raised in the last ten minutes of the seeded history are still being enriched. */
const ENRICHMENT_PENDING_MS = 10 * MINUTE;

export function enrichmentStatusOf(alert: Alert): EnrichmentStatus {
  if (DATASET_NOW_MS - alert.createdAtMs < ENRICHMENT_PENDING_MS) return 'Pending';
  const { succeeded, failed } = providerOutcomes(alert);
  return succeeded.length === 0 && failed.length > 0 ? 'Failed' : 'Enriched';
}

export function alertSummary(alert: Alert, state: CalsetaState) {
  const overlay = state.overlay(alert);
  const enrichment = enrichmentStatusOf(alert);
  return {
    uuid: alert.id,
    title: alert.title,
    description: alert.description,
    severity: overlay.severity ?? calsetaSeverity(alert.severity),
    status: calsetaStatus(alert.status),
    enrichment_status: enrichment,
    source_name: alert.sourceName,
    occurred_at: iso(alert.eventTimeMs),
    ingested_at: iso(alert.createdAtMs),
    is_enriched: enrichment === 'Enriched',
    duplicate_count: alert.duplicateCount,
    tags: alert.tags,
    close_classification: alert.closeClassification,
    closed_at: alert.closedAtMs === null ? null : iso(alert.closedAtMs),
    created_at: iso(alert.createdAtMs),
    updated_at: iso(alert.updatedAtMs),
  };
}

/** The agent-ready payload: the summary plus raw payload, indicators, rule, runbooks and findings. */
export function alertDetail(alert: Alert, state: CalsetaState, rule: DetectionRule | null, documents: ContextDocument[]) {
  const overlay = state.overlay(alert);
  const summary = alertSummary(alert, state);
  const findings = state.findings.get(alert.id) ?? [];
  const computed = worstMalice(alert.indicators);
  return {
    ...summary,
    enriched_at: summary.is_enriched ? iso(alert.createdAtMs + 30_000) : null,
    fingerprint: createHash('sha256').update(`${alert.sourceName}\u0000${alert.title}\u0000${alert.ruleId ?? ''}`).digest('hex'),
    last_seen_at: iso(alert.lastSeenMs),
    acknowledged_at: overlay.acknowledgedAtMs === null ? null : iso(overlay.acknowledgedAtMs),
    triaged_at: overlay.triagedAtMs === null ? null : iso(overlay.triagedAtMs),
    detection_rule_id: rule ? state.number(rule.id) : null,
    raw_payload: alert.rawEvent,
    malice: overlay.maliceOverride ?? computed,
    malice_override: overlay.maliceOverride,
    malice_override_source: overlay.maliceOverride === null ? null : 'analyst',
    malice_override_at: overlay.maliceOverrideAtMs === null ? null : iso(overlay.maliceOverrideAtMs),
    indicators: alert.indicators.map(indicatorShape),
    detection_rule: rule ? ruleShape(rule) : null,
    context_documents: documents.map(documentDetail),
    agent_findings: findings.length > 0 ? findings : null,
  };
}

export function alertDetailMeta(alert: Alert, rule: DetectionRule | null, documents: ContextDocument[], generatedAtMs: number) {
  const { succeeded, failed } = providerOutcomes(alert);
  const enriched = enrichmentStatusOf(alert) === 'Enriched';
  return {
    generated_at: iso(generatedAtMs),
    alert_source: alert.sourceName,
    indicator_count: alert.indicators.length,
    enrichment: { succeeded, failed, enriched_at: enriched ? iso(alert.createdAtMs + 30_000) : null },
    detection_rule_matched: rule !== null,
    context_documents_applied: documents.length,
  };
}

export function providerResult(result: ProviderResult) {
  return {
    status: result.status,
    success: result.status === 'success',
    extracted: result.status === 'success' || result.status === 'skipped' ? result.extracted : null,
    enriched_at: iso(result.enrichedAtMs),
    error_message: result.errorMessage,
    cache_hit: result.cacheHit,
  };
}

/** IndicatorResponse and EnrichedIndicator carry the same fields. */
export function indicatorShape(indicator: Indicator) {
  return {
    uuid: indicator.id,
    type: indicator.type,
    value: indicator.value,
    malice: indicator.malice,
    malice_source: indicator.enrichment.some((r) => r.status === 'success') ? 'enrichment' : null,
    malice_overridden_at: null,
    first_seen: iso(indicator.firstSeenMs),
    last_seen: iso(indicator.lastSeenMs),
    is_enriched: indicator.enrichment.some((r) => r.status === 'success'),
    enrichment_results: Object.fromEntries(indicator.enrichment.map((r) => [r.provider, providerResult(r)])),
    created_at: iso(indicator.firstSeenMs),
    updated_at: iso(Math.max(indicator.lastSeenMs, ...indicator.enrichment.map((r) => r.enrichedAtMs))),
  };
}

export function ruleShape(rule: DetectionRule) {
  const ids = rule.mitre.map((m) => m.id);
  return {
    uuid: rule.id,
    name: rule.name,
    source_rule_id: rule.sourceRuleId,
    source_name: rule.sourceName,
    severity: calsetaSeverity(rule.severity),
    is_active: rule.status === 'active',
    mitre_tactics: [...new Set(rule.mitre.map((m) => m.tactic))],
    mitre_techniques: [...new Set(ids.map((id) => id.split('.')[0] ?? id))],
    mitre_subtechniques: ids.filter((id) => id.includes('.')),
    data_sources: rule.dataSources,
    run_frequency: rule.runFrequency,
    created_by: rule.createdBy,
    documentation: rule.documentation,
    created_at: iso(rule.createdAtMs),
    updated_at: iso(rule.updatedAtMs),
  };
}

export function documentSummary(doc: ContextDocument) {
  return {
    uuid: doc.id,
    title: doc.title,
    document_type: doc.documentType,
    is_global: doc.isGlobal,
    description: doc.description,
    tags: doc.targeting.categories,
    version: doc.version,
    created_at: iso(doc.createdAtMs),
    updated_at: iso(doc.updatedAtMs),
  };
}

/** Calseta's targeting rules: every `match_all` condition and at least one `match_any` must hold. */
export function documentDetail(doc: ContextDocument) {
  const { categories, severities, sourceNames } = doc.targeting;
  const matchAll = [
    ...(sourceNames.length > 0 ? [{ field: 'source_name', op: 'in', value: sourceNames }] : []),
    ...(severities.length > 0 ? [{ field: 'severity', op: 'in', value: severities.map(calsetaSeverity) }] : []),
  ];
  const matchAny = categories.map((category) => ({ field: 'tags', op: 'contains', value: category }));
  return {
    ...documentSummary(doc),
    content: doc.content,
    targeting_rules: doc.isGlobal ? null : { match_all: matchAll, match_any: matchAny },
  };
}

export function workflowSummary(workflow: Workflow) {
  return {
    uuid: workflow.id,
    name: workflow.name,
    workflow_type: workflow.workflowType,
    indicator_types: workflow.indicatorTypes,
    state: workflow.state,
    code_version: 1,
    is_active: workflow.isActive,
    is_system: workflow.isSystem,
    tags: [workflow.workflowType, `risk:${workflow.riskLevel}`],
    time_saved_minutes: { low: 5, medium: 10, high: 20, critical: 30 }[workflow.riskLevel],
    approval_mode: workflow.approvalMode,
    risk_level: workflow.riskLevel,
    documentation: workflow.documentation,
    created_at: iso(workflow.createdAtMs),
    updated_at: iso(workflow.updatedAtMs),
  };
}

export function workflowDetail(workflow: Workflow) {
  return {
    ...workflowSummary(workflow),
    code: workflow.code,
    timeout_seconds: workflow.timeoutSeconds,
    retry_count: workflow.retryCount,
    approval_channel: workflow.approvalChannel,
    approval_timeout_seconds: workflow.approvalTimeoutSeconds,
  };
}

export function runShape(run: WorkflowRun, state: CalsetaState) {
  return {
    uuid: run.id,
    workflow_id: state.number(run.workflowId),
    trigger_type: run.triggerType,
    trigger_context: run.triggerContext,
    code_version_executed: 1,
    status: run.status,
    attempt_count: run.attemptCount,
    log_output: run.logOutput,
    result: run.result,
    duration_ms: run.startedAtMs !== null && run.completedAtMs !== null ? run.completedAtMs - run.startedAtMs : null,
    started_at: run.startedAtMs === null ? null : iso(run.startedAtMs),
    completed_at: run.completedAtMs === null ? null : iso(run.completedAtMs),
    created_at: iso(run.createdAtMs),
    updated_at: iso(run.updatedAtMs),
  };
}

export function activityShape(event: ActivityEvent, state: CalsetaState) {
  return {
    uuid: event.id,
    event_type: event.type,
    actor_type: event.actorType,
    actor_key_prefix: event.actorKeyPrefix,
    alert_id: state.number(event.alertId),
    workflow_id: event.workflowId === null ? null : state.number(event.workflowId),
    detection_rule_id: null,
    references: event.references,
    created_at: iso(event.atMs),
  };
}
