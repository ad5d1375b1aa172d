/**
 * Calseta's enumerations, exactly as its API spells them (openapi.json components, commit 606757e).
 * Wrong case is a 422 there, so the schemas offer only these values.
 */

export const ALERT_STATUSES = ['Open', 'Triaging', 'Escalated', 'Closed'] as const;
export const ALERT_SEVERITIES = ['Pending', 'Informational', 'Low', 'Medium', 'High', 'Critical'] as const;
export const ENRICHMENT_STATUSES = ['Pending', 'Enriched', 'Failed'] as const;
export const MALICE_LEVELS = ['Pending', 'Benign', 'Suspicious', 'Malicious'] as const;
export const INDICATOR_TYPES = ['ip', 'domain', 'hash_md5', 'hash_sha1', 'hash_sha256', 'url', 'email', 'account'] as const;
export const FINDING_CONFIDENCES = ['low', 'medium', 'high'] as const;
export const CLOSE_CLASSIFICATIONS = [
  'True Positive - Suspicious Activity',
  'Benign Positive - Suspicious but Expected',
  'False Positive - Incorrect Detection Logic',
  'False Positive - Inaccurate Data',
  'Undetermined',
  'Duplicate',
  'Not Applicable',
] as const;
export const CONTEXT_DOCUMENT_TYPES = ['runbook', 'ir_plan', 'sop', 'playbook', 'detection_guide', 'other'] as const;
export const SORT_ORDERS = ['asc', 'desc'] as const;

/** `sort_by` values each list route accepts; anything else is a 400 VALIDATION_ERROR. */
export const ALERT_SORT_FIELDS = ['title', 'status', 'severity', 'source_name', 'occurred_at', 'created_at'] as const;
export const RULE_SORT_FIELDS = ['name', 'source_name', 'severity', 'created_at'] as const;

export type IndicatorType = (typeof INDICATOR_TYPES)[number];
