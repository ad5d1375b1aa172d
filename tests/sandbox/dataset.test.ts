import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/sandbox/dataset/index.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { call, get } from './client.js';

const SEED = 'dataset-test';
const DOC_IPV4 = /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$/;
const DOC_IPV6 = /^2001:db8:/i;
const INTERNAL = /^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

interface AlertPage {
  items: Array<Record<string, any>>;
  total: number;
  facets: { by_severity: Record<string, number>; by_status: Record<string, number>; unresolved: number };
}

describe('the seeded dataset through the AiSOC face', () => {
  let sandbox: SandboxHandle;
  let alerts: Array<Record<string, any>>;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: SEED });
    const first = await get<AlertPage>(sandbox, '/api/v1/alerts?page_size=200');
    const second = await get<AlertPage>(sandbox, '/api/v1/alerts?page=2&page_size=200');
    alerts = [...first.items, ...second.items];
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('holds at least 200 alerts covering every severity and status', async () => {
    const page = await get<AlertPage>(sandbox, '/api/v1/alerts?page_size=1');
    expect(page.total).toBeGreaterThanOrEqual(200);
    expect(alerts).toHaveLength(page.total);
    for (const severity of ['critical', 'high', 'medium', 'low', 'info']) expect(page.facets.by_severity[severity], severity).toBeGreaterThan(0);
    for (const status of ['new', 'triaging', 'in_progress', 'resolved', 'false_positive', 'closed']) expect(page.facets.by_status[status], status).toBeGreaterThan(0);
    expect(new Set(alerts.map((a) => a.category)).size).toBeGreaterThanOrEqual(8);
  });

  it('maps alerts to real ATT&CK ids and uses documentation addresses and example domains only', async () => {
    for (const alert of alerts) {
      for (const id of alert.mitre_techniques) expect(id).toMatch(/^T\d{4}(\.\d{3})?$/);
      for (const ip of alert.affected_ips) expect(DOC_IPV4.test(ip) || DOC_IPV6.test(ip) || INTERNAL.test(ip), ip).toBe(true);
    }
    const detail = await get(sandbox, `/api/v1/alerts/${alerts[0]!.id}`);
    expect(detail.raw_event).toBeTypeOf('object');
    const dataset = buildDataset(SEED);
    for (const indicator of dataset.alerts.flatMap((a) => a.indicators)) {
      if (indicator.type === 'ip') expect(DOC_IPV4.test(indicator.value) || DOC_IPV6.test(indicator.value) || INTERNAL.test(indicator.value), indicator.value).toBe(true);
      if (indicator.type === 'domain') expect(indicator.value).toMatch(/\.example\.(com|net|org)$|^example\.(com|net|org)$/);
      if (indicator.type === 'hash_sha256') expect(indicator.value).toMatch(/^[0-9a-f]{64}$/);
      if (indicator.type === 'hash_md5') expect(indicator.value).toMatch(/^[0-9a-f]{32}$/);
      expect(indicator.enrichment.length).toBeGreaterThan(0);
    }
    const brute = dataset.alerts.find((a) => a.mitre.some((m) => m.id === 'T1110.001'));
    expect(brute?.mitre.find((m) => m.id === 'T1110.001')).toMatchObject({ name: 'Password Guessing', tactic: 'Credential Access' });
  });

  it('holds at least 30 cases numbered from INC-001, each linking alerts that point back to it', async () => {
    const cases = await get<Array<Record<string, any>>>(sandbox, '/api/v1/cases?limit=500');
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const numbers = cases.map((c) => c.case_number).sort();
    expect(numbers[0]).toBe('INC-001');
    for (const c of cases) {
      expect(c.alert_ids.length).toBeGreaterThan(0);
      expect(c.observable_graph.nodes.length).toBeGreaterThan(0);
      expect(c.evidence_chain.length).toBeGreaterThan(0);
      for (const id of c.alert_ids) expect(alerts.find((a) => a.id === id)?.case_id).toBe(c.id);
    }
  });

  it('holds at least 40 rules in all three languages, built-in and custom', async () => {
    const rules = await get<Array<Record<string, any>>>(sandbox, '/api/v1/rules');
    expect(rules.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rules.map((r) => r.rule_language))).toEqual(new Set(['sigma', 'kql', 'spl']));
    expect(rules.some((r) => r.is_builtin && r.tenant_id === null)).toBe(true);
    expect(rules.some((r) => !r.is_builtin && r.tenant_id !== null)).toBe(true);
    const custom = await get<Array<Record<string, any>>>(sandbox, '/api/v1/rules?include_builtin=false');
    expect(custom.every((r) => !r.is_builtin)).toBe(true);
    expect(custom.length).toBeLessThan(rules.length);
  });

  it('holds at least 8 investigation runs, completed, failed and running, with ledgers and artifacts', async () => {
    const runs = await get<Array<Record<string, any>>>(sandbox, '/api/v1/investigations?limit=200');
    expect(runs.length).toBeGreaterThanOrEqual(8);
    expect(new Set(runs.map((r) => r.status))).toEqual(new Set(['completed', 'failed', 'running']));
    for (const run of runs.filter((r) => r.status === 'failed')) expect(run.error).toEqual(expect.any(String));
    const completed = runs.find((r) => r.status === 'completed')!;
    const detail = await get(sandbox, `/api/v1/investigations/${completed.id}`);
    expect(detail.event_count).toBeGreaterThanOrEqual(6);
    expect(detail.artifact_count).toBeGreaterThan(0);
    const events = await get(sandbox, `/api/v1/investigations/${completed.id}/events`);
    expect(events.items.at(-1).kind).toBe('report');
  });

  it('serves replay reports, the action catalog, audit entries and the lake schema', async () => {
    const evaluations = await get<Array<Record<string, any>>>(sandbox, '/api/v1/evaluations/replay');
    const completed = evaluations.find((e) => e.status === 'completed')!;
    expect((await get(sandbox, `/api/v1/evaluations/replay/${completed.id}`)).report_markdown).toMatch(/^# Replay evaluation/);
    const catalog = await get(sandbox, '/api/v1/live-actions');
    expect(catalog.vendors.length).toBeGreaterThan(5);
    expect(catalog.capabilities).toContain('isolate_host');
    expect((await get(sandbox, '/api/v1/audit')).total).toBeGreaterThan(50);
    const schema = await get(sandbox, '/api/v1/lake/schema');
    expect(schema.tables.map((t: { table: string }) => t.table)).toEqual(expect.arrayContaining(['aisoc.auth_events', 'aisoc.process_events', 'aisoc.network_flows', 'aisoc.dns_queries', 'aisoc.alerts']));
  });

  it('never exposes the other tenant', async () => {
    const dataset = buildDataset(SEED);
    const [mine, theirs] = dataset.tenants;
    expect(new Set(alerts.map((a) => a.tenant_id))).toEqual(new Set([mine!.id]));
    const foreignAlert = dataset.alerts.find((a) => a.tenantId === theirs!.id)!;
    expect((await call(sandbox, 'GET', `/api/v1/alerts/${foreignAlert.id}`)).status).toBe(404);
    const foreignCase = dataset.cases.find((c) => c.tenantId === theirs!.id)!;
    expect((await call(sandbox, 'GET', `/api/v1/cases/${foreignCase.id}`)).json).toEqual({ detail: 'Case not found.' });
    // Both tenants have an INC-001; the key's tenant gets its own.
    const inc = await get(sandbox, '/api/v1/cases/INC-001');
    expect(inc.id).toBe(dataset.cases.find((c) => c.tenantId === mine!.id && c.caseNumber === 'INC-001')!.id);
    const foreignRun = dataset.runs.find((r) => r.tenantId === theirs!.id)!;
    expect((await call(sandbox, 'GET', `/api/v1/investigations/${foreignRun.id}`)).json).toEqual({ detail: 'Investigation run not found' });
    const foreignRule = dataset.rules.find((r) => r.tenantId === theirs!.id)!;
    expect((await call(sandbox, 'GET', `/api/v1/rules/${foreignRule.id}`)).json).toEqual({ detail: 'Rule not found' });
    const rows = (await call(sandbox, 'POST', '/api/v1/lake/sql', { body: { sql: 'SELECT DISTINCT tenant_id FROM alerts' } })).json as { rows: unknown[][] };
    expect(rows.rows).toEqual([[mine!.id]]);
    // Context documents, workflows and tenants are modelled for the later faces.
    expect(dataset.contextDocuments.filter((d) => d.tenantId === mine!.id).length).toBeGreaterThan(3);
    expect(new Set(dataset.workflows.map((w) => w.approvalMode))).toEqual(new Set(['always', 'agent_only', 'never']));
  });
});
