import type { Alert, AlertStatus, Indicator, Malice, Severity } from '../../dataset/types.js';

/**
 * Calseta's enums (from its OpenAPI document) and the deterministic mapping from the dataset's
 * vocabulary onto them, both ways, so a write through this face reads back the same everywhere.
 */

export const CALSETA_STATUSES = ['Open', 'Triaging', 'Escalated', 'Closed'] as const;
export type CalsetaStatus = (typeof CALSETA_STATUSES)[number];

export const CALSETA_SEVERITIES = ['Pending', 'Informational', 'Low', 'Medium', 'High', 'Critical'] as const;
export type CalsetaSeverity = (typeof CALSETA_SEVERITIES)[number];

export const ENRICHMENT_STATUSES = ['Pending', 'Enriched', 'Failed'] as const;
export type EnrichmentStatus = (typeof ENRICHMENT_STATUSES)[number];

export const MALICE_LEVELS = ['Pending', 'Benign', 'Suspicious', 'Malicious'] as const satisfies readonly Malice[];

export const CLOSE_CLASSIFICATIONS = [
  'True Positive - Suspicious Activity',
  'Benign Positive - Suspicious but Expected',
  'False Positive - Incorrect Detection Logic',
  'False Positive - Inaccurate Data',
  'Undetermined',
  'Duplicate',
  'Not Applicable',
] as const;

export const INDICATOR_TYPES = ['ip', 'domain', 'hash_md5', 'hash_sha1', 'hash_sha256', 'url', 'email', 'account'] as const;

export const DOCUMENT_TYPES = ['runbook', 'ir_plan', 'sop', 'playbook', 'detection_guide', 'other'] as const;

const STATUS: Record<AlertStatus, CalsetaStatus> = {
  new: 'Open',
  triaging: 'Triaging',
  in_progress: 'Escalated',
  resolved: 'Closed',
  false_positive: 'Closed',
  closed: 'Closed',
};

const SEVERITY: Record<Severity, Exclude<CalsetaSeverity, 'Pending'>> = {
  info: 'Informational',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export function calsetaStatus(status: AlertStatus): CalsetaStatus {
  return STATUS[status];
}

export function calsetaSeverity(severity: Severity): Exclude<CalsetaSeverity, 'Pending'> {
  return SEVERITY[severity];
}

/** Calseta → dataset: a close is resolved, a false positive or plain closed by its classification. */
export function neutralStatus(status: CalsetaStatus, classification: string | null): AlertStatus {
  if (status === 'Open') return 'new';
  if (status === 'Triaging') return 'triaging';
  if (status === 'Escalated') return 'in_progress';
  if (classification?.startsWith('True Positive')) return 'resolved';
  if (classification?.startsWith('False Positive')) return 'false_positive';
  return 'closed';
}

/** `Pending` has no dataset equivalent: the face keeps it as an overlay. */
export function neutralSeverity(severity: CalsetaSeverity): Severity | null {
  const entry = Object.entries(SEVERITY).find(([, value]) => value === severity);
  return entry ? (entry[0] as Severity) : null;
}

const MALICE_RANK: Record<Malice, number> = { Pending: 0, Benign: 1, Suspicious: 2, Malicious: 3 };

/** An alert's malice is its worst indicator's (Calseta's rule), `Pending` with no indicators. */
export function worstMalice(indicators: readonly Indicator[]): Malice {
  return indicators.reduce<Malice>((worst, i) => (MALICE_RANK[i.malice] > MALICE_RANK[worst] ? i.malice : worst), 'Pending');
}

/** Providers that answered, those that failed, ignoring the `_validation` skip marker. */
export function providerOutcomes(alert: Alert): { succeeded: string[]; failed: string[] } {
  const results = alert.indicators.flatMap((i) => i.enrichment).filter((r) => r.status !== 'skipped');
  const succeeded = [...new Set(results.filter((r) => r.status === 'success').map((r) => r.provider))].sort();
  const failed = [...new Set(results.filter((r) => r.status === 'failed').map((r) => r.provider))].filter((p) => !succeeded.includes(p)).sort();
  return { succeeded, failed };
}
