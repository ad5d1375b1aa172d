import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { call, eventually, get } from './client.js';

describe('investigation runs', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'runs-test', runStepMs: 5 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('starts a live run that appends events until it completes with a verdict', async () => {
    const target = (await get<Array<{ id: string; case_number: string; status: string }>>(sandbox, '/api/v1/cases?status=new&limit=1'))[0]
      ?? (await get<Array<{ id: string; case_number: string; status: string }>>(sandbox, '/api/v1/cases?limit=1'))[0]!;
    const started = await call(sandbox, 'POST', `/api/v1/cases/${target.case_number}/investigate`, { body: { alert_summary: 'why is this host beaconing?' } });
    expect(started.status).toBe(200);
    expect(started.json).toMatchObject({ case_id: target.id, status: 'running', message: expect.stringContaining(target.case_number) });
    const runId = (started.json as { run_id: string }).run_id;

    // Follow it the way a client does: poll events since the last seq seen.
    const seen: Array<{ seq: number; kind: string }> = [];
    let since = 0;
    const final = await eventually(async () => {
      const page = await get(sandbox, `/api/v1/investigations/${runId}/events?since=${since}`);
      seen.push(...page.items);
      if (page.next_seq !== null) since = page.next_seq;
      const run = await get(sandbox, `/api/v1/investigations/${runId}`);
      return run.status === 'completed' && run.event_count === seen.length ? run : undefined;
    });
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => i + 1));
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(seen.length).toBeLessThanOrEqual(10);
    expect(seen.at(-1)!.kind).toBe('report');
    expect(final.completed_at).not.toBeNull();
    expect(final.alert_summary).toMatch(/^why is this host beaconing\?/);
    const report = await get(sandbox, `/api/v1/investigations/${runId}/explain?step=${seen.length}`);
    expect(report.next).toBeNull();
    expect(report.focus.payload.verdict).toEqual(expect.any(String));
    expect(report.artifacts[0]).toMatchObject({ kind: 'report_md', content: expect.stringContaining(target.case_number) });

    const caseNow = await get(sandbox, `/api/v1/cases/${target.id}`);
    if (target.status === 'new') expect(caseNow.status).toBe('investigating');
    const runs = await get<Array<{ id: string }>>(sandbox, `/api/v1/investigations?case_id=${target.id}`);
    expect(runs.map((r) => r.id)).toContain(runId);
    const audit = await get(sandbox, '/api/v1/audit?action=investigation.start');
    expect(audit.items[0]).toMatchObject({ resource_id: target.id, actor_email: 'dana.whitfield@example.com' });
  });

  it('pages a ledger by seq cursor and explains one step in context', async () => {
    const run = (await get<Array<{ id: string }>>(sandbox, '/api/v1/investigations?status=completed'))[0]!;
    const all = await get(sandbox, `/api/v1/investigations/${run.id}/events`);
    const first = await get(sandbox, `/api/v1/investigations/${run.id}/events?limit=2`);
    expect(first).toMatchObject({ total: all.total, since: null, next_seq: 2 });
    const rest = await get(sandbox, `/api/v1/investigations/${run.id}/events?since=2`);
    expect(rest.total).toBe(all.total - 2);
    expect([...first.items, ...rest.items]).toEqual(all.items);
    const end = await get(sandbox, `/api/v1/investigations/${run.id}/events?since=${all.total}`);
    expect(end).toMatchObject({ items: [], total: 0, next_seq: null });

    const middle = await get(sandbox, `/api/v1/investigations/${run.id}/explain?step=2`);
    expect([middle.previous.seq, middle.focus.seq, middle.next.seq]).toEqual([1, 2, 3]);
    expect((await call(sandbox, 'GET', `/api/v1/investigations/${run.id}/explain?step=0`)).json).toEqual({ detail: 'No event with seq=0 for this run' });
    expect((await call(sandbox, 'GET', `/api/v1/investigations/${run.id}/explain?step=-1`)).status).toBe(422);
    expect((await call(sandbox, 'GET', `/api/v1/investigations/${run.id}/explain`)).json).toEqual({ detail: [{ type: 'missing', loc: ['query', 'step'], msg: 'Field required', input: null }] });
  });

  it('refuses to investigate an unknown case and requires a body', async () => {
    expect(await call(sandbox, 'POST', '/api/v1/cases/INC-999/investigate', { body: {} })).toMatchObject({ status: 404, json: { detail: 'Case not found.' } });
    expect((await call(sandbox, 'POST', '/api/v1/cases/INC-001/investigate')).json).toEqual({ detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }] });
  });
});
