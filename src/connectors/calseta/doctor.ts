import type { ConnectorDoctor } from '../types.js';
import { scopeInMessage } from './error-message.js';

const renewKey = 'mint a new key in Calseta (Settings → API keys, or POST /v1/api-keys as an admin) and store it with `socbridge install --host <id> --backend calseta --api-key …` or SOCBRIDGE_API_KEY';
/** A UUID no record has: a probe that got past the permission check can at most answer 404. */
const NIL = '00000000-0000-0000-0000-000000000000';

/**
 * Calseta for `socbridge doctor`: `/health` at the origin root (no auth), `GET /v1/alerts` as the
 * authentication probe (Calseta has no "who am I" route, and alerts:read is the scope nearly every
 * tool needs), then one cheap probe per scope. The POST probes send an empty body to the nil UUID:
 * Calseta's scope check is a FastAPI dependency, which runs before body validation, so a missing
 * scope still answers 403, and a granted one 422 (or 404): no finding is stored, no workflow runs.
 */
export const calsetaDoctor: ConnectorDoctor = {
  health: {
    path: '/health',
    read(body) {
      const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
      const status = typeof record.status === 'string' ? record.status : undefined;
      const version = typeof record.version === 'string' ? record.version : undefined;
      const database = typeof record.database === 'string' ? `, database ${record.database}` : '';
      const queue = typeof record.queue === 'string' ? `, queue ${record.queue}` : '';
      return { healthy: status === 'ok', said: `Calseta ${status ?? 'gave no status'}${database}${queue}`, ...(version ? { version } : {}) };
    },
    notFound:
      "nothing answers /health at this origin, so --url probably points at another service or port (Calseta's API listens on 8000 by default; 8001 is its own MCP server, which speaks SSE, not REST)",
  },
  auth: {
    probe: { method: 'GET', path: '/alerts', query: { page_size: 1 } },
    rejections: [
      { match: /expired/i, means: 'the API key has expired (KEY_EXPIRED)', fix: renewKey },
      {
        match: /invalid api key format/i,
        means: 'the credential is not shaped like a Calseta key (cai_ followed by 43 characters): a truncated paste or a key from another product',
        fix: `copy the whole key again, or ${renewKey}`,
      },
      {
        match: /invalid api key/i,
        means: 'Calseta does not know this key: it was revoked, mistyped, or belongs to another Calseta instance',
        fix: `copy the whole key again, or ${renewKey}`,
      },
      {
        match: /missing or invalid authorization/i,
        means: 'no Bearer credential reached Calseta: a proxy or gateway in between may strip the Authorization header',
        fix: 'let the Authorization header through the proxy or gateway, or point --url straight at the Calseta API (port 8000)',
      },
    ],
    forbidden: {
      means: 'the key is valid but lacks alerts:read, the scope nearly every Calseta tool needs',
      fix: `${renewKey}, with at least alerts:read`,
    },
    keyFormat: { pattern: /^cai_[A-Za-z0-9_-]{43}$/, description: 'cai_ followed by 43 URL-safe characters' },
    missingScope: scopeInMessage,
  },
  scopes: [
    { scope: 'alerts:read', probe: { method: 'GET', path: '/alerts', query: { page_size: 1 } } },
    { scope: 'alerts:write', probe: { method: 'POST', path: `/alerts/${NIL}/findings`, body: {}, passes: [404, 422] } },
    { scope: 'enrichments:read', probe: { method: 'GET', path: '/enrichments/providers' } },
    { scope: 'workflows:read', probe: { method: 'GET', path: '/workflows', query: { page_size: 1 } } },
    { scope: 'workflows:execute', probe: { method: 'POST', path: `/workflows/${NIL}/execute`, body: {}, passes: [404, 422] } },
  ],
};
