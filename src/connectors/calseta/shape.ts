import type {
  Json,
  WireAlertDetail,
  WireAlertMeta,
  WireAlertSummary,
  WireContextDocument,
  WireFinding,
  WireIndicator,
  WireProviderResult,
  WireRule,
  WireWorkflow,
  WireWorkflowRun,
} from './wire.js';

/**
 * Pure mappers from Calseta JSON to what a model can afford: list items are short summaries,
 * detail records lose only raw blobs unless asked for. Null removal and the size cap happen
 * later, generically, in server/results.ts.
 */

/** How many values of a list field (tags, techniques…) a summary shows. */
const LIST_ITEM_VALUES = 5;
/** How much free text (descriptions, documentation) a summary shows. */
const SUMMARY_CHARS = 200;
/** How much of a detection rule's documentation the alert payload carries. */
export const DOCUMENTATION_EXCERPT_CHARS = 800;
/** How many scalar facts of one provider's extraction a verdict keeps. */
const PROVIDER_FACTS = 8;
/** The tail of a workflow run's log shown unless the whole log is asked for. */
const LOG_TAIL_CHARS = 800;

export function firstValues(values: unknown[] | null | undefined, max = LIST_ITEM_VALUES): unknown[] | undefined {
  if (!values || values.length === 0) return undefined;
  if (values.length <= max) return values;
  return [...values.slice(0, max), `…+${values.length - max} more`];
}

/** The start of a text, marked when cut so a summary never pretends to be complete. */
export function excerpt(text: string | null | undefined, max = SUMMARY_CHARS): string | undefined {
  if (!text) return undefined;
  return text.length <= max ? text : `${text.slice(0, max).trimEnd()}… (${text.length} chars)`;
}

// ── Alerts ───────────────────────────────────────────────────────────────────

export function alertSummary(alert: WireAlertSummary): Json {
  return {
    uuid: alert.uuid,
    title: alert.title,
    severity: alert.severity,
    status: alert.status,
    enrichment_status: alert.enrichment_status,
    source_name: alert.source_name,
    occurred_at: alert.occurred_at,
    duplicate_count: alert.duplicate_count ? alert.duplicate_count : undefined,
    tags: firstValues(alert.tags),
    close_classification: alert.close_classification,
    closed_at: alert.closed_at,
    description: excerpt(alert.description),
  };
}

/**
 * Everything an agent needs to reason about one alert in one result: the alert, each indicator
 * with every provider's verdict boiled down, the detection rule with its MITRE mapping and the
 * start of its documentation, which context documents apply (titles; the runbooks themselves
 * come from calseta_get_alert_context), the findings so far and where enrichment stands.
 */
export function agentReadyAlert(alert: WireAlertDetail, meta: WireAlertMeta | undefined, includeRaw: boolean): Json {
  const indicators = alert.indicators ?? [];
  const documents = alert.context_documents ?? [];
  return {
    alert: {
      uuid: alert.uuid,
      title: alert.title,
      description: alert.description,
      severity: alert.severity,
      status: alert.status,
      source_name: alert.source_name,
      occurred_at: alert.occurred_at,
      ingested_at: alert.ingested_at,
      malice: alert.malice,
      malice_override: alert.malice_override,
      malice_override_source: alert.malice_override_source,
      close_classification: alert.close_classification,
      closed_at: alert.closed_at,
      duplicate_count: alert.duplicate_count ? alert.duplicate_count : undefined,
      tags: alert.tags,
      ...(includeRaw ? { raw_payload: alert.raw_payload } : {}),
    },
    ...(!includeRaw && alert.raw_payload ? { raw_omitted: ['raw_payload'] } : {}),
    enrichment: {
      status: alert.enrichment_status,
      is_enriched: alert.is_enriched,
      succeeded: meta?.enrichment?.succeeded,
      failed: meta?.enrichment?.failed,
      enriched_at: meta?.enrichment?.enriched_at,
    },
    indicators: indicators.map(indicatorVerdicts),
    detection_rule: alert.detection_rule ? ruleForAlert(alert.detection_rule) : undefined,
    context_documents: documents.map((doc) => ({ uuid: doc.uuid, title: doc.title, document_type: doc.document_type })),
    findings: (alert.agent_findings ?? []).map(findingShape),
    ...(documents.length ? { next_call: { tool: 'calseta_get_alert_context', arguments: { alert_uuid: alert.uuid } } } : {}),
  };
}

export function indicatorVerdicts(indicator: WireIndicator): Json {
  const results = indicator.enrichment_results ?? {};
  const providers: Json = {};
  for (const [name, result] of Object.entries(results)) providers[name] = providerVerdict(result);
  return {
    uuid: indicator.uuid,
    type: indicator.type,
    value: indicator.value,
    malice: indicator.malice,
    malice_source: indicator.malice_source,
    is_enriched: indicator.is_enriched,
    providers: Object.keys(providers).length ? providers : undefined,
  };
}

