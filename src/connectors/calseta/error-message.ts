import type { BackendError } from '../../http/errors.js';

/**
 * Calseta's own words from an error body, `{"error": {"code", "message", "details"}}`, led by the
 * code so the model can tell KEY_EXPIRED from a bad key, and with what each code needs: the
 * fields of a VALIDATION_ERROR, the wait of RATE_LIMITED, the scope of FORBIDDEN.
 */

const MAX_ISSUES = 10;
// Pydantic prefixes every location with where the value came from; the model only knows field names.
const SOURCES = new Set(['body', 'query', 'path', 'header', 'cookie']);

/** What to do about a code, when Calseta's message does not already say it. */
const ADVICE: Record<string, string> = {
  KEY_EXPIRED: 'mint a new cai_ key in Calseta (Settings → API keys, or POST /v1/api-keys as an admin)',
  WORKFLOW_NOT_EXECUTABLE: 'only an active workflow runs: check its state and is_active with calseta_get_workflow, or pick another with calseta_list_workflows',
  PAYLOAD_TOO_LARGE: 'send less: Calseta caps request bodies at 10 MB (5 MB for ingest), finding evidence at 64 KB',
};

export function calsetaErrorMessage(body: unknown): string | undefined {
  const error = isRecord(body) ? body.error : undefined;
  if (!isRecord(error)) return fastApiDetail(body);
  const code = typeof error.code === 'string' ? error.code : undefined;
  const message = typeof error.message === 'string' ? error.message : undefined;
  const details = isRecord(error.details) ? error.details : {};
  const parts = [code && message ? `${code}: ${message}` : (message ?? code)];
  const issues = Array.isArray(details.errors) ? describeIssues(details.errors) : undefined;
  if (issues) parts.push(`fields: ${issues}`);
  const advice = code ? ADVICE[code] : undefined;
  if (advice) parts.push(advice);
  const text = parts.filter((part): part is string => Boolean(part)).join(' — ');
  return text || undefined;
}

/**
 * The scope a 403 says the key lacks: `details.required_scopes` (Calseta passes a route if the key
 * holds any one of them, so the first is enough to name), else the message's "Required: …".
 */
export function calsetaMissingScope(error: BackendError): string | undefined {
  const body = error.details.body;
  const details = isRecord(body) && isRecord(body.error) && isRecord(body.error.details) ? body.error.details : undefined;
  const listed = Array.isArray(details?.required_scopes) ? details.required_scopes.find((s): s is string => typeof s === 'string') : undefined;
  return listed ?? scopeInMessage(error.details.backendMessage);
}

export function scopeInMessage(message: string | undefined): string | undefined {
  return message ? /Required:\s*([a-z_]+:[a-z_]+|admin)/i.exec(message)?.[1] : undefined;
}

function describeIssues(errors: unknown[]): string | undefined {
  const issues = errors.slice(0, MAX_ISSUES).map(describeIssue).filter((issue): issue is string => issue !== undefined);
  if (issues.length === 0) return undefined;
  const more = errors.length > MAX_ISSUES ? `; and ${errors.length - MAX_ISSUES} more` : '';
  return `${issues.join('; ')}${more}`;
}

function describeIssue(issue: unknown): string | undefined {
  if (!isRecord(issue) || typeof issue.msg !== 'string') return undefined;
  const loc = Array.isArray(issue.loc) ? issue.loc.map(String) : [];
  const field = (loc.length > 1 && SOURCES.has(loc[0] ?? '') ? loc.slice(1) : loc).join('.');
  return field ? `${field}: ${issue.msg}` : issue.msg;
}

/** A proxy or an older build in front of Calseta may still answer in FastAPI's `{"detail": …}`. */
function fastApiDetail(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  if (typeof body.detail === 'string') return body.detail;
  return Array.isArray(body.detail) ? describeIssues(body.detail) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
