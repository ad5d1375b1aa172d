/**
 * The sandbox's Calseta face against Calseta's own contract: every response it serves, success and
 * error, is validated against tests/contract/calseta/response-schemas.json (made by
 * derive-calseta-schemas.mjs from Calseta's OpenAPI document). The spec omits `/health`, security,
 * the error envelope (401/403/404/422/429) and the `pending_approval` execute answer; those schemas
 * come from shared/backends/calseta.md, as the contract file's `$comment`s say.
 * One test per endpoint, named by its contract key, so a failure names the endpoint.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { path } from '../../src/http/path.js';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { compileContract, type ContractCheck } from './validate.js';

const ERROR_SHAPES = ['ValidationError', 'BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'RateLimited'] as const;
type ErrorShape = (typeof ERROR_SHAPES)[number];

const Contract = z.object({
  responses: z.record(z.string(), z.looseObject({})),
  errors: z.object(Object.fromEntries(ERROR_SHAPES.map((name) => [name, z.looseObject({})])) as Record<ErrorShape, z.ZodObject>),
});
const contract = Contract.parse(JSON.parse(readFileSync(join(import.meta.dirname, 'calseta', 'response-schemas.json'), 'utf8')));

const compiled = new Map<string, ContractCheck>();
function checkFor(key: string): ContractCheck {
  let check = compiled.get(key);
  if (!check) {
    const schema = (contract.errors as Record<string, object>)[key] ?? contract.responses[key];
    if (!schema) throw new Error(`no schema for ${key} in response-schemas.json`);
    check = compileContract(schema);
    compiled.set(key, check);
  }
  return check;
}

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

let sandbox: SandboxHandle;

type Role = keyof SandboxHandle['calsetaKeys'];

/** A real HTTP request; `as` picks the key (admin by default), `auth` overrides the header. */
async function send(method: string, url: string, options: { as?: Role; auth?: string | null; body?: unknown } = {}): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const auth = options.auth === undefined ? `Bearer ${sandbox.calsetaKeys[options.as ?? 'admin']}` : options.auth;
  if (auth !== null) headers.authorization = auth;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sandbox.url}${url}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** Asserts the status, the contract for `key`, and the X-Request-ID every Calseta answer carries. */
function expectContract(reply: Reply, key: string, status = 200): void {
  expect({ status: reply.status, violations: checkFor(key)(reply.body) }, `${key} answered off-contract`).toEqual({ status, violations: [] });
  expect(reply.headers.get('x-request-id'), `${key} X-Request-ID`).toMatch(/\S/);
}

const Page = z.object({ data: z.array(z.looseObject({ uuid: z.string() })), meta: z.object({ total: z.number(), total_pages: z.number() }) });
const Workflows = z.object({ data: z.array(z.looseObject({ uuid: z.string(), approval_mode: z.string(), is_active: z.boolean() })) });

async function list(url: string, as: Role = 'admin') {
  const reply = await send('GET', url, { as });
  expect(reply.status, url).toBe(200);
  return Page.parse(reply.body);
}

// A well-formed UUID the seeded dataset cannot contain.
const ABSENT_UUID = '00000000-0000-4000-8000-000000000000';

describe('the derived schemas are not vacuous', () => {
  it('reject bodies Calseta would never send', () => {
    expect(checkFor('GET /v1/alerts')({ data: [], meta: { total: 0, page: 1, page_size: 50 } })).toContainEqual(expect.stringMatching(/total_pages/));
    expect(checkFor('GET /v1/alerts/{alert_uuid}')({ data: { uuid: 'x' } })).not.toEqual([]);
    expect(checkFor('GET /v1/alerts')({ data: [{ uuid: ABSENT_UUID, title: 't', severity: 'Severe' }], meta: { total: 1, page: 1, page_size: 1, total_pages: 1 } })).not.toEqual([]);
    expect(checkFor('POST /v1/workflows/{workflow_uuid}/execute pending_approval')({ data: { status: 'pending_approval', approval_request_uuid: ABSENT_UUID, expires_at: '2026-11-01T00:00:00Z' }, meta: {} })).not.toEqual([]);
    expect(checkFor('Forbidden')({ error: { code: 'FORBIDDEN', message: 'no', details: {} } })).toContainEqual(expect.stringMatching(/required_scopes/));
    expect(checkFor('ValidationError')({ detail: [] })).not.toEqual([]);
  });
});

