import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { path } from '../../src/http/path.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { call, eventually } from './client.js';

interface Workflow {
  uuid: string;
  name: string;
  approval_mode: 'always' | 'agent_only' | 'never';
  is_active: boolean;
  state: string;
  code?: string;
}
interface Run {
  uuid: string;
  status: string;
  trigger_type: string;
  trigger_context: Record<string, unknown>;
  started_at: string | null;
  completed_at: string | null;
}

/** Enrichment, reference material, workflows and their runs, through the Calseta face. */
describe('the Calseta face: enrichment, catalog and workflows', () => {
  let sandbox: SandboxHandle;
  let workflows: Workflow[];

  async function get<T>(url: string, key = sandbox.calsetaKeys.admin): Promise<T> {
    const reply = await call(sandbox, 'GET', url, { key });
    if (reply.status !== 200) throw new Error(`GET ${url} → ${reply.status}: ${reply.text}`);
    return reply.json as T;
  }
  const execute = (workflow: Workflow, key: string, body: Record<string, unknown>) => call(sandbox, 'POST', path`/v1/workflows/${workflow.uuid}/execute`, { key, body });
  const justified = { indicator_type: 'ip', indicator_value: '203.0.113.77', reason: 'Beaconing to a C2 address', confidence: 0.92 };

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'calseta-workflows', runStepMs: 10 });
    workflows = (await get<{ data: Workflow[] }>('/v1/workflows')).data;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('skips enrichment of private IPs and internal domains, and enriches public values per provider', async () => {
    const enrich = (type: string, value: string) => call(sandbox, 'POST', '/v1/enrichments', { key: sandbox.calsetaKeys.readOnly, body: { type, value } });
    for (const [type, value] of [['ip', '10.20.30.40'], ['ip', '192.168.0.9'], ['ip', '172.16.4.4'], ['ip', 'fe80::1'], ['domain', 'dc01.corp.local'], ['domain', 'intranet']]) {
      const reply = await enrich(type!, value!);
      expect(reply.status).toBe(200);
      expect(reply.json, value).toMatchObject({ data: { type, value, results: { _validation: { status: 'skipped' } } } });
      expect(Object.keys((reply.json as { data: { results: object } }).data.results)).toEqual(['_validation']);
    }
    const known = await get<{ data: Array<{ indicators: Array<{ type: string; value: string; enrichment_results: Record<string, { status: string }> }> }> }>('/v1/alerts?page_size=1');
    const publicIp = await enrich('ip', '198.51.100.200');
    const results = (publicIp.json as { data: { results: Record<string, { status: string; success: boolean; cache_hit: boolean }> } }).data.results;
    expect(Object.keys(results).sort()).toEqual(['abuseipdb', 'greynoise', 'virustotal']);
    for (const result of Object.values(results)) expect(result.success).toBe(result.status === 'success');
    expect(known.data).toHaveLength(1);
    expect((await enrich('hostname', 'x')).status).toBe(422);
    expect((await enrich('ip', '')).status).toBe(422);
  });

  it('lists enrichment providers with the indicator types each supports', async () => {
    const { data } = await get<{ data: Array<{ provider_name: string; supported_types: string[]; is_configured: boolean }> }>('/v1/enrichments/providers', sandbox.calsetaKeys.readOnly);
    expect(data.find((p) => p.provider_name === 'abuseipdb')).toMatchObject({ supported_types: ['ip'], is_configured: true });
    expect(data.find((p) => p.provider_name === 'virustotal')?.supported_types).toEqual(expect.arrayContaining(['ip', 'domain', 'hash_sha256', 'url']));
  });

  it('lists detection rules and context documents with filters, details add what lists omit', async () => {
    const rules = await get<{ data: Array<{ uuid: string; source_name: string; is_active: boolean; mitre_techniques: string[]; documentation: string }>; meta: { total: number } }>('/v1/detection-rules?page_size=500');
    expect(rules.meta.total).toBeGreaterThan(20);
    const sentinel = await get<{ data: Array<{ source_name: string; is_active: boolean }> }>('/v1/detection-rules?source_name=sentinel&is_active=true&page_size=500');
    expect(sentinel.data.length).toBeGreaterThan(0);
    for (const rule of sentinel.data) expect(rule).toMatchObject({ source_name: 'sentinel', is_active: true });
    expect((await get<{ data: unknown }>(path`/v1/detection-rules/${rules.data[0]!.uuid}`)).data).toEqual(rules.data[0]);

    const docs = await get<{ data: Array<Record<string, unknown>> }>('/v1/context-documents');
    expect(docs.data.length).toBeGreaterThan(3);
    for (const doc of docs.data) expect(doc).not.toHaveProperty('content');
    const runbooks = await get<{ data: Array<{ document_type: string }> }>('/v1/context-documents?document_type=runbook');
    expect(runbooks.data.length).toBeGreaterThan(0);
    for (const doc of runbooks.data) expect(doc.document_type).toBe('runbook');
    const detail = await get<{ data: { content: string; targeting_rules: unknown } }>(path`/v1/context-documents/${String(docs.data[0]!.uuid)}`);
    expect(detail.data.content).toMatch(/^# /);
    expect(detail.data).toHaveProperty('targeting_rules');
  });

  it('lists workflows without code; the detail adds code and approval settings', async () => {
    expect(workflows.length).toBeGreaterThan(3);
    for (const wf of workflows) expect(wf).not.toHaveProperty('code');
    const detail = await get<{ data: Record<string, unknown> }>(path`/v1/workflows/${workflows[0]!.uuid}`, sandbox.calsetaKeys.readOnly);
    expect(detail.data).toMatchObject({ code: expect.stringContaining('async def run'), approval_timeout_seconds: expect.any(Number), timeout_seconds: expect.any(Number) });
    const active = await get<{ data: Workflow[] }>('/v1/workflows?is_active=true&workflow_type=indicator');
    expect(active.data.length).toBeGreaterThan(0);
    for (const wf of active.data) expect(wf.is_active).toBe(true);
  });

  it('queues a run, or asks for approval when the workflow’s mode requires it', async () => {
    const { admin, agent } = sandbox.calsetaKeys;
    const never = workflows.find((w) => w.is_active && w.approval_mode === 'never')!;
    const always = workflows.find((w) => w.is_active && w.approval_mode === 'always')!;
    const agentOnly = workflows.find((w) => w.is_active && w.approval_mode === 'agent_only')!;

    const queued = await execute(never, agent, justified);
    expect(queued.status).toBe(202);
    expect(queued.json).toEqual({ data: { run_uuid: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'queued' }, meta: {} });

    const pending = await execute(always, admin, justified);
    expect(pending.status).toBe(202);
    expect(pending.json).toEqual({ data: { status: 'pending_approval', approval_request_uuid: expect.any(String), expires_at: expect.any(String) } });

    // agent_only: an agent key waits for a human, a human key runs straight away.
    expect((await execute(agentOnly, agent, justified)).json).toMatchObject({ data: { status: 'pending_approval' } });
    expect((await execute(agentOnly, admin, { indicator_type: 'ip', indicator_value: '203.0.113.77' })).json).toMatchObject({ data: { status: 'queued' } });
  });

  it('requires reason and confidence from agent keys, and refuses inactive workflows', async () => {
    const never = workflows.find((w) => w.is_active && w.approval_mode === 'never')!;
    const bare = await execute(never, sandbox.calsetaKeys.agent, { indicator_type: 'ip', indicator_value: '203.0.113.77' });
    expect(bare.status).toBe(422);
    expect(bare.json).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { errors: [{ loc: ['body', 'reason'] }, { loc: ['body', 'confidence'] }] } } });
    expect((await execute(never, sandbox.calsetaKeys.agent, { ...justified, confidence: 1.5 })).status).toBe(422);
    expect((await execute(never, sandbox.calsetaKeys.readOnly, justified)).status).toBe(403);
    const inactive = workflows.find((w) => !w.is_active)!;
    const refused = await execute(inactive, sandbox.calsetaKeys.admin, justified);
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error: { code: 'WORKFLOW_NOT_EXECUTABLE' } });
  });

  it('moves a run from queued through running to success, failed or timed_out', async () => {
    const never = workflows.find((w) => w.is_active && w.approval_mode === 'never')!;
    const alert = (await get<{ data: Array<{ uuid: string }> }>('/v1/alerts?page_size=1')).data[0]!;
    const started = await execute(never, sandbox.calsetaKeys.agent, { ...justified, alert_uuid: alert.uuid });
    const runId = (started.json as { data: { run_uuid: string } }).data.run_uuid;
    const runs = async () => (await get<{ data: Run[] }>(path`/v1/workflow-runs?workflow_uuid=${never.uuid}&page_size=500`)).data;
    const first = (await runs()).find((r) => r.uuid === runId);
    expect(first).toMatchObject({ status: 'queued', started_at: null, completed_at: null, trigger_type: 'agent', trigger_context: { alert_uuid: alert.uuid, reason: justified.reason } });
    const done = await eventually(async () => {
      const run = (await runs()).find((r) => r.uuid === runId);
      return run && ['success', 'failed', 'timed_out'].includes(run.status) ? run : undefined;
    });
    expect(done.started_at).not.toBeNull();
    expect(done.completed_at! >= done.started_at!).toBe(true);
    const byStatus = await get<{ data: Run[] }>(`/v1/workflow-runs?status=${done.status}&page_size=500`);
    expect(byStatus.data.map((r) => r.uuid)).toContain(runId);
    for (const run of byStatus.data) expect(run.status).toBe(done.status);
    const activity = await get<{ data: Array<{ event_type: string; references: Record<string, unknown> }> }>(path`/v1/alerts/${alert.uuid}/activity`);
    expect(activity.data[0]).toMatchObject({ event_type: 'workflow_executed', references: { run_uuid: runId } });
  });

  it('limits workflow execution to 30 a minute per key', async () => {
    const never = workflows.find((w) => w.is_active && w.approval_mode === 'never')!;
    const key = sandbox.calsetaKeys.alertsRead; // no execute scope: refused, but every attempt counts
    for (let i = 0; i < 30; i++) expect((await execute(never, key, justified)).status).toBe(403);
    const limited = await execute(never, key, justified);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('summarises 30 days of alerts, workflows and queues', async () => {
    const summary = await get<{ data: { period: string; alerts: { total: number; by_status: Record<string, number> }; workflows: { executions: number }; platform: { workflows: number } } }>('/v1/metrics/summary', sandbox.calsetaKeys.alertsRead);
    expect(summary.data.period).toBe('last_30_days');
    expect(Object.values(summary.data.alerts.by_status).reduce((s, n) => s + n, 0)).toBe(summary.data.alerts.total);
    expect(summary.data.platform.workflows).toBe(workflows.length);
    expect(summary.data.workflows.executions).toBeGreaterThan(0);
    const week = await get<{ data: { total_alerts: number; alerts_over_time: Array<{ date: string; count: number }> } }>('/v1/metrics/alerts?from_time=2026-10-25T00:00:00Z&to_time=2026-11-01T00:00:00Z');
    expect(week.data.alerts_over_time.reduce((s, d) => s + d.count, 0)).toBe(week.data.total_alerts);
    expect(week.data.alerts_over_time.every((d) => d.date >= '2026-10-25' && d.date <= '2026-11-01')).toBe(true);
    expect((await call(sandbox, 'GET', '/v1/metrics/alerts?from_time=2026-11-01T00:00:00Z&to_time=2026-10-01T00:00:00Z', { key: sandbox.calsetaKeys.admin })).status).toBe(422);
  });
});
