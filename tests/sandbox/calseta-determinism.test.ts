import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { call } from './client.js';

const PATHS = [
  '/v1/alerts?page_size=500',
  '/v1/alerts?status=Closed&sort_by=title&sort_order=asc&page_size=100',
  '/v1/detection-rules?page_size=500',
  '/v1/context-documents',
  '/v1/workflows',
  '/v1/workflow-runs?page_size=500',
  '/v1/enrichments/providers',
  '/v1/metrics/alerts?from_time=2026-10-01T00:00:00Z&to_time=2026-11-01T00:00:00Z',
];

describe('the Calseta face is deterministic', () => {
  let a: SandboxHandle;
  let b: SandboxHandle;
  let other: SandboxHandle;

  beforeAll(async () => {
    [a, b, other] = await Promise.all([startSandbox({ seed: 'same' }), startSandbox({ seed: 'same' }), startSandbox({ seed: 'different' })]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), other?.close()]);
  });

  it('derives the same Calseta keys from the same seed, and others from another', () => {
    expect(a.calsetaKeys).toEqual(b.calsetaKeys);
    expect(other.calsetaKeys.admin).not.toBe(a.calsetaKeys.admin);
  });

  it('answers byte-identically for the same seed, alert details and activity included', async () => {
    for (const path of PATHS) {
      const [x, y] = await Promise.all([call(a, 'GET', path, { key: a.calsetaKeys.admin }), call(b, 'GET', path, { key: b.calsetaKeys.admin })]);
      expect(x.status, path).toBe(200);
      expect(y.text, path).toBe(x.text);
    }
    const { data } = (await call(a, 'GET', '/v1/alerts?page_size=8&sort_by=created_at', { key: a.calsetaKeys.admin })).json as { data: Array<{ uuid: string }> };
    for (const { uuid } of data) {
      for (const suffix of ['', '/activity', '/context', '/indicators']) {
        const [x, y] = await Promise.all([call(a, 'GET', `/v1/alerts/${uuid}${suffix}`, { key: a.calsetaKeys.admin }), call(b, 'GET', `/v1/alerts/${uuid}${suffix}`, { key: b.calsetaKeys.admin })]);
        // The detail's meta.generated_at is the time of the request; everything else must match.
        const strip = (text: string) => text.replace(/"generated_at":"[^"]+"/, '');
        expect(strip(y.text), `${uuid}${suffix}`).toBe(strip(x.text));
      }
    }
  });

  it('serves different data for a different seed', async () => {
    const [x, y] = await Promise.all([call(a, 'GET', '/v1/alerts?page_size=500', { key: a.calsetaKeys.admin }), call(other, 'GET', '/v1/alerts?page_size=500', { key: other.calsetaKeys.admin })]);
    expect(y.text).not.toBe(x.text);
  });
});
