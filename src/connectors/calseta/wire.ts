/**
 * Calseta's JSON as the API sends it (openapi.json, calseta/calseta @606757e). Only the fields the
 * tools read are typed; everything else passes through untouched. Nullable fields are `| null`
 * so the mappers decide what a missing value means.
 */

export type Json = Record<string, unknown>;

/** Every success body: `{data, meta}`; `meta` is absent on some 202s (a pending approval). */
export interface Envelope<T> {
  data: T;
  meta?: Json;
}

/** `meta` of a list route. */
export interface PageMeta {
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}

/** `AlertSummary`: one row of `GET /v1/alerts`. */
export interface WireAlertSummary extends Json {
  uuid: string;
  title: string;
  description?: string | null;
  severity: string;
  status: string;
  enrichment_status: string;
  source_name: string;
  occurred_at: string;
  is_enriched: boolean;
  duplicate_count?: number;
  tags: string[];
  close_classification?: string | null;
  closed_at?: string | null;
}

/** `IndicatorResponse`, as embedded in an alert. `enrichment_results` is keyed by provider. */
export interface WireIndicator extends Json {
  uuid: string;
  type: string;
  value: string;
  malice: string;
  malice_source?: string | null;
  is_enriched: boolean;
  first_seen?: string;
  last_seen?: string;
  enrichment_results?: Record<string, unknown> | null;
}

/** `DetectionRuleResponse`. */
export interface WireRule extends Json {
  uuid: string;
  name: string;
  source_rule_id?: string | null;
  source_name?: string | null;
  severity?: string | null;
  is_active: boolean;
  mitre_tactics: string[];
  mitre_techniques: string[];
  mitre_subtechniques: string[];
  data_sources: string[];
  documentation?: string | null;
}

/** `ContextDocumentSummary` (lists) and `ContextDocumentResponse` (detail, with `content`). */
export interface WireContextDocument extends Json {
  uuid: string;
  title: string;
  document_type: string;
  is_global: boolean;
  description?: string | null;
  tags?: string[];
  content?: string;
  targeting_rules?: Json | null;
}

/** `FindingResponse`. */
export interface WireFinding extends Json {
  id: string;
  agent_name: string;
  summary: string;
  confidence?: string | null;
  recommended_action?: string | null;
  evidence?: Json | null;
  posted_at: string;
}

/** `AlertResponse`: the agent-ready detail of `GET /v1/alerts/{uuid}`. */
export interface WireAlertDetail extends WireAlertSummary {
  raw_payload?: Json | null;
  malice?: string | null;
  malice_override?: string | null;
  malice_override_source?: string | null;
  indicators?: WireIndicator[];
  detection_rule?: WireRule | null;
  context_documents?: WireContextDocument[];
  agent_findings?: WireFinding[] | null;
}

/** `meta` of the alert detail. */
export interface WireAlertMeta extends Json {
  generated_at?: string;
  indicator_count?: number;
  enrichment?: { succeeded?: string[]; failed?: string[]; enriched_at?: string | null };
  detection_rule_matched?: boolean;
  context_documents_applied?: number;
}

/** One provider's answer in `POST /v1/enrichments`. */
export interface WireProviderResult extends Json {
  status?: string;
  success?: boolean;
  extracted?: Json | null;
  enriched_at?: string | null;
  error_message?: string | null;
  cache_hit?: boolean;
}

/** `OnDemandEnrichmentResponse`. */
export interface WireEnrichment {
  type: string;
  value: string;
  results: Record<string, WireProviderResult>;
  enriched_at: string;
}

/** `WorkflowSummary` (lists) and `WorkflowResponse` (detail, with `code` and approval settings). */
export interface WireWorkflow extends Json {
  uuid: string;
  name: string;
  workflow_type?: string | null;
  indicator_types: string[];
  state: string;
  is_active: boolean;
  approval_mode: string;
  risk_level: string;
  documentation?: string | null;
  code?: string;
}

/** `POST /v1/workflows/{uuid}/execute`: queued, or waiting for a human. */
export interface WireExecution extends Json {
  status: string;
  run_uuid?: string;
  approval_request_uuid?: string;
  expires_at?: string;
}

/** `WorkflowRunResponse`. */
export interface WireWorkflowRun extends Json {
  uuid: string;
  workflow_id: number;
  trigger_type: string;
  status: string;
  attempt_count: number;
  log_output?: string | null;
  result?: Json | null;
  duration_ms?: number | null;
  started_at?: string | null;
  completed_at?: string | null;
  created_at: string;
}
