import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { call } from './client.js';

/** Calseta's auth, scopes, rate limits and request ids, through the sandbox's Calseta face. */
describe('the Calseta face: keys, scopes and limits', () => {
  let sandbox: SandboxHandle;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'calseta-auth' });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('hands out five cai_ keys of 43 URL-safe characters', () => {
    const keys = Object.values(sandbox.calsetaKeys);
    expect(keys).toHaveLength(5);
    for (const key of keys) expect(key).toMatch(/^cai_[A-Za-z0-9_-]{43}$/);
    expect(new Set(keys).size).toBe(5);
  });

  it('answers 401 with Calseta’s exact messages and no challenge', async () => {
    const cases: Array<[string | null, string, string]> = [
      [null, 'UNAUTHORIZED', 'Missing or invalid Authorization header. Expected: Bearer cai_...'],
      ['Basic dXNlcjpwYXNz', 'UNAUTHORIZED', 'Missing or invalid Authorization header. Expected: Bearer cai_...'],
      ['Bearer cai_tooshort', 'UNAUTHORIZED', 'Invalid API key format.'],
      [`Bearer ${sandbox.keys.full}`, 'UNAUTHORIZED', 'Invalid API key format.'],
      [`Bearer cai_${'x'.repeat(43)}`, 'UNAUTHORIZED', 'Invalid API key.'],
      [`Bearer ${sandbox.calsetaKeys.expired}`, 'KEY_EXPIRED', 'API key has expired.'],
    ];
    for (const [authorization, code, message] of cases) {
      const reply = await call(sandbox, 'GET', '/v1/alerts', { key: null, headers: authorization === null ? {} : { authorization } });
      expect({ status: reply.status, body: reply.json }, String(authorization)).toEqual({ status: 401, body: { error: { code, message, details: {} } } });
      expect(reply.headers.get('www-authenticate')).toBeNull();
    }
  });

  it('passes a route when the key holds any listed scope; admin passes everything', async () => {
    const { admin, readOnly, alertsRead, agent } = sandbox.calsetaKeys;
    const status = async (key: string, method: string, path: string, body?: unknown) => (await call(sandbox, method, path, { key, ...(body === undefined ? {} : { body }) })).status;
    expect(await status(alertsRead, 'GET', '/v1/alerts')).toBe(200);
    expect(await status(alertsRead, 'GET', '/v1/workflows')).toBe(403);
    expect(await status(readOnly, 'GET', '/v1/workflows')).toBe(200);
    expect(await status(readOnly, 'GET', '/v1/enrichments/providers')).toBe(200);
    expect(await status(admin, 'GET', '/v1/workflows')).toBe(200);
    expect(await status(readOnly, 'POST', '/v1/enrichments', { type: 'ip', value: '203.0.113.5' })).toBe(200);
    expect(await status(agent, 'GET', '/v1/workflow-runs')).toBe(200);
    const forbidden = await call(sandbox, 'POST', '/v1/enrichments', { key: alertsRead, body: { type: 'ip', value: '203.0.113.5' } });
    expect(forbidden.json).toEqual({ error: { code: 'FORBIDDEN', message: 'Insufficient scope. Required: enrichments:read', details: { required_scopes: ['enrichments:read'] } } });
  });

  it('keeps AiSOC and Calseta keys apart', async () => {
    expect((await call(sandbox, 'GET', '/api/v1/alerts', { key: sandbox.calsetaKeys.admin })).status).toBe(401);
    expect((await call(sandbox, 'GET', '/api/v1/alerts', { key: sandbox.keys.full })).status).toBe(200);
  });

  it('serves /health as Calseta to a cai_ key and as AiSOC otherwise', async () => {
    const calseta = await call(sandbox, 'GET', '/health', { key: sandbox.calsetaKeys.readOnly });
    expect(calseta.json).toMatchObject({ status: 'ok', database: 'ok', queue: 'ok', queue_depth: 0 });
    expect(Object.keys((calseta.json as { enrichment_providers: object }).enrichment_providers)).toContain('virustotal');
    const aisoc = await call(sandbox, 'GET', '/health', { key: null });
    expect(aisoc.json).toMatchObject({ status: 'healthy', service: 'aisoc-api' });
  });

  it('echoes a caller’s X-Request-ID and mints one otherwise, on errors too', async () => {
    const echoed = await call(sandbox, 'GET', '/v1/alerts?page_size=1', { key: sandbox.calsetaKeys.admin, headers: { 'x-request-id': 'trace-42' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-42');
    const minted = await call(sandbox, 'GET', '/v1/nowhere', { key: null });
    expect(minted.status).toBe(404);
    expect(minted.json).toEqual({ error: { code: 'NOT_FOUND', message: 'Not Found', details: {} } });
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('limits enrichment to 60 a minute per key: 429 RATE_LIMITED with Retry-After', async () => {
    const { agent, admin } = sandbox.calsetaKeys;
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await call(sandbox, 'POST', '/v1/enrichments', { key: agent, body: { type: 'ip', value: '10.0.0.1' } })).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await call(sandbox, 'POST', '/v1/enrichments', { key: agent, body: { type: 'ip', value: '10.0.0.1' } });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited.json).toEqual({ error: { code: 'RATE_LIMITED', message: `Rate limit exceeded. Retry after ${retryAfter} seconds.`, details: { retry_after_seconds: retryAfter } } });
    // Other routes and other keys keep their own budgets.
    expect((await call(sandbox, 'GET', '/v1/alerts?page_size=1', { key: agent })).status).toBe(200);
    expect((await call(sandbox, 'POST', '/v1/enrichments', { key: admin, body: { type: 'ip', value: '10.0.0.1' } })).status).toBe(200);
  });
});

describe('the sandbox options shape errors as Calseta errors on Calseta paths', () => {
  it('the global --rate-limit answers 429 in Calseta’s envelope with Retry-After', async () => {
    const sandbox = await startSandbox({ seed: 'calseta-auth', rateLimit: 1 });
    try {
      expect((await call(sandbox, 'GET', '/v1/alerts?page_size=1', { key: sandbox.calsetaKeys.admin })).status).toBe(200);
      const limited = await call(sandbox, 'GET', '/v1/alerts?page_size=1', { key: sandbox.calsetaKeys.admin });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(limited.json).toMatchObject({ error: { code: 'RATE_LIMITED', details: { retry_after_seconds: Number(limited.headers.get('retry-after')) } } });
      // AiSOC paths keep AiSOC's shape.
      await call(sandbox, 'GET', '/api/v1/alerts', { key: sandbox.keys.full });
      expect((await call(sandbox, 'GET', '/api/v1/alerts', { key: sandbox.keys.full })).json).toEqual({ detail: 'Rate limit exceeded' });
    } finally {
      await sandbox.close();
    }
  });

  it('the error rate answers 503 SERVICE_UNAVAILABLE', async () => {
    const sandbox = await startSandbox({ seed: 'calseta-auth', errorRate: 1 });
    try {
      const reply = await call(sandbox, 'GET', '/v1/alerts', { key: sandbox.calsetaKeys.admin });
      expect({ status: reply.status, body: reply.json }).toEqual({ status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'Service temporarily unavailable', details: {} } } });
    } finally {
      await sandbox.close();
    }
  });
});
