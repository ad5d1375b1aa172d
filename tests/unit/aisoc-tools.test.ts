import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { aisocConnector } from '../../src/connectors/aisoc/index.js';
import { ToolInputError } from '../../src/connectors/errors.js';
import type { AnyToolSpec, ToolContext } from '../../src/connectors/types.js';
import { BackendClient } from '../../src/http/client.js';
import { createTransport } from '../../src/http/transport.js';
import { BackendError } from '../../src/http/errors.js';
import { silentLogger } from '../../src/server/logger.js';
import { json, startTestServer, type TestServer } from '../helpers/http-server.js';

/**
 * The AiSOC tools against a scripted AiSOC on 127.0.0.1: the requests they make, and how they
 * shape what comes back. Response bodies follow the shapes in AiSOC's OpenAPI spec.
 */

type Route = (ctx: { url: URL; body: unknown; n: number }) => [number, unknown];

let server: TestServer | undefined;
const clients: BackendClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.destroy()));
  await server?.close();
  server = undefined;
});

async function backend(routes: Record<string, Route>): Promise<TestServer> {
  const counts = new Map<string, number>();
  server = await startTestServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const key = `${req.method} ${url.pathname.replace(/^\/api\/v1/, '')}`;
      const route = Object.entries(routes).find(([pattern]) => new RegExp(`^${pattern}$`).test(key));
      if (!route) return json(res, 404, { detail: 'Not Found' });
      const n = (counts.get(route[0]) ?? 0) + 1;
      counts.set(route[0], n);
      const [status, payload] = route[1]({ url, body, n });
      json(res, status, payload);
    });
  });
  return server;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

interface Progress {
  progress: number;
  message?: string;
}

function context(url: string, options: { signal?: AbortSignal; progress?: Progress[] } = {}): ToolContext {
  const signal = options.signal ?? new AbortController().signal;
  const client = new BackendClient({
    label: aisocConnector.label,
    baseUrl: url,
    apiPrefix: aisocConnector.apiPrefix,
    authHeaders: aisocConnector.authHeaders('aisoc_0123456789abcdef0123456789abcdef0123456789abcdef'),
    timeoutMs: 5000,
    maxResponseBytes: 1024 * 1024,
    transport: createTransport({ env: {} }),
    logger: silentLogger,
    errorMessage: aisocConnector.errorMessage,
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
  });
  clients.push(client);
  return {
    http: client.bind({ tool: 'test', signal }),
    signal,
    log: silentLogger,
    progress: async (progress, _total, message) => {
      options.progress?.push({ progress, message });
    },
  };
}

function tool(name: string): AnyToolSpec {
  const spec = aisocConnector.tools.find((t) => t.name === name);
  if (!spec) throw new Error(`no tool ${name}`);
  return spec;
}

/** Runs a tool the way the server does: arguments validated (defaults applied) first. */
async function call(name: string, args: Record<string, unknown>, ctx: ToolContext): Promise<Record<string, unknown>> {
  const spec = tool(name);
  return spec.run(spec.input.parse(args), ctx) as Promise<Record<string, unknown>>;
}

const ALERT_ID = '6f0c2a52-0d5e-4c3e-9a43-1b8f3c1d2e01';
const CASE_UUID = '0b7c9d1e-2f3a-4b5c-8d6e-7f8091a2b3c4';
const RUN_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

function alert(overrides: Record<string, unknown> = {}) {
  return {
    id: ALERT_ID, tenant_id: '00000000-0000-0000-0000-000000000001', title: 'Password spraying against VPN', description: 'Many failures',
    severity: 'high', status: 'new', priority: 75, category: 'identity', mitre_tactics: ['credential-access'], mitre_techniques: ['T1110.003'],
    connector_type: 'okta', ai_score: null, ai_summary: null, ai_recommendations: [], confidence: 82, confidence_label: 'high',
    confidence_rationale: ['burst of failures'], disposition: null, affected_ips: ['203.0.113.7'],
    affected_hosts: ['vpn-1', 'vpn-2', 'vpn-3', 'vpn-4', 'vpn-5', 'vpn-6', 'vpn-7'], affected_users: ['alice'], case_id: CASE_UUID, tags: [],
    event_time: '2026-11-01T10:00:00Z', first_seen: '2026-11-01T10:00:00Z', last_seen: '2026-11-01T10:05:00Z',
    created_at: '2026-11-01T10:05:00Z', updated_at: '2026-11-01T10:05:00Z', ...overrides,
  };
}

