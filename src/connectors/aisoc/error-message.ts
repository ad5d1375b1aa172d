/**
 * AiSOC's own words from an error body. FastAPI sends `{"detail": "<text>"}`, or for a 422 a list
 * of `{loc, msg, type}` issues, turned here into "field.path: msg; …" so the model can see which
 * argument to fix.
 */

const MAX_ISSUES = 10;
// FastAPI prefixes every location with where the value came from; the model only knows field names.
const SOURCES = new Set(['body', 'query', 'path', 'header', 'cookie']);

export function fastApiErrorMessage(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const { detail } = body;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    const issues = detail.slice(0, MAX_ISSUES).map(describeIssue).filter((issue): issue is string => issue !== undefined);
    if (issues.length === 0) return undefined;
    const more = detail.length > MAX_ISSUES ? `; and ${detail.length - MAX_ISSUES} more` : '';
    return `${issues.join('; ')}${more}`;
  }
  if (isRecord(detail) && typeof detail.message === 'string') return detail.message;
  return undefined;
}

function describeIssue(issue: unknown): string | undefined {
  if (!isRecord(issue) || typeof issue.msg !== 'string') return undefined;
  const loc = Array.isArray(issue.loc) ? issue.loc.map(String) : [];
  const field = (loc.length > 1 && SOURCES.has(loc[0] ?? '') ? loc.slice(1) : loc).join('.');
  return field ? `${field}: ${issue.msg}` : issue.msg;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
