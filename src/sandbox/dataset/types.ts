/**
 * The vendor-neutral SOC dataset. Each face (AiSOC today; Calseta and Stellar Cyber later) maps
 * these records onto its own wire shapes, so every face serves the same alerts, indicators,
 * tenants, documents and workflows. Times are epoch milliseconds; faces format them.
 */

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Alert lifecycle, in AiSOC's vocabulary (the richest of the three); other faces collapse it. */
export type AlertStatus = 'new' | 'triaging' | 'in_progress' | 'resolved' | 'false_positive' | 'closed';
export const ALERT_STATUSES: readonly AlertStatus[] = ['new', 'triaging', 'in_progress', 'resolved', 'false_positive', 'closed'];
export const UNRESOLVED_ALERT_STATUSES: readonly AlertStatus[] = ['new', 'triaging', 'in_progress'];

export type CaseStatus = 'new' | 'triaged' | 'investigating' | 'contained' | 'resolved' | 'closed';

export type IndicatorType = 'ip' | 'domain' | 'hash_md5' | 'hash_sha1' | 'hash_sha256' | 'url' | 'email' | 'account';
export type Malice = 'Benign' | 'Suspicious' | 'Malicious' | 'Pending';

export interface Tenant {
  id: string;
  name: string;
  slug: string;
  /** Stellar Cyber's 32-hex tenant id. */
  custId: string;
  group: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string;
  department: string;
  title: string;
  privileged: boolean;
}

export interface Host {
  id: string;
  hostname: string;
  fqdn: string;
  ip: string;
  os: string;
  role: 'workstation' | 'server' | 'domain_controller';
  owner: string;
}

export interface ExternalIp {
  ip: string;
  country: string;
  asn: number;
  asOrg: string;
  profile: 'tor_exit' | 'c2' | 'scanner' | 'vpn' | 'cloud' | 'cdn' | 'saas';
}

export interface Domain {
  name: string;
  profile: 'phishing' | 'c2' | 'malware_delivery' | 'benign';
  registeredDaysAgo: number;
}

export interface FileSample {
  name: string;
  path: string;
  md5: string;
  sha1: string;
  sha256: string;
  sizeBytes: number;
  malicious: boolean;
  family: string | null;
}

export interface ProviderResult {
  provider: string;
  status: 'success' | 'failed' | 'skipped';
  /** The provider's own fields, as a reader of that provider's API would expect them. */
  extracted: Record<string, unknown>;
  enrichedAtMs: number;
  errorMessage: string | null;
  cacheHit: boolean;
}

export interface Indicator {
  id: string;
  type: IndicatorType;
  value: string;
  malice: Malice;
  firstSeenMs: number;
  lastSeenMs: number;
  enrichment: ProviderResult[];
}

export interface MitreTechnique {
  id: string;
  name: string;
  tacticId: string;
  tactic: string;
}

export interface MiniEvent {
  id: string;
  atMs: number;
  kind: string;
  agent: string;
  summary: string;
  payload: Record<string, unknown> | null;
  durationMs: number;
}

export interface RecommendedStep {
  priority: number;
  action: string;
  rationale: string;
  risk: 'low' | 'medium' | 'high';
}

export interface Alert {
  id: string;
  tenantId: string;
  title: string;
  description: string;
  severity: Severity;
  status: AlertStatus;
  priority: number;
  category: string;
  scenario: string;
  /** The SIEM/EDR that raised it, as AiSOC names connectors (`sentinel`, `crowdstrike`, …). */
  connectorType: string;
  /** Calseta's `source_name` for the same origin. */
  sourceName: string;
  ruleId: string | null;
  mitre: MitreTechnique[];
  aiScore: number;
  aiSummary: string;
  aiRecommendations: string[];
  confidence: number;
  confidenceLabel: 'high' | 'medium' | 'low';
  confidenceRationale: string[];
  disposition: string | null;
  closeClassification: string | null;
  affectedIps: string[];
  affectedHosts: string[];
  affectedUsers: string[];
  caseId: string | null;
  assigneeId: string | null;
  tags: string[];
  indicators: Indicator[];
  narrative: string;
  miniTimeline: MiniEvent[];
  recommendedActions: RecommendedStep[];
  rawEvent: Record<string, unknown>;
  eventTimeMs: number;
  firstSeenMs: number;
  lastSeenMs: number;
  createdAtMs: number;
  updatedAtMs: number;
  closedAtMs: number | null;
  duplicateCount: number;
}

export interface ObservableNode {
  id: string;
  kind: 'ip' | 'user' | 'host' | 'domain' | 'hash' | 'file' | 'process' | 'alert';
  value: string;
  tags: string[];
}

export interface ObservableEdge {
  source: string;
  target: string;
  relation: string;
}

export interface EvidenceItem {
  id: string;
  atMs: number;
  actor: string;
  action: string;
  item: string;
  sha256: string;
  detail: Record<string, unknown>;
}

export interface CaseNote {
  id: string;
  atMs: number;
  author: string;
  body: string;
  isSystem: boolean;
}

export interface CaseTask {
  id: string;
  atMs: number;
  title: string;
  status: 'todo' | 'in_progress' | 'done';
  assignee: string | null;
}

export interface Case {
  id: string;
  tenantId: string;
  caseNumber: string;
  /** Stellar Cyber's numeric ticket id. */
  ticketId: number;
  title: string;
  description: string;
  severity: Severity;
  status: CaseStatus;
  assignee: string | null;
  alertIds: string[];
  mitreTechniques: string[];
  observableGraph: { nodes: ObservableNode[]; edges: ObservableEdge[] };
  evidenceChain: EvidenceItem[];
  complianceFrameworks: string[];
  notes: CaseNote[];
  tasks: CaseTask[];
  tags: Record<string, string>;
  score: number;
  openedAtMs: number;
  triagedAtMs: number | null;
  resolvedAtMs: number | null;
  closedAtMs: number | null;
  createdAtMs: number;
  updatedAtMs: number;
  createdBy: string;
  slaDueAtMs: number | null;
}

