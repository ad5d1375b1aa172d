import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import type { RequestLogEntry } from '../../src/sandbox/server/request-log.js';
import { call, eventually } from './client.js';

type LogEntry = RequestLogEntry;

async function addFault(sandbox: SandboxHandle, rule: unknown): Promise<string> {
  const reply = await call(sandbox, 'POST', '/__sandbox/faults', { key: null, body: rule });
  expect(reply.status, reply.text).toBe(201);
  return (reply.json as { id: string }).id;
}

async function requestLog(sandbox: SandboxHandle): Promise<LogEntry[]> {
  return ((await call(sandbox, 'GET', '/__sandbox/requests', { key: null })).json as { items: LogEntry[] }).items;
}

describe('scripted faults and the request log', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'faults-test' });
  });
  afterEach(async () => {
    await call(sandbox, 'DELETE', '/__sandbox/faults', { key: null });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('answers a status fault with its body, Retry-After and content type, `times` times, in FIFO order', async () => {
    await addFault(sandbox, { method: 'GET', path: '^/api/v1/alerts$', times: 2, fault: { type: 'status', status: 503, retryAfter: 1 } });
    await addFault(sandbox, { path: '^/api/v1/alerts$', fault: { type: 'status', status: 502, body: { detail: 'upstream down' } } });
    await addFault(sandbox, { path: '/cases', fault: { type: 'status', status: 500, body: 'oops', contentType: 'text/plain' } });
    for (let i = 0; i < 2; i++) {
      const reply = await call(sandbox, 'GET', '/api/v1/alerts');
      expect(reply).toMatchObject({ status: 503, json: { detail: 'Service temporarily unavailable' } });
      expect(reply.headers.get('retry-after')).toBe('1');
    }
    expect(await call(sandbox, 'POST', '/api/v1/alerts')).toMatchObject({ status: 502, json: { detail: 'upstream down' } });
    expect((await call(sandbox, 'GET', '/api/v1/alerts')).status).toBe(200);
    const text = await call(sandbox, 'GET', '/api/v1/cases');
    expect({ status: text.status, type: text.headers.get('content-type'), text: text.text }).toEqual({ status: 500, type: 'text/plain', text: 'oops' });
    expect((await call(sandbox, 'GET', '/api/v1/cases')).status).toBe(200);
  });

  it('resets the connection, serves HTML or non-JSON with 200, and streams an oversize body', async () => {
    await addFault(sandbox, { path: '^/health$', fault: { type: 'reset' } });
    await expect(call(sandbox, 'GET', '/health')).rejects.toThrow();
    await addFault(sandbox, { path: '^/health$', fault: { type: 'html' } });
    const html = await call(sandbox, 'GET', '/health');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.text).toMatch(/<form/);
    await addFault(sandbox, { path: '^/health$', fault: { type: 'non_json' } });
    const broken = await call(sandbox, 'GET', '/health');
    expect(broken.status).toBe(200);
    expect(broken.headers.get('content-type')).toBe('application/json');
    expect(() => JSON.parse(broken.text)).toThrow();
    await addFault(sandbox, { path: '^/health$', fault: { type: 'oversize', bytes: 3_000_000 } });
    const big = await call(sandbox, 'GET', '/health');
    expect(big.headers.get('content-length')).toBe('3000000');
    expect(big.text).toHaveLength(3_000_000);
    expect(JSON.parse(big.text)).toMatchObject({ padding: expect.any(String) });
    await addFault(sandbox, { path: '^/health$', fault: { type: 'delay', ms: 30 } });
    expect((await call(sandbox, 'GET', '/health')).json).toMatchObject({ status: 'healthy' });
  });

  it('hangs until the client gives up, and logs the request as aborted', async () => {
    await call(sandbox, 'DELETE', '/__sandbox/requests', { key: null });
    await addFault(sandbox, { path: '^/api/v1/rules$', fault: { type: 'hang' } });
    const controller = new AbortController();
    const pending = call(sandbox, 'GET', '/api/v1/rules', { signal: controller.signal, headers: { 'x-socbridge-tool': 'aisoc_query_detections', 'user-agent': 'socbridge/test' } });
    await eventually(async () => ((await requestLog(sandbox)).some((e) => e.path === '/api/v1/rules') ? true : undefined));
    controller.abort();
    await expect(pending).rejects.toThrow();
    const entry = await eventually(async () => (await requestLog(sandbox)).find((e) => e.path === '/api/v1/rules' && e.aborted));
    expect(entry).toMatchObject({ method: 'GET', status: null, aborted: true, tool: 'aisoc_query_detections', user_agent: 'socbridge/test' });
  });

  it('records tool, user agent, status and authorization — never the key — and clears on request', async () => {
    await call(sandbox, 'DELETE', '/__sandbox/requests', { key: null });
    await call(sandbox, 'GET', '/api/v1/alerts?page_size=2', { headers: { 'x-socbridge-tool': 'aisoc_list_alerts' } });
    await call(sandbox, 'GET', '/api/v1/alerts', { key: sandbox.keys.revoked });
    const log = await requestLog(sandbox);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({ method: 'GET', path: '/api/v1/alerts', query: 'page_size=2', status: 200, aborted: false, tool: 'aisoc_list_alerts', authorized: true });
    expect(log[1]).toMatchObject({ status: 401, tool: null, authorized: false });
    expect(log[1]!.seq).toBeGreaterThan(log[0]!.seq);
    const raw = (await call(sandbox, 'GET', '/__sandbox/requests', { key: null })).text;
    for (const key of Object.values(sandbox.keys)) expect(raw).not.toContain(key.slice(6));
    expect(raw.toLowerCase()).not.toContain('authorization');
    expect((await call(sandbox, 'DELETE', '/__sandbox/requests', { key: null })).json).toEqual({ cleared: 2 });
    expect(await requestLog(sandbox)).toEqual([]);
  });

  it('rejects malformed fault rules and clears them all on DELETE', async () => {
    expect((await call(sandbox, 'POST', '/__sandbox/faults', { key: null, body: { path: '(' , fault: { type: 'reset' } } })).status).toBe(400);
    expect((await call(sandbox, 'POST', '/__sandbox/faults', { key: null, body: { path: 'x', fault: { type: 'explode' } } })).status).toBe(400);
    expect((await call(sandbox, 'POST', '/__sandbox/faults', { key: null, rawBody: 'nope' })).status).toBe(400);
    await addFault(sandbox, { path: '.*', times: 100, fault: { type: 'status', status: 500 } });
    expect((await call(sandbox, 'DELETE', '/__sandbox/faults', { key: null })).json).toEqual({ cleared: 1 });
    expect((await call(sandbox, 'GET', '/health')).status).toBe(200);
  });
});

