import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { call, get } from './client.js';

describe('alerts and cases: paging, filters and lookups', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'paging-test' });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('pages alerts newest first with consistent totals', async () => {
    const all = await get(sandbox, '/api/v1/alerts?page_size=200');
    const rest = await get(sandbox, '/api/v1/alerts?page=2&page_size=200');
    const items = [...all.items, ...rest.items];
    expect(items).toHaveLength(all.total);
    const created = items.map((a: { created_at: string }) => a.created_at);
    expect(created).toEqual([...created].sort().reverse());
    const page3 = await get(sandbox, '/api/v1/alerts?page=3&page_size=7');
    expect(page3).toMatchObject({ page: 3, page_size: 7, total: all.total, pages: Math.ceil(all.total / 7) });
    expect(page3.items.map((a: { id: string }) => a.id)).toEqual(items.slice(14, 21).map((a: { id: string }) => a.id));
    const past = await get(sandbox, `/api/v1/alerts?page=${all.pages + 5}&page_size=200`);
    expect(past.items).toEqual([]);
  });

  it('filters alerts and counts facets over the other filters', async () => {
    const base = await get(sandbox, '/api/v1/alerts?page_size=1');
    const high = await get(sandbox, '/api/v1/alerts?severity=high&page_size=200');
    expect(high.total).toBe(base.facets.by_severity.high);
    expect(high.items.every((a: { severity: string }) => a.severity === 'high')).toBe(true);
    expect(high.facets).toEqual(base.facets);
    const sum = (o: Record<string, number>) => Object.values(o).reduce((x, y) => x + y, 0);
    expect(sum(base.facets.by_severity)).toBe(base.total);
    expect(sum(base.facets.by_status)).toBe(base.total);
    expect(base.facets.unresolved).toBe(base.facets.by_status.new + base.facets.by_status.triaging + base.facets.by_status.in_progress);

    const open = await get(sandbox, '/api/v1/alerts?status=new&category=identity&page_size=200');
    expect(open.items.every((a: { status: string; category: string }) => a.status === 'new' && a.category === 'identity')).toBe(true);
    const confident = await get(sandbox, '/api/v1/alerts?min_confidence=80&confidence_label=high&page_size=200');
    expect(confident.items.every((a: { confidence: number; confidence_label: string }) => a.confidence >= 80 && a.confidence_label === 'high')).toBe(true);

    const sample = base.items[0];
    const ip = sample.affected_ips.at(-1);
    const found = await get(sandbox, `/api/v1/alerts?search=${encodeURIComponent(ip)}&page_size=200`);
    expect(found.items.map((a: { id: string }) => a.id)).toContain(sample.id);
    expect((await get(sandbox, '/api/v1/alerts?search=no-such-thing-anywhere')).total).toBe(0);
    const mine = await get(sandbox, '/api/v1/alerts?assigned_to_me=true&page_size=200');
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBeLessThan(base.total);
  });

  it('rejects bad parameters with FastAPI validation errors', async () => {
    expect((await call(sandbox, 'GET', '/api/v1/alerts?page=0')).json).toEqual({
      detail: [{ type: 'greater_than_equal', loc: ['query', 'page'], msg: 'Input should be greater than or equal to 1', input: '0', ctx: { ge: 1 } }],
    });
    expect((await call(sandbox, 'GET', '/api/v1/alerts?page_size=201&page=x')).json).toEqual({
      detail: [
        { type: 'int_parsing', loc: ['query', 'page'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'x' },
        { type: 'less_than_equal', loc: ['query', 'page_size'], msg: 'Input should be less than or equal to 200', input: '201', ctx: { le: 200 } },
      ],
    });
    expect(await call(sandbox, 'GET', '/api/v1/alerts?confidence_label=extreme')).toMatchObject({ status: 400, json: { detail: 'confidence_label must be one of: high, medium, low' } });
    const notUuid = await call(sandbox, 'GET', '/api/v1/alerts/not-a-uuid');
    expect(notUuid.status).toBe(422);
    expect(notUuid.json).toMatchObject({ detail: [{ type: 'uuid_parsing', loc: ['path', 'alert_id'] }] });
    expect((await call(sandbox, 'GET', '/api/v1/alerts/00000000-0000-4000-8000-000000000000')).json).toEqual({ detail: 'Alert not found' });
    expect((await call(sandbox, 'GET', '/api/v1/cases?offset=-1')).status).toBe(422);
  });

  it('lists cases as a bare array with limit/offset and filters, and finds them by number', async () => {
    const all = await get<Array<Record<string, any>>>(sandbox, '/api/v1/cases?limit=500');
    const window = await get<Array<Record<string, any>>>(sandbox, '/api/v1/cases?limit=5&offset=3');
    expect(window.map((c) => c.id)).toEqual(all.slice(3, 8).map((c) => c.id));
    const status = all[0]!.status;
    const filtered = await get<Array<Record<string, any>>>(sandbox, `/api/v1/cases?status=${status}&limit=500`);
    expect(filtered.length).toBe(all.filter((c) => c.status === status).length);
    const assignee = all.find((c) => c.assignee)!.assignee;
    const theirs = await get<Array<Record<string, any>>>(sandbox, `/api/v1/cases?assignee=${encodeURIComponent(assignee)}&limit=500`);
    expect(theirs.every((c) => c.assignee === assignee)).toBe(true);

    const inc1 = await get(sandbox, '/api/v1/cases/INC-001');
    expect(inc1.case_number).toBe('INC-001');
    expect(await get(sandbox, `/api/v1/cases/${inc1.id}`)).toEqual(inc1);
    expect(await get(sandbox, `/api/v1/cases/${inc1.id.toUpperCase()}`)).toEqual(inc1);
    for (const id of ['INC-999', '00000000-0000-4000-8000-000000000000', 'inc-001']) {
      expect(await call(sandbox, 'GET', `/api/v1/cases/${id}`), id).toMatchObject({ status: 404, json: { detail: 'Case not found.' } });
    }
    const timeline = await get(sandbox, '/api/v1/cases/INC-001/timeline');
    const stamps = timeline.events.map((e: { timestamp: string }) => e.timestamp);
    expect(stamps).toEqual([...stamps].sort());
    expect(timeline.events).toContainEqual(expect.objectContaining({ id: `case-${inc1.id}-created`, type: 'created', title: 'Case opened' }));
    expect(timeline.events.filter((e: { type: string }) => e.type === 'alert_linked')).toHaveLength(Math.min(25, inc1.alert_ids.length));
  });
});