export type RuleLanguage = 'sigma' | 'kql' | 'spl';

export interface DetectionRule {
  id: string;
  /** `null` for platform built-ins shared by every tenant. */
  tenantId: string | null;
  name: string;
  description: string;
  language: RuleLanguage;
  body: string;
  category: string;
  scenario: string;
  status: 'active' | 'testing' | 'disabled';
  severity: Severity;
  confidence: number;
  mitre: MitreTechnique[];
  fpRate: number;
  totalHits: number;
  lastTriggeredMs: number | null;
  tags: string[];
  isBuiltin: boolean;
  version: number;
  sourceName: string;
  sourceRuleId: string;
  dataSources: string[];
  runFrequency: string;
  /** A markdown write-up, the shape of a Calseta detection-rule document. */
  documentation: string;
  createdBy: string;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface RunEvent {
  id: string;
  seq: number;
  atMs: number;
  kind: string;
  agent: string;
  summary: string;
  payload: Record<string, unknown> | null;
  inputHash: string | null;
  outputHash: string | null;
  durationMs: number;
}

export interface RunArtifact {
  id: string;
  kind: string;
  sha256: string;
  sizeBytes: number;
  eventId: string | null;
  createdAtMs: number;
  content: string | null;
  blobRef: string | null;
}

export interface ModelCost {
  model: string;
  resolvedModel: string | null;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  latencyMs: number;
  callCount: number;
}

export type RunStatus = 'running' | 'completed' | 'failed';

export interface InvestigationRun {
  id: string;
  tenantId: string;
  /** The case's UUID, as a string (the ledger stores an external case id). */
  caseId: string;
  status: RunStatus;
  model: string;
  iterations: number;
  totalTokens: number;
  totalCostUsd: number;
  startedAtMs: number;
  completedAtMs: number | null;
  error: string | null;
  alertSummary: string;
  verdict: string | null;
  events: RunEvent[];
  artifacts: RunArtifact[];
  modelCosts: ModelCost[];
}

export interface ReplayEvaluation {
  id: string;
  tenantId: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  error: string | null;
  connectorId: string;
  vendor: string;
  windowStartMs: number;
  windowEndMs: number;
  trainFraction: number;
  bootstrapSeed: number;
  bootstrapResamples: number;
  findingsRead: number;
  findingsLabelled: number;
  decisionsRecorded: number;
  graded: number;
  maliciousSupport: number;
  headlineAccuracy: number | null;
  headlineWithheldReason: string | null;
  maliciousRecall: number | null;
  createdAtMs: number;
  startedAtMs: number | null;
  completedAtMs: number | null;
  score: Record<string, unknown> | null;
  method: Record<string, unknown> | null;
  reportMarkdown: string | null;
}

export interface LiveActionDescriptor {
  vendorId: string;
  capability: string;
  description: string;
  source: 'builtin' | 'plugin';
  requiresCredentials: boolean;
  impact: 'read_only' | 'reversible' | 'disruptive' | '';
  approval: 'none' | 'analyst' | 'two_person' | '';
}

export interface AuditEntry {
  id: string;
  tenantId: string;
  actorId: string | null;
  actorEmail: string | null;
  actorIp: string | null;
  action: string;
  resource: string | null;
  resourceId: string | null;
  changes: Record<string, unknown> | null;
  createdAtMs: number;
}

export interface ContextDocument {
  id: string;
  tenantId: string;
  title: string;
  documentType: 'runbook' | 'ir_plan' | 'sop' | 'playbook' | 'detection_guide' | 'other';
  isGlobal: boolean;
  description: string;
  content: string;
  /** Which alerts the document applies to (Calseta's targeting rules). */
  targeting: { categories: string[]; severities: Severity[]; sourceNames: string[] };
  version: number;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface Workflow {
  id: string;
  tenantId: string;
  name: string;
  workflowType: 'indicator' | 'alert';
  indicatorTypes: IndicatorType[];
  state: 'active' | 'draft' | 'inactive';
  riskLevel: 'low' | 'medium' | 'high' | 'critical';
  approvalMode: 'always' | 'agent_only' | 'never';
  approvalChannel: string | null;
  approvalTimeoutSeconds: number;
  timeoutSeconds: number;
  retryCount: number;
  isActive: boolean;
  isSystem: boolean;
  documentation: string;
  code: string;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface Entities {
  users: User[];
  hosts: Host[];
  externalIps: ExternalIp[];
  domains: Domain[];
  files: FileSample[];
}

export interface Dataset {
  seed: string;
  tenants: Tenant[];
  /** The tenant every sandbox key belongs to. */
  primaryTenantId: string;
  entities: Entities;
  alerts: Alert[];
  /**
   * Real vendor alerts (fixture-alerts.ts) of the primary tenant. Apart from `alerts` because they
   * carry real public addresses; only faces that serve raw vendor payloads (Calseta) show them.
   */
  fixtureAlerts: Alert[];
  cases: Case[];
  rules: DetectionRule[];
  runs: InvestigationRun[];
  evaluations: ReplayEvaluation[];
  liveActions: LiveActionDescriptor[];
  audit: AuditEntry[];
  contextDocuments: ContextDocument[];
  workflows: Workflow[];
}