describe('global fault options', () => {
  it('answers the configured fraction of requests 503, in the same order for the same seed', async () => {
    const [a, b] = await Promise.all([startSandbox({ seed: 'flaky', errorRate: 0.5 }), startSandbox({ seed: 'flaky', errorRate: 0.5 })]);
    try {
      const statuses = async (s: SandboxHandle) => {
        const out: number[] = [];
        for (let i = 0; i < 30; i++) out.push((await call(s, 'GET', '/health')).status);
        return out;
      };
      const [x, y] = [await statuses(a), await statuses(b)];
      expect(y).toEqual(x);
      expect(x).toContain(503);
      expect(x).toContain(200);
      const failed = await eventually(async () => {
        const reply = await call(a, 'GET', '/api/v1/alerts');
        return reply.status === 503 ? reply : undefined;
      });
      expect(failed.json).toEqual({ detail: 'Service temporarily unavailable' });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('rate-limits per key with 429, Retry-After and X-RateLimit-* headers', async () => {
    const sandbox = await startSandbox({ seed: 'limited', rateLimit: 3, latencyMs: 5 });
    try {
      const replies = [];
      for (let i = 0; i < 4; i++) replies.push(await call(sandbox, 'GET', '/api/v1/cases?limit=1'));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      expect(replies.map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
      const limited = replies[3]!;
      expect(limited.json).toEqual({ detail: 'Rate limit exceeded' });
      expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
      // Another key has its own budget.
      expect((await call(sandbox, 'GET', '/api/v1/cases?limit=1', { key: sandbox.keys.readOnly })).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses impossible options', async () => {
    await expect(startSandbox({ errorRate: 1.5 })).rejects.toThrow(/errorRate/);
    await expect(startSandbox({ port: 70000 })).rejects.toThrow(/port/);
    await expect(startSandbox({ latencyMs: -1 })).rejects.toThrow(/latencyMs/);
  });
});
