import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ToolInputError } from '../../src/connectors/errors.js';
import { calsetaConnector } from '../../src/connectors/calseta/index.js';
import type { AnyToolSpec, ToolContext } from '../../src/connectors/types.js';
import { BackendClient } from '../../src/http/client.js';
import { createTransport } from '../../src/http/transport.js';
import { BackendError } from '../../src/http/errors.js';
import { describeError } from '../../src/server/errors.js';
import { silentLogger } from '../../src/server/logger.js';
import { json, startTestServer, type TestServer } from '../helpers/http-server.js';

/**
 * The Calseta tools against a scripted Calseta on 127.0.0.1: the requests they make, how they
 * unwrap `{data, meta}`, and how Calseta's error envelope becomes text. Bodies follow openapi.json.
 */

type Json = Record<string, unknown>;
type Route = (ctx: { url: URL; body: unknown; n: number }) => [number, unknown, Record<string, string>?] | 'html';

const KEY = 'cai_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde';
const ALERT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const WORKFLOW = '0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9';

let server: TestServer | undefined;
const clients: BackendClient[] = [];
const bodies: unknown[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.destroy()));
  await server?.close();
  server = undefined;
  bodies.length = 0;
});

async function backend(routes: Record<string, Route>): Promise<TestServer> {
  const counts = new Map<string, number>();
  server = await startTestServer((req, res) => {
    void readBody(req).then((body) => {
      bodies.push(body);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const key = `${req.method} ${url.pathname.replace(/^\/v1/, '')}`;
      const route = Object.entries(routes).find(([pattern]) => new RegExp(`^${pattern}$`).test(key));
      if (!route) return json(res, 404, { error: { code: 'NOT_FOUND', message: 'Not found', details: {} } });
      const n = (counts.get(route[0]) ?? 0) + 1;
      counts.set(route[0], n);
      const answer = route[1]({ url, body, n });
      if (answer === 'html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end('<!doctype html><html><head><title>Calseta</title></head><body><div id="root"></div></body></html>');
      }
      json(res, answer[0], answer[1], answer[2]);
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

function context(url: string): ToolContext {
  const signal = new AbortController().signal;
  const client = new BackendClient({
    label: calsetaConnector.label,
    baseUrl: url,
    apiPrefix: calsetaConnector.apiPrefix,
    authHeaders: calsetaConnector.authHeaders(KEY),
    timeoutMs: 5000,
    maxResponseBytes: 1024 * 1024,
    transport: createTransport({ env: {} }),
    logger: silentLogger,
    errorMessage: calsetaConnector.errorMessage,
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10 },
  });
  clients.push(client);
  return { http: client.bind({ tool: 'test', signal }), signal, log: silentLogger, progress: async () => undefined };
}

function tool(name: string): AnyToolSpec {
  const spec = calsetaConnector.tools.find((t) => t.name === name);
  if (!spec) throw new Error(`no tool ${name}`);
  return spec;
}

async function run(name: string, args: Json, url: string): Promise<Json> {
  const spec = tool(name);
  return (await spec.run(spec.input.parse(args), context(url))) as Json;
}

/** What the model reads when a call fails. */
async function failure(name: string, args: Json, url: string): Promise<string> {
  const spec = tool(name);
  try {
    await spec.run(spec.input.parse(args), context(url));
  } catch (error) {
    return describeError(error, { connector: calsetaConnector, spec, args, url, timeoutMs: 5000 });
  }
  throw new Error(`${name} did not fail`);
}

const page = (total: number, pageNo: number, size: number) => ({ total, page: pageNo, page_size: size, total_pages: Math.ceil(total / size) });
const alertRow = (n: number): Json => ({
  uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  title: `Alert ${n}`,
  description: null,
  severity: 'High',
  status: 'Open',
  enrichment_status: 'Enriched',
  source_name: 'sentinel',
  occurred_at: '2026-03-20T10:00:00Z',
  ingested_at: '2026-03-20T10:00:05Z',
  is_enriched: true,
  duplicate_count: 0,
  tags: ['brute-force'],
  close_classification: null,
  closed_at: null,
  created_at: '2026-03-20T10:00:05Z',
  updated_at: '2026-03-20T10:00:05Z',
});

describe('alerts', () => {
  it('search sends multi-value filters comma-separated, tags repeated, and unwraps a page with next_page', async () => {
    const s = await backend({ 'GET /alerts': () => [200, { data: [alertRow(1), alertRow(2)], meta: page(7, 1, 2) }] });
    const result = await run('calseta_search_alerts', { status: ['Open', 'Triaging'], severity: ['High'], tags: ['a', 'b'], page_size: 2 }, s.url);
    const query = new URL(s.requests[0]!.url, 'http://x').searchParams;
    expect(query.get('status')).toBe('Open,Triaging');
    expect(query.get('severity')).toBe('High');
    expect(query.getAll('tags')).toEqual(['a', 'b']);
    expect(query.get('sort_by')).toBe('occurred_at');
    expect(query.get('sort_order')).toBe('desc');
    expect(s.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(result).toMatchObject({ total: 7, page: 1, pages: 4, next_page: 2, truncated: false });
    expect((result.items as Json[])[0]).toMatchObject({ uuid: alertRow(1).uuid, severity: 'High', status: 'Open' });
  });

  it('the schema refuses values Calseta would reject with 422', () => {
    const input = tool('calseta_search_alerts').input;
    expect(input.safeParse({ status: ['open'] }).success).toBe(false);
    expect(input.safeParse({ from_time: 'yesterday' }).success).toBe(false);
    expect(input.safeParse({ sort_by: 'priority' }).success).toBe(false);
  });

  it('get alert returns the agent-ready payload: provider verdicts, MITRE, documentation excerpt, document titles, findings', async () => {
    const documentation = 'Detects repeated failed sign-ins. '.repeat(60);
    const s = await backend({
      [`GET /alerts/${ALERT}`]: () => [
        200,
        {
          data: {
            ...alertRow(1),
            uuid: ALERT,
            raw_payload: { huge: 'x'.repeat(5000) },
            malice: 'Malicious',
            indicators: [
              {
                uuid: 'i1',
                type: 'ip',
                value: '203.0.113.7',
                malice: 'Malicious',
                is_enriched: true,
                enrichment_results: {
                  virustotal: { success: true, extracted: { malicious_count: 12, country: 'NL', raw: { nested: true } }, enriched_at: '2026-03-20T10:01:00Z' },
                  abuseipdb: { success: false, error_message: 'quota exceeded' },
                },
              },
            ],
            detection_rule: {
              uuid: 'r1',
              name: 'Brute force from TOR',
              severity: 'High',
              is_active: true,
              mitre_tactics: ['Credential Access'],
              mitre_techniques: ['T1110'],
              mitre_subtechniques: ['T1110.001'],
              data_sources: ['SigninLogs'],
              documentation,
            },
            context_documents: [{ uuid: 'd1', title: 'Brute force runbook', document_type: 'runbook', is_global: false, content: 'step 1' }],
            agent_findings: [{ id: 'f1', agent_name: 'triage-bot', summary: 'looks bad', confidence: 'high', posted_at: '2026-03-20T10:02:00Z' }],
          },
          meta: { enrichment: { succeeded: ['virustotal'], failed: ['abuseipdb'], enriched_at: '2026-03-20T10:01:00Z' }, indicator_count: 1 },
        },
      ],
    });
    const result = await run('calseta_get_alert', { alert_uuid: ALERT }, s.url);
    expect(result.alert).toMatchObject({ uuid: ALERT, malice: 'Malicious' });
    expect(result.alert).not.toHaveProperty('raw_payload');
    expect(result.raw_omitted).toEqual(['raw_payload']);
    const [indicator] = result.indicators as Json[];
    expect(indicator!.providers).toEqual({
      virustotal: { status: 'success', facts: { malicious_count: 12, country: 'NL' }, facts_omitted: 1, error: undefined, cache_hit: undefined },
      abuseipdb: { status: 'failed', error: 'quota exceeded', cache_hit: undefined },
    });
    const rule = result.detection_rule as Json;
    expect(rule).toMatchObject({ mitre_tactics: ['Credential Access'], mitre_techniques: ['T1110'], mitre_subtechniques: ['T1110.001'] });
    expect(String(rule.documentation_excerpt).length).toBeLessThan(documentation.length);
    expect(rule.documentation_excerpt).toMatch(/\(\d+ chars\)$/);
    expect(result.context_documents).toEqual([{ uuid: 'd1', title: 'Brute force runbook', document_type: 'runbook' }]);
    expect((result.findings as Json[])[0]).toMatchObject({ agent_name: 'triage-bot' });
    expect(result.enrichment).toMatchObject({ succeeded: ['virustotal'], failed: ['abuseipdb'] });
    expect(result.next_call).toEqual({ tool: 'calseta_get_alert_context', arguments: { alert_uuid: ALERT } });
  });

  it('a 404 names the alert and the tool that lists valid ones', async () => {
    const s = await backend({});
    const text = await failure('calseta_get_alert', { alert_uuid: ALERT }, s.url);
    expect(text).toBe(`Calseta found no alert with alert_uuid "${ALERT}" (404: NOT_FOUND: Not found). Call calseta_search_alerts to find valid ids.`);
  });
});

describe('triage actions', () => {
  it('Closed without a classification is refused before any request, naming every allowed value', async () => {
    const s = await backend({ [`PATCH /alerts/${ALERT}`]: () => [200, { data: alertRow(1), meta: {} }] });
    const spec = tool('calseta_update_alert_status');
    const error = await spec.run(spec.input.parse({ alert_uuid: ALERT, status: 'Closed' }), context(s.url)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolInputError);
    expect((error as Error).message).toContain('"True Positive - Suspicious Activity"');
    expect((error as Error).message).toContain('"Not Applicable"');
    expect(s.requests).toHaveLength(0);
  });

  it('closing with a classification PATCHes both fields', async () => {
    const s = await backend({ [`PATCH /alerts/${ALERT}`]: ({ body }) => [200, { data: { ...alertRow(1), ...(body as Json) }, meta: {} }] });
    const result = await run('calseta_update_alert_status', { alert_uuid: ALERT, status: 'Closed', close_classification: 'Duplicate' }, s.url);
    expect(bodies[0]).toEqual({ status: 'Closed', close_classification: 'Duplicate' });
    expect(result.alert).toMatchObject({ status: 'Closed', close_classification: 'Duplicate' });
  });

  it('set malice sends malice_override, or reset_malice_override, never both', async () => {
    const s = await backend({ [`PATCH /alerts/${ALERT}`]: () => [200, { data: { ...alertRow(1), malice: 'Benign', malice_override: 'Benign' }, meta: {} }] });
    await run('calseta_set_alert_malice', { alert_uuid: ALERT, malice: 'Benign' }, s.url);
    await run('calseta_set_alert_malice', { alert_uuid: ALERT, reset: true }, s.url);
    expect(bodies).toEqual([{ malice_override: 'Benign' }, { reset_malice_override: true }]);
    await expect(run('calseta_set_alert_malice', { alert_uuid: ALERT }, s.url)).rejects.toBeInstanceOf(ToolInputError);
    expect(s.requests).toHaveLength(2);
  });

  it('post finding sends the body and reports the stored finding', async () => {
    const s = await backend({
      [`POST /alerts/${ALERT}/findings`]: ({ body }) => [201, { data: { id: 'f9', ...(body as Json), posted_at: '2026-03-20T11:00:00Z' }, meta: {} }],
    });
    const result = await run('calseta_post_finding', { alert_uuid: ALERT, summary: 'benign scanner', confidence: 'medium' }, s.url);
    expect(bodies[0]).toEqual({ agent_name: 'socbridge', summary: 'benign scanner', confidence: 'medium' });
    expect(result).toMatchObject({ posted: true, finding: { id: 'f9', summary: 'benign scanner' } });
  });
});

describe('errors', () => {
  const cases: Array<{ status: number; body: Json; headers?: Record<string, string>; text: RegExp }> = [
    { status: 401, body: { error: { code: 'KEY_EXPIRED', message: 'API key has expired.', details: {} } }, text: /rejected the API key \(401: KEY_EXPIRED: API key has expired\. — mint a new cai_ key/ },
    { status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'Invalid API key.', details: {} } }, text: /401: UNAUTHORIZED: Invalid API key\./ },
    {
      status: 403,
      body: { error: { code: 'FORBIDDEN', message: 'Insufficient scope. Required: alerts:write', details: { required_scopes: ['alerts:write'] } } },
      text: /403: FORBIDDEN: Insufficient scope\. Required: alerts:write\)\. This tool needs the scope "alerts:write"/,
    },
    {
      status: 422,
      body: { error: { code: 'VALIDATION_ERROR', message: 'Request validation failed.', details: { errors: [{ type: 'string_too_long', loc: ['body', 'summary'], msg: 'String should have at most 50000 characters' }] } } },
      text: /422: VALIDATION_ERROR: Request validation failed\. — fields: summary: String should have at most 50000 characters\)/,
    },
    { status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body too large.', details: {} } }, text: /413: PAYLOAD_TOO_LARGE: Request body too large\. — send less/ },
  ];
  it.each(cases)('$status $body.error.code becomes clear text', async ({ status, body, text }) => {
    const s = await backend({ [`POST /alerts/${ALERT}/findings`]: () => [status, body] });
    expect(await failure('calseta_post_finding', { alert_uuid: ALERT, summary: 'x' }, s.url)).toMatch(text);
  });

  it('WORKFLOW_NOT_EXECUTABLE says what makes a workflow runnable', async () => {
    const s = await backend({
      [`POST /workflows/${WORKFLOW}/execute`]: () => [400, { error: { code: 'WORKFLOW_NOT_EXECUTABLE', message: 'Workflow is in draft state.', details: {} } }],
    });
    const text = await failure('calseta_execute_workflow', { workflow_uuid: WORKFLOW, indicator_type: 'ip', indicator_value: '203.0.113.7', reason: 'r', confidence: 0.9 }, s.url);
    expect(text).toMatch(/400: WORKFLOW_NOT_EXECUTABLE: Workflow is in draft state\. — only an active workflow runs/);
  });

  it('429 with Retry-After is retried for reads, then succeeds', async () => {
    const s = await backend({
      'GET /enrichments/providers': ({ n }) =>
        n === 1
          ? [429, { error: { code: 'RATE_LIMITED', message: 'Rate limit exceeded. Retry after 0 seconds.', details: { retry_after_seconds: 0 } } }, { 'retry-after': '0' }]
          : [200, { data: [{ provider_name: 'virustotal', display_name: 'VirusTotal', supported_types: ['ip'], is_configured: true, cache_ttl_seconds: 3600 }], meta: {} }],
    });
    const result = await run('calseta_list_enrichment_providers', {}, s.url);
    expect(s.requests).toHaveLength(2);
    expect(result).toMatchObject({ total: 1, items: [{ provider_name: 'virustotal' }] });
  });

  it('an HTML page with 200 is explained as the Calseta UI, not parsed', async () => {
    const s = await backend({ 'GET /alerts': () => 'html' });
    const text = await failure('calseta_search_alerts', {}, s.url);
    expect(text).toMatch(/not JSON \(text\/html/);
    expect(text).toContain('this URL serves the Calseta UI, not its API: use the API port');
  });

  it('JSON without the {data} envelope is an error, not undefined fields', async () => {
    const s = await backend({ 'GET /alerts': () => [200, { items: [] }] });
    expect(await failure('calseta_search_alerts', {}, s.url)).toMatch(/without the \{"data": …\} envelope/);
  });

  it('missingScopeOf reads details.required_scopes, else the message', () => {
    const scoped = (body: unknown, backendMessage?: string) => new BackendError('403', { kind: 'http', status: 403, body, backendMessage });
    const missing = calsetaConnector.missingScopeOf!;
    expect(missing(scoped({ error: { code: 'FORBIDDEN', message: 'x', details: { required_scopes: ['workflows:execute'] } } }))).toBe('workflows:execute');
    expect(missing(scoped(undefined, 'FORBIDDEN: Insufficient scope. Required: enrichments:read'))).toBe('enrichments:read');
    expect(missing(scoped({ error: { code: 'FORBIDDEN', message: 'Forbidden', details: {} } }, 'FORBIDDEN: Forbidden'))).toBeUndefined();
  });
});

describe('enrichment', () => {
  it('explains a skipped private address instead of reporting no verdict', async () => {
    const s = await backend({
      'POST /enrichments': ({ body }) => [200, { data: { ...(body as Json), results: { _validation: { status: 'skipped', error_message: 'private IP address' } }, enriched_at: '2026-03-20T10:00:00Z' }, meta: {} }],
    });
    const result = await run('calseta_enrich_indicator', { type: 'ip', value: '10.0.0.5' }, s.url);
    expect(result).toMatchObject({ enriched: false, skipped: true, reason: 'private IP address' });
    expect(String(result.explanation)).toMatch(/private IP addresses/);
  });

  it('summarizes each provider and refuses unknown indicator types locally', async () => {
    const s = await backend({
      'POST /enrichments': ({ body }) => [
        200,
        {
          data: {
            ...(body as Json),
            results: {
              virustotal: { status: 'success', success: true, extracted: { malicious: 3 }, cache_hit: true },
              okta: { status: 'skipped', success: false, error_message: 'unsupported type' },
            },
            enriched_at: '2026-03-20T10:00:00Z',
          },
          meta: {},
        },
      ],
    });
    const result = await run('calseta_enrich_indicator', { type: 'domain', value: 'evil.example.com' }, s.url);
    expect(result).toMatchObject({ enriched: true, providers: { virustotal: { status: 'success', facts: { malicious: 3 }, cache_hit: true }, okta: { status: 'skipped' } } });
    expect(tool('calseta_enrich_indicator').input.safeParse({ type: 'ipv4', value: '1.2.3.4' }).success).toBe(false);
  });
});

describe('detection rules', () => {
  const rule = (n: number, tactic: string, technique: string): Json => ({
    uuid: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
    name: `Rule ${n}`,
    is_active: true,
    mitre_tactics: [tactic],
    mitre_techniques: [technique],
    mitre_subtechniques: [],
    data_sources: [],
  });

  it('MITRE filters are matched across pages, sub-techniques included, and paged locally', async () => {
    const s = await backend({
      'GET /detection-rules': ({ url }) => {
        const p = Number(url.searchParams.get('page'));
        const rows = p === 1 ? [rule(1, 'Credential Access', 'T1110.003'), rule(2, 'Execution', 'T1059')] : [rule(3, 'credential-access', 'T1110'), rule(4, 'Credential Access', 'T1003')];
        return [200, { data: rows, meta: { total: 400, page: p, page_size: 200, total_pages: 2 } }];
      },
    });
    const result = await run('calseta_search_detection_rules', { mitre_tactic: 'Credential Access', mitre_technique: 'T1110', page_size: 1 }, s.url);
    expect(s.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('page'))).toEqual(['1', '2']);
    expect(result).toMatchObject({ total: 2, scanned: 4, next_page: 2 });
    expect((result.items as Json[]).map((r) => r.name)).toEqual(['Rule 1']);
    expect(result).not.toHaveProperty('scan_incomplete');
  });

  it('stops at the bound and says the scan was incomplete', async () => {
    const s = await backend({
      'GET /detection-rules': ({ url }) => [200, { data: [rule(Number(url.searchParams.get('page')), 'Impact', 'T1486')], meta: { total: 5000, page: Number(url.searchParams.get('page')), page_size: 200, total_pages: 25 } }],
    });
    const result = await run('calseta_search_detection_rules', { mitre_technique: 'T1486' }, s.url);
    expect(s.requests).toHaveLength(5);
    expect(String(result.scan_incomplete)).toMatch(/first 5 rules only/);
  });

  it('without MITRE filters it is one request with the REST filters', async () => {
    const s = await backend({ 'GET /detection-rules': () => [200, { data: [rule(1, 'Impact', 'T1486')], meta: page(1, 1, 25) }] });
    await run('calseta_search_detection_rules', { severity: 'High', is_active: true }, s.url);
    expect(new URL(s.requests[0]!.url, 'http://x').searchParams.toString()).toBe('severity=High&is_active=true&page=1&page_size=25');
  });
});

describe('workflows', () => {
  const execArgs = { workflow_uuid: WORKFLOW, indicator_type: 'ip', indicator_value: '203.0.113.7', reason: 'C2 traffic', confidence: 0.85 };

  it('a pending approval says nothing ran, with the approval id, expiry and what a human must do', async () => {
    const s = await backend({
      [`POST /workflows/${WORKFLOW}/execute`]: () => [202, { data: { status: 'pending_approval', approval_request_uuid: 'ap-1', expires_at: '2026-03-20T12:00:00Z' } }],
    });
    const result = await run('calseta_execute_workflow', execArgs, s.url);
    expect(bodies[0]).toEqual({ indicator_type: 'ip', indicator_value: '203.0.113.7', reason: 'C2 traffic', confidence: 0.85 });
    expect(result).toMatchObject({ status: 'pending_approval', executed: false, approval_request_uuid: 'ap-1', expires_at: '2026-03-20T12:00:00Z' });
    expect(String(result.human_action_required)).toMatch(/must approve/);
  });

  it('a queued run returns its run_uuid and how to follow it', async () => {
    const s = await backend({ [`POST /workflows/${WORKFLOW}/execute`]: () => [202, { data: { run_uuid: 'run-1', status: 'queued' }, meta: {} }] });
    const result = await run('calseta_execute_workflow', execArgs, s.url);
    expect(result).toMatchObject({ status: 'queued', queued: true, run_uuid: 'run-1', next_call: { tool: 'calseta_list_workflow_runs' } });
  });

  it('execution is never retried: a 503 reaches the model after one attempt', async () => {
    const s = await backend({ [`POST /workflows/${WORKFLOW}/execute`]: () => [503, { error: { code: 'INTERNAL_ERROR', message: 'down', details: {} } }] });
    await failure('calseta_execute_workflow', execArgs, s.url);
    expect(s.requests).toHaveLength(1);
  });

  it('workflow detail leaves the code out unless asked', async () => {
    const s = await backend({
      [`GET /workflows/${WORKFLOW}`]: () => [200, { data: { uuid: WORKFLOW, name: 'Block IP', indicator_types: ['ip'], state: 'active', is_active: true, approval_mode: 'always', risk_level: 'high', code: 'a\nb\nc' }, meta: {} }],
    });
    expect(await run('calseta_get_workflow', { workflow_uuid: WORKFLOW }, s.url)).toMatchObject({ code_omitted: { lines: 3 } });
    expect(await run('calseta_get_workflow', { workflow_uuid: WORKFLOW, include_code: true }, s.url)).toMatchObject({ code: 'a\nb\nc' });
  });
});