/**
 * One provider's answer in a few facts: its status, the scalar values it extracted (reputation,
 * detection counts, country…), and why it failed or was skipped. Nested blobs are left out.
 */
export function providerVerdict(result: unknown): Json {
  if (!isRecord(result)) return { status: 'unknown' };
  const r = result as WireProviderResult;
  const source = isRecord(r.extracted) ? r.extracted : r.status === undefined && r.success === undefined ? r : {};
  const facts: Json = {};
  let omitted = 0;
  for (const [key, value] of Object.entries(source)) {
    const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    const shortList = Array.isArray(value) && value.every((v) => typeof v !== 'object');
    if ((scalar || shortList) && Object.keys(facts).length < PROVIDER_FACTS) facts[key] = shortList ? firstValues(value as unknown[], 3) : value;
    else if (value !== null && value !== undefined) omitted++;
  }
  return {
    status: r.status ?? (r.success === true ? 'success' : r.success === false ? 'failed' : undefined),
    ...(Object.keys(facts).length ? { facts } : {}),
    ...(omitted ? { facts_omitted: omitted } : {}),
    error: r.error_message ?? undefined,
    cache_hit: r.cache_hit,
  };
}

// ── Findings ─────────────────────────────────────────────────────────────────

export function findingShape(finding: WireFinding): Json {
  return {
    id: finding.id,
    agent_name: finding.agent_name,
    summary: finding.summary,
    confidence: finding.confidence,
    recommended_action: finding.recommended_action,
    evidence: finding.evidence,
    posted_at: finding.posted_at,
  };
}

// ── Detection rules ──────────────────────────────────────────────────────────

function ruleForAlert(rule: WireRule): Json {
  return {
    uuid: rule.uuid,
    name: rule.name,
    source_name: rule.source_name,
    severity: rule.severity,
    mitre_tactics: rule.mitre_tactics,
    mitre_techniques: rule.mitre_techniques,
    mitre_subtechniques: rule.mitre_subtechniques,
    documentation_excerpt: excerpt(rule.documentation, DOCUMENTATION_EXCERPT_CHARS),
  };
}

export function ruleSummary(rule: WireRule): Json {
  return {
    uuid: rule.uuid,
    name: rule.name,
    source_name: rule.source_name,
    source_rule_id: rule.source_rule_id,
    severity: rule.severity,
    is_active: rule.is_active,
    mitre_tactics: firstValues(rule.mitre_tactics),
    mitre_techniques: firstValues(rule.mitre_techniques),
    mitre_subtechniques: firstValues(rule.mitre_subtechniques),
    data_sources: firstValues(rule.data_sources),
  };
}

// ── Context documents ────────────────────────────────────────────────────────

export function documentSummary(doc: WireContextDocument): Json {
  return {
    uuid: doc.uuid,
    title: doc.title,
    document_type: doc.document_type,
    is_global: doc.is_global,
    description: excerpt(doc.description),
    tags: firstValues(doc.tags),
  };
}

// ── Workflows ────────────────────────────────────────────────────────────────

export function workflowSummary(workflow: WireWorkflow): Json {
  return {
    uuid: workflow.uuid,
    name: workflow.name,
    workflow_type: workflow.workflow_type,
    indicator_types: workflow.indicator_types,
    state: workflow.state,
    is_active: workflow.is_active,
    approval_mode: workflow.approval_mode,
    risk_level: workflow.risk_level,
    documentation: excerpt(workflow.documentation),
  };
}

/** The full workflow; its Python source only when asked for, otherwise its size. */
export function workflowDetail(workflow: WireWorkflow, includeCode: boolean): Json {
  const { code, ...rest } = workflow;
  if (includeCode || typeof code !== 'string') return { ...rest, code };
  return { ...rest, code_omitted: { lines: code.split('\n').length, hint: 'pass include_code: true for the source' } };
}

export function runSummary(run: WireWorkflowRun, includeLog: boolean): Json {
  const log = run.log_output ?? undefined;
  const cut = !includeLog && log !== undefined && log.length > LOG_TAIL_CHARS;
  return {
    uuid: run.uuid,
    workflow_id: run.workflow_id,
    trigger_type: run.trigger_type,
    status: run.status,
    attempt_count: run.attempt_count,
    duration_ms: run.duration_ms,
    started_at: run.started_at,
    completed_at: run.completed_at,
    created_at: run.created_at,
    result: run.result,
    log_output: cut ? `…${log.slice(-LOG_TAIL_CHARS)}` : log,
    ...(cut ? { log_truncated: true, log_chars: log.length } : {}),
  };
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
