import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { call } from './client.js';

const PATHS = [
  '/health',
  '/api/v1/alerts?page_size=200',
  '/api/v1/alerts?page=2&page_size=50&search=example',
  '/api/v1/cases?limit=500',
  '/api/v1/cases/INC-003/timeline',
  '/api/v1/investigations?limit=200',
  '/api/v1/rules',
  '/api/v1/evaluations/replay',
  '/api/v1/live-actions',
  '/api/v1/audit?page_size=200',
  '/api/v1/lake/schema',
];

describe('the sandbox is deterministic', () => {
  let a: SandboxHandle;
  let b: SandboxHandle;
  let other: SandboxHandle;

  beforeAll(async () => {
    [a, b, other] = await Promise.all([startSandbox({ seed: 'same' }), startSandbox({ seed: 'same' }), startSandbox({ seed: 'different' })]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), other?.close()]);
  });

  it('derives the same keys from the same seed, in the AiSOC format', () => {
    expect(a.keys).toEqual(b.keys);
    for (const key of Object.values(a.keys)) expect(key).toMatch(/^aisoc_[0-9a-f]{48}$/);
    expect(new Set(Object.values(a.keys)).size).toBe(5);
    expect(other.keys.full).not.toBe(a.keys.full);
  });

  it('answers byte-identically for the same seed', async () => {
    for (const path of PATHS) {
      const [x, y] = await Promise.all([call(a, 'GET', path), call(b, 'GET', path, { key: b.keys.full })]);
      expect(x.status, path).toBe(200);
      expect(y.text, path).toBe(x.text);
    }
    const { items } = (await call(a, 'GET', '/api/v1/alerts?page_size=5')).json as { items: Array<{ id: string }> };
    for (const { id } of items) {
      const [x, y] = await Promise.all([call(a, 'GET', `/api/v1/alerts/${id}`), call(b, 'GET', `/api/v1/alerts/${id}`, { key: b.keys.full })]);
      expect(y.text).toBe(x.text);
    }
  });

  it('serves different data for a different seed', async () => {
    const [x, y] = await Promise.all([call(a, 'GET', '/api/v1/alerts?page_size=200'), call(other, 'GET', '/api/v1/alerts?page_size=200', { key: other.keys.full })]);
    expect(y.text).not.toBe(x.text);
  });

  it('gives a lake query the same rows for the same seed', async () => {
    const sql = 'SELECT src_ip, count(*) AS n FROM auth_events GROUP BY src_ip ORDER BY n DESC, src_ip LIMIT 20';
    const [x, y] = await Promise.all([call(a, 'POST', '/api/v1/lake/sql', { body: { sql } }), call(b, 'POST', '/api/v1/lake/sql', { key: b.keys.full, body: { sql } })]);
    expect((y.json as { rows: unknown }).rows).toEqual((x.json as { rows: unknown }).rows);
  });
});