function event(seq: number, overrides: Record<string, unknown> = {}) {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`, run_id: RUN_ID, seq, ts: '2026-11-01T10:10:00Z', kind: 'tool_call',
    agent: 'recon', summary: `step ${seq}`, payload: { query: 'x', result: 'y' }, input_hash: null, output_hash: null, duration_ms: 10, ...overrides,
  };
}

function run(status: string, overrides: Record<string, unknown> = {}) {
  return {
    id: RUN_ID, case_id: 'INC-001', status, model_used: 'gpt-x', iterations: 3, total_tokens: 1200, total_cost_usd: 0,
    measured_call_count: 0, estimated_cost_usd: 0, estimated_call_count: 0, unpriced_call_count: 0,
    started_at: '2026-11-01T10:09:00Z', completed_at: status === 'running' ? null : '2026-11-01T10:12:00Z', error: null,
    alert_summary: 'spray', event_count: 4, artifact_count: 1, model_costs: [], ...overrides,
  };
}

/** `/events?since=N`: the events after N among those visible, the way AiSOC pages its ledger. */
function eventPage(visible: ReturnType<typeof event>[], url: URL): unknown {
  const since = url.searchParams.has('since') ? Number(url.searchParams.get('since')) : undefined;
  const limit = Number(url.searchParams.get('limit') ?? 200);
  const after = visible.filter((e) => since === undefined || e.seq > since);
  const items = after.slice(0, limit);
  return { items, total: after.length, since: since ?? null, next_seq: items.at(-1)?.seq ?? null };
}

describe('aisoc_list_alerts', () => {
  it('passes filters as AiSOC query parameters and returns compact items with the next page', async () => {
    const s = await backend({ 'GET /alerts': () => [200, { items: [alert()], total: 60, page: 2, page_size: 25, pages: 3, facets: { unresolved: 40 } }] });
    const result = await call('aisoc_list_alerts', { page: 2, severity: 'high', confidence_label: 'high' }, context(s.url));
    expect(s.requests[0]!.url).toBe('/api/v1/alerts?page=2&page_size=25&severity=high&confidence_label=high');
    expect(s.requests[0]!.headers.authorization).toBe('Bearer aisoc_0123456789abcdef0123456789abcdef0123456789abcdef');
    expect(result).toMatchObject({ total: 60, page: 2, pages: 3, next_page: 3, truncated: false, facets: { unresolved: 40 } });
    const item = (result.items as Array<Record<string, unknown>>)[0]!;
    expect(item).toMatchObject({ id: ALERT_ID, severity: 'high', confidence: 82, case_id: CASE_UUID });
    expect(item.affected_hosts).toEqual(['vpn-1', 'vpn-2', 'vpn-3', 'vpn-4', 'vpn-5', '…+2 more']);
    expect(item).not.toHaveProperty('tenant_id');
    expect(item).not.toHaveProperty('description');
  });

  it('offers no next page on the last one', async () => {
    const s = await backend({ 'GET /alerts': () => [200, { items: [], total: 60, page: 3, page_size: 25, pages: 3 }] });
    const result = await call('aisoc_list_alerts', { page: 3 }, context(s.url));
    expect(result).not.toHaveProperty('next_page');
  });

  it('refuses a page size above 100 before any request', () => {
    expect(tool('aisoc_list_alerts').input.safeParse({ page_size: 200 }).success).toBe(false);
  });
});

describe('aisoc_list_cases', () => {
  it('offers the next offset only when a full page came back', async () => {
    const cases = Array.from({ length: 3 }, (_, i) => ({ id: `0b7c9d1e-2f3a-4b5c-8d6e-7f8091a2b3c${i}`, case_number: `INC-00${i + 1}`, title: `Case ${i}`, severity: 'high', status: 'open', alert_ids: [ALERT_ID], observable_graph: { nodes: [1] } }));
    const s = await backend({ 'GET /cases': ({ url }) => [200, cases.slice(0, Number(url.searchParams.get('limit')))] });
    const full = await call('aisoc_list_cases', { limit: 2, offset: 4 }, context(s.url));
    expect(s.requests[0]!.url).toBe('/api/v1/cases?limit=2&offset=4');
    expect(full).toMatchObject({ next_cursor: 6, truncated: false });
    expect((full.items as unknown[])[0]).toEqual({ id: cases[0]!.id, case_number: 'INC-001', title: 'Case 0', severity: 'high', status: 'open', alert_count: 1 });
    const short = await call('aisoc_list_cases', { limit: 5 }, context(s.url));
    expect(short).not.toHaveProperty('next_cursor');
  });
});

describe('aisoc_get_alert and aisoc_get_case', () => {
  it('leaves out the raw event unless include_raw, and says so', async () => {
    const rawEvent = { blob: 'x'.repeat(100) };
    const detail = alert({ raw_event: rawEvent, mini_timeline: [{ id: '1', ts: 't', kind: 'audit', agent: 'system', summary: 's', payload: { big: 1 } }] });
    const s = await backend({ [`GET /alerts/${ALERT_ID}`]: () => [200, detail] });
    const lean = await call('aisoc_get_alert', { alert_id: ALERT_ID }, context(s.url));
    expect(lean).not.toHaveProperty('raw_event');
    expect(lean).not.toHaveProperty('tenant_id');
    expect(lean.raw_omitted).toEqual(['raw_event']);
    expect(lean.mini_timeline).toEqual([{ id: '1', ts: 't', kind: 'audit', agent: 'system', summary: 's' }]);
    const full = await call('aisoc_get_alert', { alert_id: ALERT_ID, include_raw: true }, context(s.url));
    expect(full.raw_event).toEqual(rawEvent);
  });

  it('refuses an id that is not a UUID before any request', () => {
    expect(tool('aisoc_get_alert').input.safeParse({ alert_id: '../admin' }).success).toBe(false);
  });

  it('accepts a case number, fetches the timeline on request and summarises the observable graph', async () => {
    const s = await backend({
      'GET /cases/INC-001': () => [200, { id: CASE_UUID, case_number: 'INC-001', title: 'Spray', observable_graph: { nodes: [1, 2, 3], edges: [1] }, evidence_chain: [] }],
      'GET /cases/INC-001/timeline': () => [200, { events: [{ id: 'e1', type: 'status_change', timestamp: 't', title: 'Opened' }] }],
    });
    const result = await call('aisoc_get_case', { case_id: 'INC-001', include_timeline: true }, context(s.url));
    expect(result).toMatchObject({ case_number: 'INC-001', observable_graph_size: { nodes: 3, edges: 1 }, raw_omitted: ['observable_graph'] });
    expect(result.timeline).toEqual([{ id: 'e1', type: 'status_change', timestamp: 't', title: 'Opened' }]);
    expect(tool('aisoc_get_case').input.safeParse({ case_id: 'inc 1; drop' }).success).toBe(false);
  });
});

describe('aisoc_get_triage_verdict', () => {
  it('says an untriaged alert is untriaged and names its newest investigation', async () => {
    const s = await backend({
      [`GET /alerts/${ALERT_ID}`]: () => [200, alert()],
      'GET /investigations': ({ url }) => [200, url.searchParams.get('case_id') === CASE_UUID
        ? [run('completed', { started_at: '2026-11-01T09:00:00Z', id: 'b1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' })]
        : [run('running')]],
    });
    const result = await call('aisoc_get_triage_verdict', { alert_id: ALERT_ID }, context(s.url));
    expect(result).toMatchObject({ alert_id: ALERT_ID, triaged: false, confidence: 82, confidence_label: 'high', case_id: CASE_UUID });
    expect(result.note).toContain('not a benign verdict');
    expect(result.latest_investigation).toMatchObject({ run_id: RUN_ID, status: 'running' });
    expect(result.next_call).toEqual({ tool: 'aisoc_replay_decision', arguments: { run_id: RUN_ID } });
  });

  it('still answers with an alerts-only key, saying why the investigation is missing', async () => {
    const s = await backend({
      [`GET /alerts/${ALERT_ID}`]: () => [200, alert({ ai_summary: 'Likely spray', ai_score: 0.91, disposition: 'true_positive' })],
      'GET /investigations': () => [403, { detail: 'API key missing scope: cases:read' }],
    });
    const result = await call('aisoc_get_triage_verdict', { alert_id: ALERT_ID }, context(s.url));
    expect(result).toMatchObject({ triaged: true, ai_summary: 'Likely spray', ai_score: 0.91, disposition: 'true_positive' });
    expect(result).not.toHaveProperty('note');
    expect(result.investigation_lookup).toContain('lacks cases:read');
  });
});

describe('aisoc_query_detections', () => {
  it('filters locally by technique and text, and pages with a total', async () => {
    const rule = (i: number, technique: string) => ({ id: `c0000000-0000-4000-8000-00000000000${i}`, name: `Rule ${i} brute force`, description: null, rule_language: 'sigma', rule_body: 'detection: …', category: 'identity', status: 'active', severity: 'high', mitre_techniques: [technique], is_builtin: true, total_hits: i, fp_rate: 0.1 });
    const s = await backend({ 'GET /rules': () => [200, [rule(1, 'T1110.001'), rule(2, 'T1059'), rule(3, 'T1110'), rule(4, 'T1110.003')]] });
    const result = await call('aisoc_query_detections', { technique: 'T1110', search: 'BRUTE', limit: 2, rule_language: 'sigma' }, context(s.url));
    expect(s.requests[0]!.url).toBe('/api/v1/rules?rule_language=sigma&include_builtin=true');
    expect(result).toMatchObject({ total: 3, next_cursor: 2, truncated: false });
    expect((result.items as Array<{ id: string }>).map((r) => r.id.at(-1))).toEqual(['1', '3']);
    expect(result.items as unknown[]).not.toContainEqual(expect.objectContaining({ rule_body: expect.anything() }));
    const last = await call('aisoc_query_detections', { technique: 'T1110', offset: 2, limit: 2 }, context(s.url));
    expect(last).toMatchObject({ total: 3 });
    expect(last).not.toHaveProperty('next_cursor');
  });
});

describe('aisoc_lake_query', () => {
  it('refuses forbidden SQL without sending anything', async () => {
    const s = await backend({});
    await expect(call('aisoc_lake_query', { sql: 'SELECT 1; DROP TABLE t' }, context(s.url))).rejects.toBeInstanceOf(ToolInputError);
    expect(s.requests).toHaveLength(0);
  });

  it('sends the query with its defaults and flags a result cut at row_cap', async () => {
    let sent: unknown;
    const s = await backend({
      'POST /lake/sql': ({ body }) => {
        sent = body;
        return [200, { columns: ['n'], rows: [[1], [2]], row_count: 2, row_cap: 2, referenced_tables: ['aisoc.raw_events'], elapsed_ms: 5, executed_at: '2026-11-01T00:00:00Z' }];
      },
    });
    const result = await call('aisoc_lake_query', { sql: "SELECT n FROM aisoc.raw_events WHERE msg = 'a;b'" }, context(s.url));
    expect(sent).toEqual({ sql: "SELECT n FROM aisoc.raw_events WHERE msg = 'a;b'", row_cap: 200, timeout_seconds: 30 });
    expect(result).toMatchObject({ rows: [[1], [2]], referenced_tables: ['aisoc.raw_events'], row_cap_reached: true });
  });
});

describe('aisoc_run_investigation', () => {
  it('starts the run, reports each ledger step as progress and returns the verdict when it finishes', async () => {
    const ledger = [
      event(1, { agent: 'recon', summary: 'Collected sign-in logs' }),
      event(2, { agent: 'forensic', summary: 'Found 40 failures from 203.0.113.7' }),
      event(3, { agent: 'responder', summary: 'Proposed blocking the IP' }),
      event(4, { agent: 'reporter', kind: 'triage_verdict', summary: 'verdict=true_positive', payload: { verdict: 'true_positive', confidence: 0.9, rationale: 'Spray from one IP', findings: ['40 failures'], proposed_actions: [{ action: 'block_ip' }] } }),
    ];
    let polls = 0;
    let started: unknown;
    const s = await backend({
      'POST /cases/INC-001/investigate': ({ body }) => {
        started = body;
        return [200, { run_id: RUN_ID, case_id: 'INC-001', status: 'running', message: 'started' }];
      },
      [`GET /investigations/${RUN_ID}`]: () => {
        polls++;
        // Not recorded yet on the first poll, like the real agents service right after the POST.
        if (polls === 1) return [404, { detail: 'Investigation run not found' }];
        return [200, run(polls >= 4 ? 'completed' : 'running')];
      },
      [`GET /investigations/${RUN_ID}/events`]: ({ url }) => [200, eventPage(ledger.slice(0, (polls - 1) * 2), url)],
    });
    const progress: Progress[] = [];
    const result = await call('aisoc_run_investigation', { case_id: 'INC-001', alert_summary: 'spray', wait_seconds: 30 }, context(s.url, { progress }));
    expect(started).toEqual({ alert_summary: 'spray' });
    expect(progress.map((p) => p.progress)).toEqual([1, 2, 3, 4]);
    expect(progress.map((p) => p.message)).toEqual([
      'recon: Collected sign-in logs',
      'forensic: Found 40 failures from 203.0.113.7',
      'responder: Proposed blocking the IP',
      'reporter: verdict=true_positive',
    ]);
    expect(result).toMatchObject({
      run_id: RUN_ID,
      status: 'completed',
      verdict: { verdict: 'true_positive', confidence: 0.9, summary: 'Spray from one IP', findings: ['40 failures'], recommended_actions: [{ action: 'block_ip' }], from_step: { seq: 4 } },
      stats: { iterations: 3, total_tokens: 1200, events: 4, measured_call_count: 0, cost_note: 'cost not measured for this run' },
      next_call: { tool: 'aisoc_replay_decision', arguments: { run_id: RUN_ID } },
    });
    // Events were read with the seq cursor, never twice.
    const sinces = s.requests.filter((r) => r.url.includes('/events')).map((r) => new URL(r.url, 'http://x').searchParams.get('since'));
    expect(sinces).toEqual([null, '2', '4']);
  });

  it('returns the run id and the call to check on it when the run outlasts wait_seconds', async () => {
    const s = await backend({
      'POST /cases/INC-001/investigate': () => [200, { run_id: RUN_ID, case_id: 'INC-001', status: 'running' }],
      [`GET /investigations/${RUN_ID}`]: () => [200, run('running')],
      [`GET /investigations/${RUN_ID}/events`]: ({ url }) => [200, eventPage([event(1)], url)],
    });
    const result = await call('aisoc_run_investigation', { case_id: 'INC-001', wait_seconds: 0 }, context(s.url));
    expect(result).toMatchObject({
      run_id: RUN_ID,
      status: 'running',
      events_seen: 1,
      last_seq: 1,
      next_call: { tool: 'aisoc_get_investigation', arguments: { run_id: RUN_ID } },
    });
    expect(result.hint).toContain('aisoc_replay_decision');
  });

  it('stops following when the call is cancelled', async () => {
    const s = await backend({
      'POST /cases/INC-001/investigate': () => [200, { run_id: RUN_ID, status: 'running' }],
      [`GET /investigations/${RUN_ID}`]: () => [200, run('running')],
      [`GET /investigations/${RUN_ID}/events`]: ({ url }) => [200, eventPage([], url)],
    });
    const controller = new AbortController();
    const pending = call('aisoc_run_investigation', { case_id: 'INC-001', wait_seconds: 300 }, context(s.url, { signal: controller.signal }));
    while (!s.requests.some((r) => r.url.includes('/events'))) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect((error as BackendError).kind).toBe('aborted');
  });
});

describe('aisoc_get_investigation', () => {
  it('reads the verdict, its reasoning and recommended actions from the ledger steps that recorded them', async () => {
    const ledger = [
      event(1, { kind: 'decision_reason', agent: 'forensic_agent', payload: { decision: 'true_positive', reason: 'Spray from one IP', confidence: 0.8 } }),
      event(2, { kind: 'responder', agent: 'responder_agent', payload: { recommended_actions: [{ action: 'block_ip' }], dry_run: true } }),
      event(3, { kind: 'report', agent: 'report_writer', summary: 'Report written: true_positive', payload: { verdict: 'true_positive', confidence: 0.8 } }),
    ];
    const s = await backend({
      [`GET /investigations/${RUN_ID}`]: () => [200, run('completed', { event_count: 3, measured_call_count: 2, total_cost_usd: 0.12 })],
      [`GET /investigations/${RUN_ID}/events`]: ({ url }) => [200, eventPage(ledger, url)],
    });
    const result = await call('aisoc_get_investigation', { run_id: RUN_ID }, context(s.url));
    // A short run is read from its start, whatever seq it starts at.
    expect(s.requests[1]!.url).toBe(`/api/v1/investigations/${RUN_ID}/events?limit=10`);
    expect(result).toMatchObject({
      id: RUN_ID,
      status: 'completed',
      finished: true,
      total_cost_usd: 0.12,
      verdict: { verdict: 'true_positive', confidence: 0.8, summary: 'Spray from one IP', recommended_actions: [{ action: 'block_ip' }], from_step: { seq: 3, kind: 'report' } },
      next_call: { tool: 'aisoc_replay_decision', arguments: { run_id: RUN_ID } },
    });
    expect(result.cost_note).toBeUndefined();
    expect(result.last_events as unknown[]).toHaveLength(3);
  });
});

describe('aisoc_replay_decision and aisoc_explain_step', () => {
  it('pages the ledger by seq and lists payload keys instead of payloads', async () => {
    const ledger = [event(1), event(2), event(3)];
    const s = await backend({ [`GET /investigations/${RUN_ID}/events`]: ({ url }) => [200, eventPage(ledger, url)] });
    const first = await call('aisoc_replay_decision', { run_id: RUN_ID, limit: 2 }, context(s.url));
    expect(first).toMatchObject({ total: 3, next_cursor: 2, last_seq: 2, truncated: false });
    expect((first.items as unknown[])[0]).toEqual({ seq: 1, ts: '2026-11-01T10:10:00Z', kind: 'tool_call', agent: 'recon', summary: 'step 1', duration_ms: 10, payload_keys: ['query', 'result'] });
    const rest = await call('aisoc_replay_decision', { run_id: RUN_ID, since_seq: 2, include_payloads: true }, context(s.url));
    expect(rest).not.toHaveProperty('next_cursor');
    expect((rest.items as Array<{ payload: unknown }>)[0]!.payload).toEqual({ query: 'x', result: 'y' });
  });

  it('explains a step with artifact previews, and tells a wrong seq from a wrong run', async () => {
    const s = await backend({
      [`GET /investigations/${RUN_ID}/explain`]: ({ url }) =>
        url.searchParams.get('step') === '9'
          ? [404, { detail: 'No event with seq=9 for this run' }]
          : [200, { run: run('completed'), previous: event(1), focus: event(2), next: null, artifacts: [{ id: 'f1', kind: 'llm_transcript', sha256: 'ab', size_bytes: 4000, event_id: null, created_at: 't', content: 'p'.repeat(4000), blob_ref: null }] }],
    });
    const result = await call('aisoc_explain_step', { run_id: RUN_ID, step: 2 }, context(s.url));
    expect(result.focus).toMatchObject({ seq: 2, payload: { query: 'x', result: 'y' } });
    expect(result.previous).toMatchObject({ seq: 1, payload_keys: ['query', 'result'] });
    const artifact = (result.artifacts as Array<Record<string, unknown>>)[0]!;
    expect(artifact).toMatchObject({ content_truncated: true, content_chars: 4000 });
    expect((artifact.content as string).length).toBe(1500);
    const wrongStep = await call('aisoc_explain_step', { run_id: RUN_ID, step: 9 }, context(s.url)).catch((e: unknown) => e);
    expect(wrongStep).toBeInstanceOf(ToolInputError);
    expect((wrongStep as Error).message).toBe(`Run ${RUN_ID} has no step with seq 9. Call aisoc_replay_decision with this run_id to see its steps and their seq numbers.`);
  });
});

describe('aisoc_preview_action and aisoc_run_hunt', () => {
  it('previews through the dry-run route only, with dry_run set', async () => {
    let sent: unknown;
    const s = await backend({
      'POST /live-actions/dry-run': ({ body }) => {
        sent = body;
        return [200, { mode: 'dry_run', result: { status: 'simulated', summary: 'Would isolate vpn-1', details: {} } }];
      },
    });
    const result = await call('aisoc_preview_action', { vendor_id: 'crowdstrike', capability: 'isolate_host', target: 'vpn-1' }, context(s.url));
    expect(sent).toEqual({ vendor_id: 'crowdstrike', capability: 'isolate_host', target: 'vpn-1', params: {}, dry_run: true });
    expect(result).toMatchObject({ executed: false, mode: 'dry_run', result: { status: 'simulated' } });
  });

  it('says a hunt that could not look is not a clean result', async () => {
    const s = await backend({ 'POST /agents/hunt': () => [200, { hypothesis: 'spray', checked: false, matches: [], refusals: [], unavailable_reason: 'lake not configured' }] });
    const result = await call('aisoc_run_hunt', { hypothesis: 'spray' }, context(s.url));
    expect(result).toMatchObject({ checked: false, match_count: 0, unavailable_reason: 'lake not configured' });
    expect(result.note).toBe('The hunt could not run: lake not configured. This is not a clean result.');
  });
});

describe('AiSOC error bodies', () => {
  it('reads FastAPI detail strings and validation lists', () => {
    expect(aisocConnector.errorMessage({ detail: 'API key missing scope: alerts:read' })).toBe('API key missing scope: alerts:read');
    expect(
      aisocConnector.errorMessage({
        detail: [
          { loc: ['query', 'page_size'], msg: 'Input should be less than or equal to 200', type: 'less_than_equal' },
          { loc: ['body', 'sql'], msg: 'Field required', type: 'missing' },
        ],
      }),
    ).toBe('page_size: Input should be less than or equal to 200; sql: Field required');
    expect(aisocConnector.errorMessage('<html>')).toBeUndefined();
    expect(aisocConnector.errorMessage({ error: 'x' })).toBeUndefined();
  });

  it('carries AiSOC’s message on a backend error', async () => {
    const s = await backend({ 'GET /alerts': () => [422, { detail: [{ loc: ['query', 'min_confidence'], msg: 'bad', type: 'x' }] }] });
    const error = await call('aisoc_list_alerts', {}, context(s.url)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect((error as BackendError).details.backendMessage).toBe('min_confidence: bad');
  });
});
