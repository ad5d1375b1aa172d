/**
 * AiSOC's JSON as the API sends it (docs/openapi.yaml, minhsys/AiSOC @06fbfdd). Only the fields
 * the tools read are typed; everything else passes through untouched. Fields the spec marks
 * nullable are `| null` here so the mappers have to decide what a missing value means.
 */

export type Json = Record<string, unknown>;

/** `AlertResponse`: one row of `GET /alerts`. */
export interface WireAlert extends Json {
  id: string;
  tenant_id?: string;
  title: string;
  description: string | null;
  severity: string;
  status: string;
  priority: number;
  category: string | null;
  mitre_tactics: unknown[];
  mitre_techniques: unknown[];
  connector_type: string | null;
  ai_score: number | null;
  ai_summary: string | null;
  ai_recommendations: unknown[];
  confidence?: number | null;
  confidence_label?: string | null;
  confidence_rationale?: unknown[] | null;
  disposition?: string | null;
  affected_ips: unknown[];
  affected_hosts: unknown[];
  affected_users: unknown[];
  case_id: string | null;
  tags: unknown[];
  event_time: string;
  first_seen: string;
  last_seen: string;
  created_at: string;
  updated_at: string;
}

export interface WireMiniTimelineEvent extends Json {
  id: string;
  ts: string;
  kind: string;
  agent: string;
  summary: string;
  payload?: Json | null;
  duration_ms?: number;
}

/** `AlertDetailResponse`: `GET /alerts/{id}`, the list shape plus the Investigation Rail. */
export interface WireAlertDetail extends WireAlert {
  narrative?: string | null;
  related_entities?: Json[];
  mini_timeline?: WireMiniTimelineEvent[];
  recommended_actions?: Json[];
  raw_event?: Json;
  wazuh_locator?: Json;
}

/** `AlertListResponse`; `facets` is sent by newer servers only. */
export interface WireAlertList {
  items: WireAlert[];
  total: number;
  page: number;
  page_size: number;
  pages: number;
  facets?: Json;
}

/** `CaseResponse`: `GET /cases` (a bare array of these) and `GET /cases/{id}`. */
export interface WireCase extends Json {
  id: string;
  case_number?: string | null;
  title: string;
  description: string | null;
  severity: string;
  status: string;
  assignee: string | null;
  mitre_techniques: string[];
  alert_ids: string[];
  observable_graph: Json;
  evidence_chain: Json[];
  opened_at: string;
  triaged_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  tags: Json;
  sla_due_at: string | null;
}

/** `GET /cases/{id}/timeline`. */
export interface WireCaseTimeline {
  events: Array<{ id: string; type: string; timestamp: string; title: string; description?: string | null; actor?: string | null }>;
}

/** `POST /cases/{id}/investigate` (untyped in the spec; aisoc.md gives the fields). */
export interface WireInvestigateStarted extends Json {
  run_id: string;
  case_id?: string;
  status?: string;
  message?: string;
}

/** `RunSummary`: `GET /investigations` rows and the `run` of an explain response. */
export interface WireRunSummary extends Json {
  id: string;
  case_id: string;
  status: string;
  model_used: string | null;
  iterations: number;
  total_tokens: number;
  total_cost_usd: number;
  measured_call_count?: number;
  estimated_cost_usd?: number;
  estimated_call_count?: number;
  unpriced_call_count?: number;
  started_at: string;
  completed_at: string | null;
  error: string | null;
}

/** `RunDetail`: `GET /investigations/{id}`. */
export interface WireRunDetail extends WireRunSummary {
  alert_summary: string | null;
  event_count: number;
  artifact_count: number;
  model_costs: Json[];
}

/** `EventOut`: one step of the decision ledger. */
export interface WireEvent extends Json {
  id: string;
  run_id: string;
  seq: number;
  ts: string;
  kind: string;
  agent: string;
  summary: string;
  payload: Json | null;
  input_hash: string | null;
  output_hash: string | null;
  duration_ms: number;
}

/** `EventListResponse`: `total` counts the events after `since`; `next_seq` is the last seq returned. */
export interface WireEventList {
  items: WireEvent[];
  total: number;
  since: number | null;
  next_seq: number | null;
}

/** `ArtifactDetail`: what an explained step carries (LLM transcripts, tool I/O). */
export interface WireArtifact extends Json {
  id: string;
  kind: string;
  sha256: string;
  size_bytes: number;
  event_id: string | null;
  created_at: string;
  content: string | null;
  blob_ref: string | null;
}

/** `ExplainResponse`: `GET /investigations/{id}/explain?step=N`. */
export interface WireExplain {
  run: WireRunSummary;
  previous: WireEvent | null;
  focus: WireEvent;
  next: WireEvent | null;
  artifacts: WireArtifact[];
}

/** `DetectionRuleResponse`: `GET /rules` (a bare array) and `GET /rules/{id}`. */
export interface WireRule extends Json {
  id: string;
  tenant_id?: string | null;
  name: string;
  description: string | null;
  rule_language: string;
  rule_body: string;
  category: string;
  status: string;
  severity: string;
  confidence: number;
  mitre_tactics: unknown[];
  mitre_techniques: unknown[];
  fp_rate: number;
  total_hits: number;
  last_triggered: string | null;
  tags: unknown[];
  is_builtin: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

/** `LakeSchemaResponse`. */
export interface WireLakeSchema {
  tables: Array<{ table: string; columns: Array<{ name: string; type: string; comment?: string }> }>;
}

/** `LakeQueryResponse`. */
export interface WireLakeResult {
  columns: string[];
  rows: unknown[][];
  row_count: number;
  row_cap: number;
  referenced_tables: string[];
  elapsed_ms: number;
  executed_at: string;
}

/** `EvaluationSummary` (`GET /evaluations/replay`) and `EvaluationDetail` (`/{id}`). */
export interface WireEvaluation extends Json {
  id: string;
  status: string;
  error?: string | null;
  connector_id: string;
  vendor: string;
  window_start: string;
  window_end: string;
  findings_read: number;
  findings_labelled: number;
  decisions_recorded: number;
  graded: number;
  malicious_support: number;
  headline_accuracy?: number | null;
  headline_withheld_reason?: string | null;
  malicious_recall?: number | null;
  created_at: string;
  started_at?: string | null;
  completed_at?: string | null;
  is_terminal: boolean;
  score?: Json | null;
  method?: Json | null;
  report_markdown?: string | null;
}

/**
 * `GET /live-actions`: AiSOC proxies the actions service's `LiveActionDiscoveryResponse`
 * (untyped in the API spec): `{executors: LiveActionDescriptor[], vendors, capabilities}`.
 */
export interface WireLiveActionCatalog {
  executors: WireLiveAction[];
  vendors?: string[];
  capabilities?: string[];
}

export interface WireLiveAction extends Json {
  vendor_id: string;
  capability: string;
  description?: string;
  source?: string;
  requires_credentials?: boolean;
  impact?: string;
  approval?: string;
}

/** `POST /live-actions/dry-run`: `LiveActionDispatchResponse` with `mode: "dry_run"`. */
export interface WireDryRun {
  result: Json & { status?: string; summary?: string; details?: Json; error?: string | null };
  mode: string;
}

/** `AgentHuntResponse`: `checked: false` means the hunt could not look, not that it found nothing. */
export interface WireHunt {
  hypothesis: string;
  checked: boolean;
  matches?: Json[];
  refusals?: string[];
  unavailable_reason?: string | null;
}
