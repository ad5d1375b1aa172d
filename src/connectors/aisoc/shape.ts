import type { ListResult } from '../types.js';
import type { Json, WireAlert, WireAlertDetail, WireArtifact, WireCase, WireEvaluation, WireEvent, WireLiveAction, WireRule, WireRunSummary } from './wire.js';

/**
 * Pure mappers from AiSOC JSON to what a model can afford: list items are short summaries,
 * detail records lose only raw blobs (unless the caller asked for them). Null removal and the
 * size cap happen later, generically, in server/results.ts.
 */

/** How many values of an entity list (hosts, users, IPs…) a list item shows. */
const LIST_ITEM_VALUES = 5;
/** How much of an artifact (an LLM transcript, tool output) an explained step shows unless asked for all. */
export const ARTIFACT_PREVIEW_CHARS = 1_500;

// ── Lists and paging ─────────────────────────────────────────────────────────

/** A page-numbered list: `next_page` only when another page exists. */
export function pagedList<T>(items: T[], paging: { total: number; page: number; pages: number }): ListResult<T> {
  return {
    items,
    total: paging.total,
    page: paging.page,
    pages: paging.pages,
    ...(paging.page < paging.pages ? { next_page: paging.page + 1 } : {}),
    truncated: false,
  };
}

/**
 * A list from a bare-array endpoint paged by limit/offset. Such endpoints send no total, so a full
 * page is the only sign that more may exist: then `next_cursor` is the offset to ask for next.
 */
export function offsetList<T>(items: T[], offset: number, limit: number): ListResult<T> {
  return { items, ...(items.length >= limit ? { next_cursor: offset + limit } : {}), truncated: false };
}

/**
 * For endpoints that take only a limit (no offset): a full answer may hide older entries that no
 * cursor can reach, so say how to reach them instead.
 */
export function newestOnly(count: number, limit: number, what: string, remedy: string): Json {
  return count >= limit ? { hint: `These are the newest ${count} ${what}; AiSOC cannot page further back. To see older ones, ${remedy}.` } : {};
}

/** A page cut locally from a complete list (an endpoint that returns everything at once). */
export function slicedList<T, U>(all: T[], offset: number, limit: number, map: (item: T) => U): ListResult<U> {
  const next = offset + limit;
  return {
    items: all.slice(offset, next).map(map),
    total: all.length,
    ...(next < all.length ? { next_cursor: next } : {}),
    truncated: false,
  };
}

/** Shows the first few values and says how many more there are, so a summary never pretends to be complete. */
export function firstValues(values: unknown[] | null | undefined, max = LIST_ITEM_VALUES): unknown[] | undefined {
  if (!values || values.length === 0) return undefined;
  if (values.length <= max) return values;
  return [...values.slice(0, max), `…+${values.length - max} more`];
}

function without<T extends Json>(record: T, keys: readonly string[]): Json {
  const out: Json = {};
  for (const key in record) if (!keys.includes(key)) out[key] = record[key];
  return out;
}

