import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { path } from '../../src/http/path.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { call } from './client.js';

interface Summary {
  uuid: string;
  title: string;
  severity: string;
  status: string;
  source_name: string;
  enrichment_status: string;
  is_enriched: boolean;
  occurred_at: string;
  created_at: string;
  tags: string[];
  close_classification: string | null;
}
interface AlertPage {
  data: Summary[];
  meta: { total: number; page: number; page_size: number; total_pages: number };
}

const SEVERITY_ORDER = ['Critical', 'High', 'Informational', 'Low', 'Medium', 'Pending'];

describe('the Calseta face: alerts', () => {
  let sandbox: SandboxHandle;
  let all: Summary[];

  async function get<T>(url: string, key = sandbox.calsetaKeys.admin): Promise<T> {
    const reply = await call(sandbox, 'GET', url, { key });
    if (reply.status !== 200) throw new Error(`GET ${url} → ${reply.status}: ${reply.text}`);
    return reply.json as T;
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'calseta-alerts' });
    all = (await get<AlertPage>('/v1/alerts?page_size=500')).data;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('serves the same alerts as the AiSOC face, under the same ids, plus the five real vendor fixtures', async () => {
    const aisoc = await call(sandbox, 'GET', '/api/v1/alerts?page_size=200', { key: sandbox.keys.full });
    const aisocPage2 = await call(sandbox, 'GET', '/api/v1/alerts?page=2&page_size=200', { key: sandbox.keys.full });
    const aisocIds = [...(aisoc.json as { items: Array<{ id: string }> }).items, ...(aisocPage2.json as { items: Array<{ id: string }> }).items].map((a) => a.id);
    const calsetaIds = new Set(all.map((a) => a.uuid));
    for (const id of aisocIds) expect(calsetaIds.has(id), id).toBe(true);
    expect(all.length).toBe(aisocIds.length + 5);

    const fixtures = all.filter((a) => !aisocIds.includes(a.uuid));
    expect(fixtures.map((a) => a.source_name).sort()).toEqual(['elastic', 'elastic', 'sentinel', 'sentinel', 'splunk']);
    const tor = fixtures.find((a) => a.title === 'Brute force sign-in attempts from TOR network detected');
    expect(tor).toMatchObject({ severity: 'High', status: 'Open', occurred_at: '2026-03-01T14:23:11.000Z' });
    expect(tor?.tags).toEqual(expect.arrayContaining(['TOR', 'BruteForce', 'T1110.001']));
    const detail = await get<{ data: Record<string, any>; meta: Record<string, any> }>(path`/v1/alerts/${tor!.uuid}`);
    expect(detail.data.raw_payload.properties.incidentNumber).toBe(48291);
    const ip = detail.data.indicators.find((i: { value: string }) => i.value === '185.220.101.34');
    expect(ip).toMatchObject({ type: 'ip', malice: 'Malicious', is_enriched: true });
    expect(Object.keys(ip.enrichment_results).sort()).toEqual(['abuseipdb', 'greynoise', 'virustotal']);
    expect(detail.data.indicators.map((i: { type: string; value: string }) => `${i.type}:${i.value}`)).toContain('account:j.martinez@contoso.com');
    expect(detail.data.malice).toBe('Malicious');
    expect(detail.data.detection_rule?.name).toBe('Brute Force Sign-ins From Anonymising Infrastructure');
    expect(detail.meta).toMatchObject({ alert_source: 'sentinel', indicator_count: detail.data.indicators.length, detection_rule_matched: true, context_documents_applied: detail.data.context_documents.length });
    expect(detail.data.context_documents.length).toBeGreaterThan(0);
    const splunk = fixtures.find((a) => a.source_name === 'splunk')!;
    const splunkDetail = await get<{ data: { indicators: Array<{ value: string; enrichment_results: Record<string, { status: string }> }> } }>(path`/v1/alerts/${splunk.uuid}`);
    expect(splunkDetail.data.indicators.find((i) => i.value === '10.0.8.55')?.enrichment_results).toEqual({ _validation: expect.objectContaining({ status: 'skipped' }) });
  });

  it('pages 1–500 at 50 by default, newest occurrence first', async () => {
    const first = await get<AlertPage>('/v1/alerts');
    expect(first.meta).toEqual({ total: all.length, page: 1, page_size: 50, total_pages: Math.ceil(all.length / 50) });
    expect(first.data).toEqual(all.slice(0, 50));
    const times = all.map((a) => Date.parse(a.occurred_at));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const third = await get<AlertPage>('/v1/alerts?page=3&page_size=7');
    expect(third.data).toEqual(all.slice(14, 21));
    const beyond = await get<AlertPage>(`/v1/alerts?page=${all.length + 1}&page_size=1`);
    expect(beyond.data).toEqual([]);
    for (const bad of ['page=0', 'page_size=0', 'page_size=501', 'page=x']) expect((await call(sandbox, 'GET', `/v1/alerts?${bad}`, { key: sandbox.calsetaKeys.admin })).status, bad).toBe(422);
  });

  it('filters by comma-separated values, booleans, times and repeated tags', async () => {
    const multi = (await get<AlertPage>('/v1/alerts?status=Open,Triaging&severity=High,Critical&page_size=500')).data;
    expect(multi).toEqual(all.filter((a) => ['Open', 'Triaging'].includes(a.status) && ['High', 'Critical'].includes(a.severity)));
    expect(multi.length).toBeGreaterThan(0);
    const sources = (await get<AlertPage>('/v1/alerts?source_name=splunk,elastic&page_size=500')).data;
    expect(sources).toEqual(all.filter((a) => a.source_name === 'splunk' || a.source_name === 'elastic'));
    const pending = (await get<AlertPage>('/v1/alerts?enrichment_status=Pending&page_size=500')).data;
    expect(pending).toEqual(all.filter((a) => a.enrichment_status === 'Pending'));
    const notEnriched = (await get<AlertPage>('/v1/alerts?is_enriched=false&page_size=500')).data;
    expect(notEnriched).toEqual(all.filter((a) => !a.is_enriched));
    const window = (await get<AlertPage>('/v1/alerts?from_time=2026-10-25T00:00:00Z&to_time=2026-10-30T00:00:00Z&page_size=500')).data;
    expect(window).toEqual(all.filter((a) => a.occurred_at >= '2026-10-25T00:00:00.000Z' && a.occurred_at <= '2026-10-30T00:00:00.000Z'));
    expect(window.length).toBeGreaterThan(0);
    const [tagA, tagB] = all.find((a) => a.tags.length >= 2)!.tags;
    const tagged = (await get<AlertPage>(`/v1/alerts?tags=${encodeURIComponent(tagA!)}&tags=${encodeURIComponent(tagB!)}&page_size=500`)).data;
    expect(tagged).toEqual(all.filter((a) => a.tags.includes(tagA!) && a.tags.includes(tagB!)));
    const detail = await get<{ data: { detection_rule: { uuid: string } | null } }>(path`/v1/alerts/${all[0]!.uuid}`);
    const ruleId = detail.data.detection_rule!.uuid;
    const byRule = (await get<AlertPage>(`/v1/alerts?detection_rule_uuid=${ruleId}&page_size=500`)).data;
    expect(byRule.map((a) => a.uuid)).toContain(all[0]!.uuid);
  });

  it('sorts by each whitelisted field and refuses others with 400', async () => {
    const byTitle = (await get<AlertPage>('/v1/alerts?sort_by=title&sort_order=asc&page_size=500')).data.map((a) => a.title);
    expect(byTitle).toEqual([...byTitle].sort((x, y) => x.localeCompare(y)));
    const bySeverity = (await get<AlertPage>('/v1/alerts?sort_by=severity&sort_order=asc&page_size=500')).data.map((a) => SEVERITY_ORDER.indexOf(a.severity));
    expect(bySeverity).toEqual([...bySeverity].sort((x, y) => x - y));
    const created = (await get<AlertPage>('/v1/alerts?sort_by=created_at&sort_order=asc&page_size=500')).data.map((a) => a.created_at);
    expect(created).toEqual([...created].sort());
    const bad = await call(sandbox, 'GET', '/v1/alerts?sort_by=priority', { key: sandbox.calsetaKeys.admin });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    expect((await call(sandbox, 'GET', '/v1/alerts?sort_order=up', { key: sandbox.calsetaKeys.admin })).status).toBe(400);
  });

  it('PATCH changes state for the sandbox’s lifetime, refuses Closed without a classification, and logs activity', async () => {
    const target = all.find((a) => a.status === 'Open')!;
    const url = path`/v1/alerts/${target.uuid}`;
    const { agent, readOnly } = sandbox.calsetaKeys;

    const refused = await call(sandbox, 'PATCH', url, { key: agent, body: { status: 'Closed' } });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { errors: [expect.objectContaining({ loc: ['body', 'close_classification'] })] } } });
    expect((await call(sandbox, 'PATCH', url, { key: readOnly, body: { status: 'Triaging' } })).status).toBe(403);
    expect((await call(sandbox, 'PATCH', url, { key: agent, body: { status: 'Done' } })).status).toBe(422);

    const triaged = await call(sandbox, 'PATCH', url, { key: agent, body: { status: 'Triaging', severity: 'Pending', tags: ['sandbox-test'], malice_override: 'Benign' } });
    expect(triaged.status).toBe(200);
    expect(triaged.json).toMatchObject({ data: { status: 'Triaging', severity: 'Pending', tags: ['sandbox-test'], malice: 'Benign', malice_override: 'Benign', malice_override_source: 'analyst' } });
    expect((await get<{ data: Summary }>(url)).data).toMatchObject({ status: 'Triaging', severity: 'Pending' });
    expect((await get<AlertPage>('/v1/alerts?tags=sandbox-test')).data.map((a) => a.uuid)).toEqual([target.uuid]);

    const closed = await call(sandbox, 'PATCH', url, { key: agent, body: { status: 'Closed', close_classification: 'False Positive - Incorrect Detection Logic', reset_malice_override: true } });
    expect(closed.json).toMatchObject({ data: { status: 'Closed', close_classification: 'False Positive - Incorrect Detection Logic', malice_override: null } });
    expect((closed.json as { data: { closed_at: string | null } }).data.closed_at).not.toBeNull();
    // The AiSOC face serves the same alert, so it sees the close too.
    const aisoc = await call(sandbox, 'GET', path`/api/v1/alerts/${target.uuid}`, { key: sandbox.keys.full });
    expect(aisoc.json).toMatchObject({ status: 'false_positive' });

    const activity = await get<{ data: Array<{ event_type: string; actor_key_prefix: string | null; references: Record<string, unknown> }>; meta: { total: number } }>(`${url}/activity`);
    expect(activity.data.slice(0, 4).map((e) => e.event_type)).toEqual(['alert_malice_updated', 'alert_closed', 'alert_malice_updated', 'alert_severity_updated']);
    expect(activity.data[1]).toMatchObject({ actor_key_prefix: agent.slice(0, 8), references: { close_classification: 'False Positive - Incorrect Detection Logic' } });
    expect(activity.data.at(-1)?.event_type).toBe('alert_ingested');
    const paged = await get<{ data: unknown[]; meta: { total: number; page_size: number } }>(`${url}/activity?page=2&page_size=2`);
    expect(paged.meta).toMatchObject({ total: activity.meta.total, page_size: 2 });
    expect(paged.data).toEqual(activity.data.slice(2, 4));
  });

  it('posts and lists findings, which show in the alert detail', async () => {
    const target = all[1]!;
    const url = path`/v1/alerts/${target.uuid}/findings`;
    expect((await get<{ data: unknown[] }>(url)).data).toEqual([]);
    const body = { agent_name: 'triage-agent', summary: 'Source IP is a known Tor exit.', confidence: 'high', recommended_action: 'Block the IP', evidence: { abuseipdb_score: 100 } };
    const posted = await call(sandbox, 'POST', url, { key: sandbox.calsetaKeys.agent, body });
    expect(posted.status).toBe(201);
    const finding = (posted.json as { data: Record<string, unknown> }).data;
    expect(finding).toMatchObject({ ...body, id: expect.any(String), posted_at: expect.any(String) });
    expect((await get<{ data: unknown[] }>(url)).data).toEqual([finding]);
    expect((await get<{ data: { agent_findings: unknown[] } }>(path`/v1/alerts/${target.uuid}`)).data.agent_findings).toEqual([finding]);
    for (const bad of [{ summary: 'no agent' }, { agent_name: '', summary: 'x' }, { agent_name: 'a', summary: 'x', confidence: 'certain' }, { agent_name: 'a', summary: 'x', evidence: { blob: 'x'.repeat(70_000) } }]) {
      expect((await call(sandbox, 'POST', url, { key: sandbox.calsetaKeys.agent, body: bad })).status, JSON.stringify(bad).slice(0, 60)).toBe(422);
    }
    expect((await call(sandbox, 'POST', url, { key: sandbox.calsetaKeys.readOnly, body })).status).toBe(403);
  });

  it('serves an alert’s context documents and indicators, and 404s for another tenant’s or unknown alert', async () => {
    const target = all[2]!;
    const detail = await get<{ data: { indicators: unknown[]; context_documents: unknown[] } }>(path`/v1/alerts/${target.uuid}`);
    expect((await get<{ data: unknown[] }>(path`/v1/alerts/${target.uuid}/indicators`)).data).toEqual(detail.data.indicators);
    expect((await get<{ data: unknown[] }>(path`/v1/alerts/${target.uuid}/context`)).data).toEqual(detail.data.context_documents);
    const missing = await call(sandbox, 'GET', '/v1/alerts/00000000-0000-4000-8000-000000000000', { key: sandbox.calsetaKeys.admin });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
