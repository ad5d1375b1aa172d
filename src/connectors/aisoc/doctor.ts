import type { ConnectorDoctor } from '../types.js';

const renewKey = 'mint a new key in AiSOC (Settings → API keys) and store it with `socbridge install --host <id> --api-key …` or SOCBRIDGE_API_KEY';

/**
 * AiSOC for `socbridge doctor`: `/health` at the origin root, `GET /cases` (any valid credential)
 * as the authentication probe, then one cheap probe per scope the tools use. The POST probes send
 * a body AiSOC must reject (422): its permission check is a FastAPI dependency, which runs before
 * body validation, so a missing scope still answers 403 and no SQL, dry run or investigation ever runs.
 * `hunts:read` has no such probe (a hunt runs up to 120 s), so doctor reports it as not verified.
 */
export const aisocDoctor: ConnectorDoctor = {
  health: {
    path: '/health',
    read(body) {
      const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
      const status = typeof record.status === 'string' ? record.status : undefined;
      const service = typeof record.service === 'string' ? record.service : 'AiSOC';
      const version = typeof record.version === 'string' ? record.version : undefined;
      return { healthy: status === 'healthy', said: `${service} ${status ?? 'gave no status'}`, ...(version ? { version } : {}) };
    },
    notFound:
      'nothing answers /health at this origin, so --url probably points at another service or port ' +
      "(AiSOC's API listens on 8000 by default; 8081 is its ingest worker, and a web console is not the API)",
  },
  auth: {
    probe: { method: 'GET', path: '/cases', query: { limit: 1 } },
    rejections: [
      { match: /expired/i, means: 'the API key has expired', fix: renewKey },
      {
        match: /invalid or revoked/i,
        means: 'AiSOC does not know this key or it was revoked (a typo, a truncated paste, or a key from another AiSOC instance)',
        fix: `copy the whole key again (aisoc_ + 48 hex characters), or ${renewKey}`,
      },
      {
        match: /could not validate credentials/i,
        means: 'the credential is not an aisoc_ API key, so AiSOC read it as a login token (JWT) and rejected it: wrong key type, or an expired session token',
        fix: `use an API key that starts with aisoc_; ${renewKey}`,
      },
      {
        match: /not authenticated/i,
        means: 'no Bearer credential reached AiSOC: a proxy or gateway in between may strip the Authorization header',
        fix: 'let the Authorization header through the proxy or gateway, or point --url straight at the AiSOC API',
      },
    ],
    forbidden: {
      means: "the key is valid but AiSOC refuses its owner this route (the owner's role or the tenant's settings)",
      fix: "ask an AiSOC admin to check the key owner's role, or mint the key as a user who can read cases",
    },
    keyFormat: { pattern: /^aisoc_[0-9a-f]{48}$/, description: 'aisoc_ followed by 48 lowercase hex characters' },
    missingScope(message) {
      return message ? /(?:missing scope|permission denied):\s*([A-Za-z_]+:[A-Za-z_*]+|\*)/i.exec(message)?.[1] : undefined;
    },
  },
  scopes: [
    { scope: 'alerts:read', probe: { method: 'GET', path: '/alerts', query: { page_size: 1 } } },
    { scope: 'cases:read', probe: { method: 'GET', path: '/investigations', query: { limit: 1 } } },
    { scope: 'rules:read', probe: { method: 'GET', path: '/rules' } },
    { scope: 'reports:read', probe: { method: 'GET', path: '/evaluations/replay', query: { limit: 1 } } },
    { scope: 'actions:read', probe: { method: 'GET', path: '/live-actions' } },
    { scope: 'lake:read_schema', probe: { method: 'GET', path: '/lake/schema' } },
    { scope: 'lake:query', probe: { method: 'POST', path: '/lake/sql', body: {}, passes: [422] } },
    { scope: 'actions:execute', probe: { method: 'POST', path: '/live-actions/dry-run', body: [], passes: [422] } },
    // The nil UUID names no case: even a server that skipped body validation would only answer 404.
    { scope: 'cases:write', probe: { method: 'POST', path: '/cases/00000000-0000-0000-0000-000000000000/investigate', body: [], passes: [404, 422] } },
  ],
};