function hasContent(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/**
 * Removes raw blobs from a record unless `includeRaw`; names what was left out (when there was
 * something) so the model knows `include_raw: true` would bring it back. `always` are dropped
 * either way (the tenant id), in the same copy.
 */
export function dropRaw(record: Json, blobs: readonly string[], includeRaw: boolean, always: readonly string[] = []): Json {
  if (includeRaw) return always.length ? without(record, always) : record;
  const omitted = blobs.filter((key) => hasContent(record[key]));
  const out = without(record, [...always, ...blobs]);
  if (omitted.length) out.raw_omitted = omitted;
  return out;
}

// ── Alerts ───────────────────────────────────────────────────────────────────

export function alertSummary(alert: WireAlert): Json {
  return {
    id: alert.id,
    title: alert.title,
    severity: alert.severity,
    status: alert.status,
    priority: alert.priority,
    category: alert.category,
    confidence: alert.confidence,
    confidence_label: alert.confidence_label,
    ai_score: alert.ai_score,
    disposition: alert.disposition,
    case_id: alert.case_id,
    mitre_techniques: firstValues(alert.mitre_techniques),
    affected_hosts: firstValues(alert.affected_hosts),
    affected_users: firstValues(alert.affected_users),
    affected_ips: firstValues(alert.affected_ips),
    event_time: alert.event_time,
    created_at: alert.created_at,
  };
}

/** The full alert minus the tenant id (implied by the key) and, unless asked, the raw event. */
export function alertDetail(alert: WireAlertDetail, includeRaw: boolean): Json {
  // One copy of the alert, not two: this is the path every get_alert takes.
  const record = dropRaw(alert, ['raw_event'], includeRaw, ['tenant_id']);
  if (!includeRaw && Array.isArray(alert.mini_timeline)) {
    record.mini_timeline = alert.mini_timeline.map((event) => without(event, ['payload']));
  }
  return record;
}

/**
 * What AiSOC's AI decided about an alert. A missing summary means nothing has triaged it yet,
 * which must never read as "benign", so `triaged` says it in so many words.
 */
export function triageVerdict(alert: WireAlertDetail): Json {
  const triaged = typeof alert.ai_summary === 'string' && alert.ai_summary.trim() !== '';
  return {
    alert_id: alert.id,
    title: alert.title,
    severity: alert.severity,
    status: alert.status,
    triaged,
    ...(triaged ? {} : { note: 'Nothing has triaged this alert yet. An absent verdict is not a benign verdict.' }),
    ai_summary: alert.ai_summary,
    // Two scales: ai_score is the model's 0–1 score, confidence the fusion engine's 0–100 integer.
    ai_score: alert.ai_score,
    confidence: alert.confidence,
    confidence_label: alert.confidence_label,
    confidence_rationale: alert.confidence_rationale,
    disposition: alert.disposition,
    ai_recommendations: hasContent(alert.ai_recommendations) ? alert.ai_recommendations : undefined,
    recommended_actions: hasContent(alert.recommended_actions) ? alert.recommended_actions : undefined,
    case_id: alert.case_id,
  };
}

// ── Cases ────────────────────────────────────────────────────────────────────

export function caseSummary(item: WireCase): Json {
  return {
    id: item.id,
    case_number: item.case_number,
    title: item.title,
    severity: item.severity,
    status: item.status,
    assignee: item.assignee,
    alert_count: Array.isArray(item.alert_ids) ? item.alert_ids.length : undefined,
    mitre_techniques: firstValues(item.mitre_techniques),
    opened_at: item.opened_at,
    updated_at: item.updated_at,
    sla_due_at: item.sla_due_at,
    closed_at: item.closed_at,
  };
}

export function caseDetail(item: WireCase, includeRaw: boolean): Json {
  const record = without(item, ['tenant_id']);
  const graph = item.observable_graph;
  if (!includeRaw && graph && typeof graph === 'object') {
    // The graph is the case's largest field; its size tells the model whether asking for it is worth it.
    const nodes = Array.isArray(graph.nodes) ? graph.nodes.length : undefined;
    const edges = Array.isArray(graph.edges) ? graph.edges.length : undefined;
    if (nodes !== undefined || edges !== undefined) record.observable_graph_size = { nodes, edges };
  }
  return dropRaw(record, ['observable_graph'], includeRaw);
}

// ── Detection rules ──────────────────────────────────────────────────────────

export function ruleSummary(rule: WireRule): Json {
  return {
    id: rule.id,
    name: rule.name,
    severity: rule.severity,
    status: rule.status,
    category: rule.category,
    rule_language: rule.rule_language,
    mitre_techniques: firstValues(rule.mitre_techniques),
    is_builtin: rule.is_builtin,
    total_hits: rule.total_hits,
    fp_rate: rule.fp_rate,
    last_triggered: rule.last_triggered,
  };
}

export function ruleDetail(rule: WireRule): Json {
  return without(rule, ['tenant_id']);
}

// ── Investigations and their decision ledger ─────────────────────────────────

export function runSummary(run: WireRunSummary): Json {
  return {
    id: run.id,
    case_id: run.case_id,
    status: run.status,
    model_used: run.model_used,
    iterations: run.iterations,
    total_tokens: run.total_tokens,
    ...runCost(run),
    started_at: run.started_at,
    completed_at: run.completed_at,
    error: run.error,
  };
}

/**
 * Cost with its provenance: AiSOC's `total_cost_usd` is measured spend and means nothing when no
 * call was measured, so a zero is reported as "not measured" rather than as free.
 */
export function runCost(run: WireRunSummary): Json {
  const measured = run.measured_call_count ?? 0;
  const estimatedCalls = run.estimated_call_count ?? 0;
  return {
    total_cost_usd: measured > 0 ? run.total_cost_usd : undefined,
    measured_call_count: measured,
    estimated_cost_usd: estimatedCalls > 0 ? run.estimated_cost_usd : undefined,
    cost_note: measured > 0 || estimatedCalls > 0 ? undefined : 'cost not measured for this run',
  };
}

/** One ledger step without its payload; `payload_keys` hints at what `include_payloads` would show. */
export function eventSummary(event: WireEvent, includePayload = false): Json {
  const payload = event.payload;
  const keys = payload && typeof payload === 'object' ? Object.keys(payload) : [];
  return {
    seq: event.seq,
    ts: event.ts,
    kind: event.kind,
    agent: event.agent,
    summary: event.summary,
    duration_ms: event.duration_ms,
    ...(includePayload ? { payload } : keys.length ? { payload_keys: keys } : {}),
  };
}

/**
 * The verdict an investigation reached, read from its ledger: the last step that states one
 * (`verdict`, an analyst-style `disposition`, or a `decision`), with the reasoning and
 * recommended actions from that step or, failing that, the latest step that recorded them.
 */
export function findVerdict(events: readonly WireEvent[]): Json | undefined {
  const step = latest(events, (p) => text(p.verdict) ?? text(p.disposition) ?? text(p.decision));
  if (!step) return undefined;
  const { event, value: verdict, payload } = step;
  return {
    verdict,
    disposition: text(payload.disposition),
    confidence: number(payload.confidence),
    score: number(payload.score) ?? number(payload.ai_score),
    summary: reasonOf(payload) ?? latest(events, reasonOf)?.value ?? event.summary,
    findings: list(payload.findings),
    recommended_actions: actionsOf(payload) ?? latest(events, actionsOf)?.value,
    from_step: { seq: event.seq, kind: event.kind, agent: event.agent },
  };
}

function latest<T>(events: readonly WireEvent[], read: (payload: Json) => T | undefined): { event: WireEvent; payload: Json; value: T } | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    const payload = event?.payload;
    if (!event || !payload) continue;
    const value = read(payload);
    if (value !== undefined) return { event, payload, value };
  }
  return undefined;
}

