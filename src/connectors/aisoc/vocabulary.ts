/**
 * AiSOC's closed vocabularies, as its code stores them: the values tool arguments may filter on.
 */

/** The five-tier ladder AiSOC normalises every vendor severity to (alerts.py `_SEVERITY_MAP`). */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** Alert statuses the API writes (models/alert.py, the PATCH handler and the triage ledger). */
export const ALERT_STATUSES = ['new', 'triaging', 'triaged', 'in_progress', 'investigating', 'resolved', 'false_positive', 'fp', 'closed'] as const;

/** Case statuses `UpdateCaseRequest` accepts. */
export const CASE_STATUSES = [
  'new', 'open', 'triaged', 'investigating', 'in_progress', 'contained', 'pending', 'pending_closure', 'resolved', 'closed', 'cancelled',
] as const;

/** The fusion engine's confidence bands (`GET /alerts` rejects anything else with 400). */
export const CONFIDENCE_LABELS = ['high', 'medium', 'low'] as const;

/** Investigation run states. */
export const RUN_STATUSES = ['running', 'completed', 'failed'] as const;
