import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { call, get } from './client.js';

describe('AiSOC authentication and scopes', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'auth-test', runStepMs: 5 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('answers 401 with AiSOC’s exact bodies and a Bearer challenge', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'Not authenticated'],
      [{ authorization: 'Basic dXNlcjpwYXNz' }, 'Not authenticated'],
      [{ authorization: 'Bearer' }, 'Not authenticated'],
      [{ authorization: `Bearer aisoc_${'0'.repeat(48)}` }, 'Invalid or revoked API key'],
      [{ authorization: `Bearer ${sandbox.keys.revoked}` }, 'Invalid or revoked API key'],
      [{ authorization: `Bearer ${sandbox.keys.expired}` }, 'API key has expired'],
      [{ authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig' }, 'Could not validate credentials'],
    ];
    for (const [headers, detail] of cases) {
      const reply = await call(sandbox, 'GET', '/api/v1/alerts', { key: null, headers });
      expect({ status: reply.status, body: reply.json }, JSON.stringify(headers)).toEqual({ status: 401, body: { detail } });
      expect(reply.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('answers 403 naming the missing scope', async () => {
    const { items } = await get(sandbox, '/api/v1/alerts?page_size=1');
    const cases: Array<[keyof SandboxHandle['keys'], string, string, unknown, string]> = [
      ['alertsOnly', 'GET', '/api/v1/rules', undefined, 'rules:read'],
      ['alertsOnly', 'GET', '/api/v1/investigations', undefined, 'cases:read'],
      ['alertsOnly', 'GET', '/api/v1/lake/schema', undefined, 'lake:read_schema'],
      ['alertsOnly', 'POST', '/api/v1/lake/sql', { sql: 'SELECT 1' }, 'lake:query'],
      ['alertsOnly', 'POST', '/api/v1/agents/hunt', { hypothesis: 'x' }, 'hunts:read'],
      ['alertsOnly', 'GET', '/api/v1/audit', undefined, 'audit_log:read'],
      ['alertsOnly', 'GET', '/api/v1/live-actions', undefined, 'actions:read'],
      ['alertsOnly', 'GET', '/api/v1/evaluations/replay', undefined, 'reports:read'],
      ['readOnly', 'POST', '/api/v1/cases/INC-001/investigate', { alert_summary: 'x' }, 'cases:write'],
      ['readOnly', 'POST', '/api/v1/live-actions/dry-run', { vendor_id: 'crowdstrike', capability: 'isolate_host' }, 'actions:execute'],
    ];
    for (const [key, method, path, body, scope] of cases) {
      const reply = await call(sandbox, method, path, { key: sandbox.keys[key], body });
      expect({ status: reply.status, body: reply.json }, `${key} ${method} ${path}`).toEqual({ status: 403, body: { detail: `API key missing scope: ${scope}` } });
    }
    // What each key may do.
    expect((await call(sandbox, 'GET', `/api/v1/alerts/${items[0].id}`, { key: sandbox.keys.alertsOnly })).status).toBe(200);
    expect((await call(sandbox, 'GET', '/api/v1/cases/INC-001', { key: sandbox.keys.alertsOnly })).status).toBe(200); // any valid key reads cases
    for (const path of ['/api/v1/rules', '/api/v1/investigations', '/api/v1/audit', '/api/v1/lake/schema', '/api/v1/live-actions', '/api/v1/evaluations/replay']) {
      expect((await call(sandbox, 'GET', path, { key: sandbox.keys.readOnly })).status, path).toBe(200);
    }
    expect((await call(sandbox, 'POST', '/api/v1/lake/sql', { key: sandbox.keys.readOnly, body: { sql: 'SELECT 1 AS one' } })).json).toMatchObject({ rows: [[1]] });
  });

  it('serves /health without a key and reports unknown routes the FastAPI way', async () => {
    const health = await call(sandbox, 'GET', '/health', { key: null });
    expect(health.json).toMatchObject({ status: 'healthy', service: 'aisoc-api' });
    expect(await call(sandbox, 'GET', '/api/v1/nope', { key: null })).toMatchObject({ status: 404, json: { detail: 'Not Found' } });
    expect(await call(sandbox, 'GET', '/elsewhere')).toMatchObject({ status: 404, json: { detail: 'Not Found' } });
    expect(await call(sandbox, 'DELETE', '/api/v1/alerts')).toMatchObject({ status: 405, json: { detail: 'Method Not Allowed' } });
  });

  it('decodes a malformed JSON body before authenticating, as FastAPI does', async () => {
    const reply = await call(sandbox, 'POST', '/api/v1/lake/sql', { key: null, rawBody: '{"sql": ' });
    expect(reply.status).toBe(422);
    expect(reply.json).toMatchObject({ detail: [{ type: 'json_invalid', loc: ['body', 8], msg: 'JSON decode error' }] });
  });
});