const reasonOf = (p: Json) => text(p.rationale) ?? text(p.reason) ?? text(p.explanation);
const actionsOf = (p: Json) => list(p.recommended_actions) ?? list(p.proposed_actions);
const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const list = (value: unknown) => (Array.isArray(value) && value.length > 0 ? value : undefined);

export function artifactView(artifact: WireArtifact, includeRaw: boolean): Json {
  const content = artifact.content ?? undefined;
  const cut = !includeRaw && content !== undefined && content.length > ARTIFACT_PREVIEW_CHARS;
  return {
    id: artifact.id,
    kind: artifact.kind,
    sha256: artifact.sha256,
    size_bytes: artifact.size_bytes,
    created_at: artifact.created_at,
    blob_ref: artifact.blob_ref,
    content: cut ? content.slice(0, ARTIFACT_PREVIEW_CHARS) : content,
    ...(cut ? { content_truncated: true, content_chars: content.length } : {}),
  };
}

// ── Replay evaluations ───────────────────────────────────────────────────────

export function evaluationSummary(evaluation: WireEvaluation): Json {
  return {
    id: evaluation.id,
    status: evaluation.status,
    vendor: evaluation.vendor,
    connector_id: evaluation.connector_id,
    window_start: evaluation.window_start,
    window_end: evaluation.window_end,
    findings_read: evaluation.findings_read,
    findings_labelled: evaluation.findings_labelled,
    graded: evaluation.graded,
    malicious_support: evaluation.malicious_support,
    headline_accuracy: evaluation.headline_accuracy,
    headline_withheld_reason: evaluation.headline_withheld_reason,
    malicious_recall: evaluation.malicious_recall,
    created_at: evaluation.created_at,
    completed_at: evaluation.completed_at,
    error: evaluation.error,
  };
}

// ── Live actions ─────────────────────────────────────────────────────────────

export function liveActionSummary(action: WireLiveAction): Json {
  return {
    vendor_id: action.vendor_id,
    capability: action.capability,
    description: action.description,
    impact: action.impact || undefined,
    approval: action.approval || undefined,
    requires_credentials: action.requires_credentials,
    source: action.source,
  };
}