describe.each(['socbridge', 'contract'])('the sandbox Calseta face, seed %s', (seed) => {
  beforeAll(async () => {
    const { startSandbox } = await import('../../src/sandbox/index.js');
    sandbox = await startSandbox({ port: 0, seed, runStepMs: 20 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  describe('success responses', () => {
    it('GET /health', async () => {
      const reply = await send('GET', '/health');
      expectContract(reply, 'GET /health');
      expect(reply.body).toMatchObject({ status: 'ok' });
    });

    it('GET /v1/alerts', async () => {
      // Every alert, at the largest page size, so no record escapes the contract.
      const first = await send('GET', '/v1/alerts?page_size=500');
      expectContract(first, 'GET /v1/alerts');
      const { data, meta } = Page.parse(first.body);
      expect(data).toHaveLength(meta.total);
      for (const query of [
        'status=Open,Triaging&severity=High,Critical&page_size=5&page=2',
        'source_name=sentinel,elastic,splunk&sort_by=title&sort_order=asc',
        'enrichment_status=Enriched&is_enriched=true&sort_by=severity',
        'from_time=2026-10-01T00:00:00Z&to_time=2026-11-01T00:00:00Z&sort_by=created_at&sort_order=asc',
        'tags=identity&tags=sentinel',
      ]) {
        expectContract(await send('GET', `/v1/alerts?${query}`, { as: 'readOnly' }), 'GET /v1/alerts');
      }
    });

    it('GET /v1/alerts/{alert_uuid}', async () => {
      const { data } = await list('/v1/alerts?page_size=500', 'alertsRead');
      for (const alert of data) expectContract(await send('GET', path`/v1/alerts/${alert.uuid}`, { as: 'readOnly' }), 'GET /v1/alerts/{alert_uuid}');
    });

    it('PATCH /v1/alerts/{alert_uuid}', async () => {
      const { data } = await list('/v1/alerts?status=Open&page_size=4');
      const bodies = [
        { status: 'Triaging' },
        { status: 'Closed', close_classification: 'False Positive - Inaccurate Data', tags: ['reviewed'] },
        { severity: 'Pending', malice_override: 'Benign' },
        { reset_malice_override: true, status: 'Escalated', severity: 'Critical' },
      ];
      for (const [i, body] of bodies.entries()) {
        expectContract(await send('PATCH', path`/v1/alerts/${data[i]!.uuid}`, { as: 'agent', body }), 'PATCH /v1/alerts/{alert_uuid}');
      }
    });

    it('POST /v1/alerts/{alert_uuid}/findings', async () => {
      const { data } = await list('/v1/alerts?page_size=1');
      const body = { agent_name: 'triage-bot', summary: 'Benign admin activity.', confidence: 'high', recommended_action: 'close', evidence: { checked: ['okta'] } };
      expectContract(await send('POST', path`/v1/alerts/${data[0]!.uuid}/findings`, { as: 'agent', body }), 'POST /v1/alerts/{alert_uuid}/findings', 201);
      expectContract(await send('POST', path`/v1/alerts/${data[0]!.uuid}/findings`, { body: { agent_name: 'a', summary: 's' } }), 'POST /v1/alerts/{alert_uuid}/findings', 201);
    });

    it('GET /v1/alerts/{alert_uuid}/findings, /context, /indicators, /activity', async () => {
      const { data } = await list('/v1/alerts?page_size=20&sort_by=created_at');
      for (const alert of data) {
        expectContract(await send('GET', path`/v1/alerts/${alert.uuid}/findings`), 'GET /v1/alerts/{alert_uuid}/findings');
        expectContract(await send('GET', path`/v1/alerts/${alert.uuid}/context`), 'GET /v1/alerts/{alert_uuid}/context');
        expectContract(await send('GET', path`/v1/alerts/${alert.uuid}/indicators`), 'GET /v1/alerts/{alert_uuid}/indicators');
        expectContract(await send('GET', path`/v1/alerts/${alert.uuid}/activity?page_size=2`), 'GET /v1/alerts/{alert_uuid}/activity');
      }
    });

    it('POST /v1/enrichments', async () => {
      for (const body of [
        { type: 'ip', value: '185.220.101.34' },
        { type: 'ip', value: '192.168.1.20' },
        { type: 'domain', value: 'fileserver.corp.local' },
        { type: 'domain', value: 'login-microsoftonline.example.net' },
        { type: 'hash_sha256', value: 'a'.repeat(64) },
        { type: 'account', value: 'dana.whitfield@example.com' },
      ]) {
        expectContract(await send('POST', '/v1/enrichments', { as: 'readOnly', body }), 'POST /v1/enrichments');
      }
    });

    it('GET /v1/enrichments/providers', async () => {
      expectContract(await send('GET', '/v1/enrichments/providers', { as: 'readOnly' }), 'GET /v1/enrichments/providers');
    });

    it('GET /v1/detection-rules and /{rule_uuid}', async () => {
      const reply = await send('GET', '/v1/detection-rules?page_size=500');
      expectContract(reply, 'GET /v1/detection-rules');
      expectContract(await send('GET', '/v1/detection-rules?source_name=sentinel&severity=High&is_active=true&sort_by=name&sort_order=asc'), 'GET /v1/detection-rules');
      for (const rule of Page.parse(reply.body).data) expectContract(await send('GET', path`/v1/detection-rules/${rule.uuid}`), 'GET /v1/detection-rules/{rule_uuid}');
    });

    it('GET /v1/context-documents and /{doc_uuid}', async () => {
      const reply = await send('GET', '/v1/context-documents');
      expectContract(reply, 'GET /v1/context-documents');
      expectContract(await send('GET', '/v1/context-documents?document_type=runbook,sop&is_global=false&sort_by=title'), 'GET /v1/context-documents');
      for (const doc of Page.parse(reply.body).data) expectContract(await send('GET', path`/v1/context-documents/${doc.uuid}`), 'GET /v1/context-documents/{doc_uuid}');
    });

    it('GET /v1/workflows and /{workflow_uuid}', async () => {
      const reply = await send('GET', '/v1/workflows', { as: 'readOnly' });
      expectContract(reply, 'GET /v1/workflows');
      expectContract(await send('GET', '/v1/workflows?workflow_type=indicator&state=active&risk_level=low,medium&is_active=true&sort_by=risk_level'), 'GET /v1/workflows');
      for (const wf of Page.parse(reply.body).data) expectContract(await send('GET', path`/v1/workflows/${wf.uuid}`, { as: 'readOnly' }), 'GET /v1/workflows/{workflow_uuid}');
    });

    it('POST /v1/workflows/{workflow_uuid}/execute', async () => {
      const { data } = Workflows.parse((await send('GET', '/v1/workflows')).body);
      const never = data.find((w) => w.is_active && w.approval_mode === 'never');
      const always = data.find((w) => w.is_active && w.approval_mode === 'always');
      expect(never && always, 'the dataset holds workflows of both approval modes').toBeTruthy();
      const body = { indicator_type: 'ip', indicator_value: '203.0.113.7', reason: 'C2 beacon target', confidence: 0.9 };
      expectContract(await send('POST', path`/v1/workflows/${never!.uuid}/execute`, { as: 'agent', body }), 'POST /v1/workflows/{workflow_uuid}/execute', 202);
      expectContract(await send('POST', path`/v1/workflows/${always!.uuid}/execute`, { as: 'agent', body }), 'POST /v1/workflows/{workflow_uuid}/execute pending_approval', 202);
    });

    it('GET /v1/workflow-runs', async () => {
      expectContract(await send('GET', '/v1/workflow-runs?page_size=500'), 'GET /v1/workflow-runs');
      const { data } = Workflows.parse((await send('GET', '/v1/workflows')).body);
      expectContract(await send('GET', path`/v1/workflow-runs?status=success,failed&workflow_uuid=${data[0]!.uuid}`, { as: 'readOnly' }), 'GET /v1/workflow-runs');
    });

    it('GET /v1/metrics/summary and /v1/metrics/alerts', async () => {
      expectContract(await send('GET', '/v1/metrics/summary', { as: 'alertsRead' }), 'GET /v1/metrics/summary');
      expectContract(await send('GET', '/v1/metrics/alerts'), 'GET /v1/metrics/alerts');
      expectContract(await send('GET', '/v1/metrics/alerts?from_time=2026-10-25T00:00:00Z&to_time=2026-11-01T00:00:00Z'), 'GET /v1/metrics/alerts');
    });
  });

  describe('error responses', () => {
    it('401 without a key, with a malformed, unknown or expired key', async () => {
      const cases: Array<[string | null, string]> = [
        [null, 'UNAUTHORIZED'],
        ['Token abc', 'UNAUTHORIZED'],
        ['Bearer cai_short', 'UNAUTHORIZED'],
        [`Bearer cai_${'A'.repeat(43)}`, 'UNAUTHORIZED'],
        [`Bearer ${sandbox.keys.full}`, 'UNAUTHORIZED'],
        [`Bearer ${sandbox.calsetaKeys.expired}`, 'KEY_EXPIRED'],
      ];
      for (const [auth, code] of cases) {
        const reply = await send('GET', '/v1/alerts', { auth });
        expectContract(reply, 'Unauthorized', 401);
        expect(reply.body).toMatchObject({ error: { code } });
        expect(reply.headers.get('www-authenticate')).toBeNull();
      }
    });

    it('403 when the key lacks every listed scope', async () => {
      const { data } = await list('/v1/alerts?page_size=1');
      expectContract(await send('PATCH', path`/v1/alerts/${data[0]!.uuid}`, { as: 'readOnly', body: { status: 'Triaging' } }), 'Forbidden', 403);
      expectContract(await send('GET', '/v1/workflows', { as: 'alertsRead' }), 'Forbidden', 403);
      expectContract(await send('POST', '/v1/enrichments', { as: 'alertsRead', body: { type: 'ip', value: '203.0.113.9' } }), 'Forbidden', 403);
    });

    it('404 on unknown records, unknown paths and wrong methods', async () => {
      for (const url of [`/v1/alerts/${ABSENT_UUID}`, `/v1/alerts/${ABSENT_UUID}/activity`, `/v1/detection-rules/${ABSENT_UUID}`, `/v1/context-documents/${ABSENT_UUID}`, `/v1/workflows/${ABSENT_UUID}`, '/v1/no-such-thing']) {
        expectContract(await send('GET', url), 'NotFound', 404);
      }
      expectContract(await send('DELETE', '/v1/enrichments/providers'), 'NotFound', 404);
    });

    it('400 on a bad sort and on a workflow that cannot run', async () => {
      expectContract(await send('GET', '/v1/alerts?sort_by=priority'), 'BadRequest', 400);
      expectContract(await send('GET', '/v1/detection-rules?sort_order=sideways'), 'BadRequest', 400);
      const { data } = Workflows.parse((await send('GET', '/v1/workflows')).body);
      const inactive = data.find((w) => !w.is_active);
      const reply = await send('POST', path`/v1/workflows/${inactive!.uuid}/execute`, { body: { indicator_type: 'ip', indicator_value: '203.0.113.7' } });
      expectContract(reply, 'BadRequest', 400);
      expect(reply.body).toMatchObject({ error: { code: 'WORKFLOW_NOT_EXECUTABLE' } });
    });

    it('422 on bad parameters and bodies, and on Closed without a classification', async () => {
      const { data } = await list('/v1/alerts?page_size=1');
      const alert = data[0]!.uuid;
      const { data: workflows } = Workflows.parse((await send('GET', '/v1/workflows')).body);
      const active = workflows.find((w) => w.is_active)!;
      const cases: Array<[string, string, unknown]> = [
        ['GET', '/v1/alerts?page_size=501', undefined],
        ['GET', '/v1/alerts?page=0&is_enriched=maybe', undefined],
        ['GET', '/v1/alerts?from_time=yesterday', undefined],
        ['GET', '/v1/alerts/not-a-uuid', undefined],
        ['PATCH', `/v1/alerts/${alert}`, { status: 'Closed' }],
        ['PATCH', `/v1/alerts/${alert}`, { status: 'Done', severity: 7 }],
        ['POST', `/v1/alerts/${alert}/findings`, { summary: '' }],
        ['POST', '/v1/enrichments', { type: 'hostname', value: 'x' }],
        ['POST', `/v1/workflows/${active.uuid}/execute`, { indicator_type: 'ip', indicator_value: '203.0.113.7', confidence: 2 }],
      ];
      for (const [method, url, body] of cases) expectContract(await send(method, url, { as: 'agent', body }), 'ValidationError', 422);
      // Agent keys must justify an execution.
      expectContract(await send('POST', path`/v1/workflows/${active.uuid}/execute`, { as: 'agent', body: { indicator_type: 'ip', indicator_value: '203.0.113.7' } }), 'ValidationError', 422);
    });

    it('429 once a key spends its per-minute workflow-execute budget', async () => {
      const { data } = Workflows.parse((await send('GET', '/v1/workflows')).body);
      const never = data.find((w) => w.is_active && w.approval_mode === 'never')!;
      let reply: Reply | undefined;
      for (let i = 0; i < 31; i++) reply = await send('POST', path`/v1/workflows/${never.uuid}/execute`, { as: 'readOnly', body: {} });
      expectContract(reply!, 'RateLimited', 429);
      expect(Number(reply!.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });
});
