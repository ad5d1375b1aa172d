import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { connectServe, type Connected } from '../helpers/cli.js';
import { addFault, clearSandbox, requestsSeen, sandboxGet, waitForRequests } from '../helpers/sandbox-control.js';

type Json = Record<string, unknown>;
const textOf = (r: { content: unknown }) => (r.content as Array<{ text: string }>).map((c) => c.text).join('');

let sandbox: SandboxHandle;
let session: Connected;
let alertId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'faults-e2e', runStepMs: 15 });
  alertId = String((await sandboxGet<{ items: Json[] }>(sandbox, '/api/v1/alerts?page_size=1')).items[0]!.id);
  session = await connectServe(['--timeout', '1500'], { env: { SOCBRIDGE_URL: sandbox.url, SOCBRIDGE_API_KEY: sandbox.keys.full } });
  await clearSandbox(sandbox);
});
afterAll(async () => {
  await session.close();
  await sandbox.close();
});
afterEach(async () => {
  await clearSandbox(sandbox);
});

const alertsPath = '^/api/v1/alerts$';

describe('failure paths through sandbox fault injection', () => {
  it('a backend that never answers becomes a timeout result within the deadline', async () => {
    await addFault(sandbox, { method: 'GET', path: alertsPath, fault: { type: 'hang' }, times: 10 });
    const result = await session.client.callTool({ name: 'aisoc_list_alerts', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'AiSOC did not answer within 1500 ms (GET /api/v1/alerts). It may be overloaded or the query too broad: retry, narrow the request, or raise --timeout / SOCBRIDGE_TIMEOUT_MS.',
    );
  });

  it('429 with Retry-After is retried, then succeeds', async () => {
    await addFault(sandbox, { method: 'GET', path: alertsPath, fault: { type: 'status', status: 429, retryAfter: 0 } });
    const result = await session.client.callTool({ name: 'aisoc_list_alerts', arguments: { page_size: 2 } });
    expect(result.isError).toBeFalsy();
    expect((await requestsSeen(sandbox)).map((r) => r.status)).toEqual([429, 200]);
  });

  it('a 429 that outlasts the deadline is reported with its Retry-After', async () => {
    await addFault(sandbox, { method: 'GET', path: alertsPath, fault: { type: 'status', status: 429, retryAfter: 30, body: { detail: 'Rate limit exceeded' } } });
    const result = await session.client.callTool({ name: 'aisoc_list_alerts', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('AiSOC is rate limiting this key (429: Rate limit exceeded); socbridge retried 0 time(s). Rate limited: retry after 30 s.');
  });

  it('503s are retried for reads, then the call succeeds', async () => {
    await addFault(sandbox, { method: 'GET', path: alertsPath, fault: { type: 'status', status: 503 }, times: 2 });
    const result = await session.client.callTool({ name: 'aisoc_list_alerts', arguments: { page_size: 2 } });
    expect(result.isError).toBeFalsy();
    expect((await requestsSeen(sandbox)).map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('a 200 HTML page is explained as the wrong URL, not parsed', async () => {
    await addFault(sandbox, { method: 'GET', path: alertsPath, fault: { type: 'html' } });
    const result = await session.client.callTool({ name: 'aisoc_list_alerts', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^AiSOC answered \(GET \/api\/v1\/alerts\) with something that is not JSON \(text\/html.*point --url at the AiSOC API\.$/);
  });

  it('a non-JSON body with a JSON content type is refused with its own text', async () => {
    await addFault(sandbox, { method: 'GET', path: alertsPath, fault: { type: 'non_json' } });
    const result = await session.client.callTool({ name: 'aisoc_list_alerts', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('with something that is not JSON (application/json');
  });

  it('an oversized body is cut off at the byte cap', async () => {
    await addFault(sandbox, { method: 'GET', path: alertsPath, fault: { type: 'oversize', bytes: 12_000_000 } });
    const result = await session.client.callTool({ name: 'aisoc_list_alerts', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe("AiSOC's response (GET /api/v1/alerts) was larger than socbridge accepts. Narrow the request (smaller page size, tighter filters).");
  });

  it('a path-traversal id never changes the route', async () => {
    const result = await session.client.callTool({ name: 'aisoc_get_case', arguments: { case_id: '../../admin' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/case_id/);
    expect(await requestsSeen(sandbox)).toEqual([]);
  });

  it('connection refused is explained with the URL and the fix', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((r) => probe.close(() => r()));
    const refused = await connectServe([], { env: { SOCBRIDGE_URL: url, SOCBRIDGE_API_KEY: sandbox.keys.full } });
    try {
      const result = await refused.client.callTool({ name: 'aisoc_list_alerts', arguments: {} });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        `Cannot connect to AiSOC at ${url} (ECONNREFUSED). Check --url / SOCBRIDGE_URL and that the server is running and reachable (proxy settings: HTTPS_PROXY, NO_PROXY); \`socbridge doctor\` pinpoints the cause.`,
      );
    } finally {
      await refused.close();
    }
  });
});

describe('cancellation and progress', () => {
  it('notifications/cancelled aborts the backend request', async () => {
    await addFault(sandbox, { method: 'GET', path: `^/api/v1/alerts/${alertId}$`, fault: { type: 'hang' } });
    const controller = new AbortController();
    const call = session.client.callTool({ name: 'aisoc_get_alert', arguments: { alert_id: alertId } }, { signal: controller.signal });
    await waitForRequests(sandbox, (items) => items.some((r) => r.tool === 'aisoc_get_alert'));
    controller.abort();
    await expect(call).rejects.toThrow();
    const [request] = await waitForRequests(sandbox, (items) => items[0]?.aborted === true);
    expect(request).toMatchObject({ method: 'GET', path: `/api/v1/alerts/${alertId}`, tool: 'aisoc_get_alert', aborted: true });
  });

  it('every request names socbridge and the tool', async () => {
    await session.client.callTool({ name: 'aisoc_list_cases', arguments: { limit: 1 } });
    const [request] = await requestsSeen(sandbox);
    expect(request).toMatchObject({ tool: 'aisoc_list_cases', user_agent: expect.stringMatching(/^socbridge\/\d+\.\d+\.\d+/) });
  });

  it('aisoc_run_investigation streams progress in order and returns the verdict', async () => {
    const progress: Array<{ progress: number; message?: string }> = [];
    const result = await session.client.callTool(
      { name: 'aisoc_run_investigation', arguments: { case_id: 'INC-002', wait_seconds: 30 } },
      { onprogress: (p) => progress.push(p), timeout: 60_000 },
    );
    expect(result.isError, textOf(result)).toBeFalsy();
    const out = result.structuredContent as Json;
    expect(out.status).toBe('completed');
    // One notification per ledger event, none lost to the result arriving right behind them.
    const ledger = await sandboxGet<{ total: number }>(sandbox, `/api/v1/investigations/${String(out.run_id)}/events?limit=1000`);
    expect(progress).toHaveLength(ledger.total);
    const values = progress.map((p) => p.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(values.length);
    expect(progress.every((p) => typeof p.message === 'string' && p.message.length > 0)).toBe(true);
  });

  it('a run that outlasts wait_seconds returns the run id and the exact next call', async () => {
    const result = await session.client.callTool({ name: 'aisoc_run_investigation', arguments: { case_id: 'INC-003', wait_seconds: 0 } });
    expect(result.isError, textOf(result)).toBeFalsy();
    const out = result.structuredContent as { status: string; run_id: string; next_call: { tool: string; arguments: Json } };
    expect(out.status).toBe('running');
    expect(out.next_call).toEqual({ tool: 'aisoc_get_investigation', arguments: { run_id: out.run_id } });
  });
});
