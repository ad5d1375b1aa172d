/**
 * The sandbox's AiSOC face against AiSOC's own contract: every response the connector relies on
 * is validated against the JSON Schema derived from AiSOC's OpenAPI document
 * (tests/contract/aisoc/response-schemas.json, made by derive-aisoc-schemas.mjs).
 * One test per endpoint, named by its contract key, so a failure names the endpoint.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { path } from '../../src/http/path.js';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { compileContract, type ContractCheck } from './validate.js';

const Contract = z.object({
  untyped: z.array(z.string()),
  responses: z.record(z.string(), z.looseObject({})),
  errors: z.object({ HTTPValidationError: z.looseObject({}), DetailError: z.looseObject({}) }),
});
const contract = Contract.parse(JSON.parse(readFileSync(join(import.meta.dirname, 'aisoc', 'response-schemas.json'), 'utf8')));
/** A contract key: "METHOD /path" for a success response, or an error shape's name. */
type ContractKey = string;

const compiled = new Map<ContractKey, ContractCheck>();
function checkFor(key: ContractKey): ContractCheck {
  let check = compiled.get(key);
  if (!check) {
    const schema = key in contract.errors ? contract.errors[key as keyof typeof contract.errors] : contract.responses[key];
    if (!schema) throw new Error(`no schema for ${key} in response-schemas.json`);
    check = compileContract(schema);
    compiled.set(key, check);
  }
  return check;
}

/**
 * Where the spec names no field (see `untyped` in the contract file), the fields the connector
 * reads are pinned here instead, each from the source that documents it.
 */
const DOCUMENTED_FIELDS: Record<string, string[]> = {
  // shared/backends/aisoc.md, "Base URL, health, auth"
  'GET /health': ['status', 'service', 'version'],
  // shared/backends/aisoc.md, endpoint table
  'POST /api/v1/cases/{case_id}/investigate': ['run_id', 'case_id', 'status', 'message'],
  // AiSOC's actions service, which the API proxies verbatim: LiveActionDiscoveryResponse
  'GET /api/v1/live-actions': ['executors', 'vendors', 'capabilities'],
  // ... and LiveActionDispatchResponse
  'POST /api/v1/live-actions/dry-run': ['result', 'mode'],
};

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

let sandbox: SandboxHandle;

/** A real HTTP request to the sandbox; `key: null` sends no Authorization header. */
async function send(method: 'GET' | 'POST', url: string, options: { key?: string | null; body?: unknown } = {}): Promise<Reply> {
  const key = options.key === undefined ? sandbox.keys.full : options.key;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sandbox.url}${url}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** Asserts the status and that the body satisfies the contract for `key`. */
function expectContract(reply: Reply, key: ContractKey, status = 200): void {
  expect({ status: reply.status, violations: checkFor(key)(reply.body) }, `${key} answered off-contract`).toEqual({ status, violations: [] });
  const documented = DOCUMENTED_FIELDS[key];
  if (documented) expect(Object.keys(reply.body as object)).toEqual(expect.arrayContaining(documented));
}

/** GETs with the full key and parses the fields a test needs (the contract test checks the rest). */
async function fetchAs<T>(url: string, shape: z.ZodType<T>): Promise<T> {
  const reply = await send('GET', url);
  expect(reply.status, `GET ${url}`).toBe(200);
  return shape.parse(reply.body);
}

const WithId = z.looseObject({ id: z.string() });
const AlertPage = z.looseObject({ items: z.array(z.looseObject({ id: z.string(), severity: z.string(), status: z.string() })) });
const CaseList = z.array(z.looseObject({ id: z.string(), case_number: z.string().nullable(), status: z.string() }));
const RunList = z.array(z.looseObject({ id: z.string(), case_id: z.string(), status: z.string() }));
const EventPage = z.looseObject({ items: z.array(z.looseObject({ seq: z.number() })), next_seq: z.number().nullable() });
const RuleList = z.array(z.looseObject({ id: z.string(), category: z.string(), rule_language: z.string() }));
const LakeSchema = z.looseObject({ tables: z.array(z.looseObject({ table: z.string() })).min(1) });
const ActionCatalog = z.looseObject({
  executors: z.array(z.looseObject({ vendor_id: z.string(), capability: z.string() })).min(1),
});

// A well-formed UUID that the seeded dataset cannot contain (version nibble 4, all else zero).
const ABSENT_UUID = '00000000-0000-4000-8000-000000000000';

async function firstCase() {
  const cases = await fetchAs('/api/v1/cases?limit=5', CaseList);
  expect(cases.length).toBeGreaterThan(0);
  return cases[0]!;
}

async function allCases() {
  const cases = await fetchAs('/api/v1/cases?limit=500', CaseList);
  expect(cases.length).toBeGreaterThan(0);
  return cases;
}

async function completedRun() {
  const runs = await fetchAs('/api/v1/investigations?status=completed', RunList);
  expect(runs.length, 'the dataset holds completed investigation runs').toBeGreaterThan(0);
  return runs[0]!;
}

describe('the derived schemas are not vacuous', () => {
  it('reject bodies the spec forbids', () => {
    expect(checkFor('GET /api/v1/alerts')({ items: 'none', total: 0, page: 1, page_size: 25, pages: 0 })).toContainEqual(expect.stringMatching(/^\/items must be array/));
    expect(checkFor('GET /api/v1/cases')({})).toContainEqual(expect.stringMatching(/^\(root\) must be array/));
    expect(checkFor('GET /api/v1/live-actions')([])).toContainEqual(expect.stringMatching(/^\(root\) must be object/));
    expect(checkFor('DetailError')({ detail: [] })).toContainEqual(expect.stringMatching(/^\/detail must be string/));
  });

  it('leave no untyped endpoint without the fields the connector reads pinned', () => {
    expect(Object.keys(DOCUMENTED_FIELDS).sort()).toEqual([...contract.untyped].sort());
  });
});

// The default seed is the dataset users and the end-to-end tests see; a second seed varies the data.
describe.each(['socbridge', 'contract'])('the sandbox AiSOC face, seed %s', (seed) => {
  // Loaded the way the CLI loads it (lazily), so this file goes through the sandbox's real entry point.
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
      expect(reply.body).toMatchObject({ status: 'healthy', service: 'aisoc-api' });
    });

    it('GET /api/v1/alerts', async () => {
      expectContract(await send('GET', '/api/v1/alerts'), 'GET /api/v1/alerts');
      // Every seeded alert, page by page at the largest page size, so no record escapes the contract.
      const Paging = z.looseObject({ pages: z.number() });
      for (let page = 1, pages = 1; page <= pages; page += 1) {
        const reply = await send('GET', `/api/v1/alerts?page=${page}&page_size=200`);
        expectContract(reply, 'GET /api/v1/alerts');
        pages = Paging.parse(reply.body).pages;
      }
      const { items } = await fetchAs('/api/v1/alerts?page_size=50', AlertPage);
      const { severity, status } = items[0]!;
      const filtered = await send('GET', `/api/v1/alerts?severity=${severity}&status=${status}&page=1&page_size=5`);
      expectContract(filtered, 'GET /api/v1/alerts');
      const page = AlertPage.parse(filtered.body);
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.length).toBeLessThanOrEqual(5);
      for (const alert of page.items) expect(alert).toMatchObject({ severity, status });
      const second = await send('GET', '/api/v1/alerts?page=2&page_size=3&min_confidence=0&confidence_label=high');
      expectContract(second, 'GET /api/v1/alerts');
      expect(second.body).toMatchObject({ page: 2, page_size: 3 });
    });

    it('GET /api/v1/alerts/{alert_id}', async () => {
      const { items } = await fetchAs('/api/v1/alerts?page_size=25', AlertPage);
      for (const alert of items) expectContract(await send('GET', path`/api/v1/alerts/${alert.id}`), 'GET /api/v1/alerts/{alert_id}');
    });

    it('GET /api/v1/cases', async () => {
      expectContract(await send('GET', '/api/v1/cases'), 'GET /api/v1/cases');
      const { status } = await firstCase();
      const filtered = await send('GET', `/api/v1/cases?status=${status}&limit=3&offset=1`);
      expectContract(filtered, 'GET /api/v1/cases');
      const cases = CaseList.parse(filtered.body);
      expect(cases.length).toBeLessThanOrEqual(3);
      for (const item of cases) expect(item.status).toBe(status);
    });

    it('GET /api/v1/cases/{case_id}', async () => {
      for (const item of await allCases()) expectContract(await send('GET', path`/api/v1/cases/${item.id}`), 'GET /api/v1/cases/{case_id}');
      const first = await firstCase();
      expect(first.case_number, 'cases carry a case number').not.toBeNull();
      const byNumber = await send('GET', path`/api/v1/cases/${first.case_number!}`);
      expectContract(byNumber, 'GET /api/v1/cases/{case_id}');
      expect(byNumber.body).toMatchObject({ id: first.id });
    });

    it('GET /api/v1/cases/{case_id}/timeline', async () => {
      for (const item of await allCases()) {
        expectContract(await send('GET', path`/api/v1/cases/${item.id}/timeline`), 'GET /api/v1/cases/{case_id}/timeline');
      }
    });

    it('POST /api/v1/cases/{case_id}/investigate', async () => {
      const first = await firstCase();
      const started = await send('POST', path`/api/v1/cases/${first.id}/investigate`, { body: { alert_summary: 'contract test: triage this case' } });
      expectContract(started, 'POST /api/v1/cases/{case_id}/investigate');
      expect(started.body).toMatchObject({ case_id: first.id, status: 'running' });
      // The live run it started is served by the same contract as the seeded ones.
      const runId = z.looseObject({ run_id: z.string() }).parse(started.body).run_id;
      expectContract(await send('GET', path`/api/v1/investigations/${runId}`), 'GET /api/v1/investigations/{run_id}');
    });

    it('GET /api/v1/investigations', async () => {
      expectContract(await send('GET', '/api/v1/investigations'), 'GET /api/v1/investigations');
      const run = await completedRun();
      const filtered = await send('GET', `/api/v1/investigations?case_id=${encodeURIComponent(run.case_id)}&status=completed&limit=2`);
      expectContract(filtered, 'GET /api/v1/investigations');
      const runs = RunList.parse(filtered.body);
      expect(runs.length).toBeGreaterThan(0);
      expect(runs.length).toBeLessThanOrEqual(2);
      for (const item of runs) expect(item).toMatchObject({ case_id: run.case_id, status: 'completed' });
    });

    it('GET /api/v1/investigations/{run_id}', async () => {
      const runs = await fetchAs('/api/v1/investigations?limit=200', RunList);
      expect(new Set(runs.map((r) => r.status)), 'runs in every state').toEqual(new Set(['running', 'completed', 'failed']));
      for (const run of runs) expectContract(await send('GET', path`/api/v1/investigations/${run.id}`), 'GET /api/v1/investigations/{run_id}');
    });

    it('GET /api/v1/investigations/{run_id}/events', async () => {
      for (const { id } of await fetchAs('/api/v1/investigations?limit=200', RunList)) {
        expectContract(await send('GET', `${path`/api/v1/investigations/${id}/events`}?limit=1000`), 'GET /api/v1/investigations/{run_id}/events');
      }
      const run = await completedRun();
      const first = await send('GET', `${path`/api/v1/investigations/${run.id}/events`}?since=0&limit=3`);
      expectContract(first, 'GET /api/v1/investigations/{run_id}/events');
      const page = EventPage.parse(first.body);
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.length).toBeLessThanOrEqual(3);
      expect(page.next_seq, 'a page of a longer ledger gives the next cursor').not.toBeNull();
      const next = await send('GET', `${path`/api/v1/investigations/${run.id}/events`}?since=${page.next_seq}`);
      expectContract(next, 'GET /api/v1/investigations/{run_id}/events');
      for (const event of EventPage.parse(next.body).items) expect(event.seq).toBeGreaterThan(page.next_seq!);
    });

    it('GET /api/v1/investigations/{run_id}/explain', async () => {
      for (const run of await fetchAs('/api/v1/investigations?limit=200', RunList)) {
        const { items } = await fetchAs(`${path`/api/v1/investigations/${run.id}/events`}?limit=1000`, EventPage);
        if (items.length === 0) continue;
        // First, a middle and the last step: previous/next are null at the ends and objects between.
        const steps = [items[0]!, items[Math.floor(items.length / 2)]!, items[items.length - 1]!].map((e) => e.seq);
        for (const step of new Set(steps)) {
          expectContract(await send('GET', `${path`/api/v1/investigations/${run.id}/explain`}?step=${step}`), 'GET /api/v1/investigations/{run_id}/explain');
        }
      }
    });

    it('GET /api/v1/rules', async () => {
      expectContract(await send('GET', '/api/v1/rules'), 'GET /api/v1/rules');
      const [rule] = await fetchAs('/api/v1/rules', RuleList);
      expect(rule).toBeDefined();
      const filtered = await send('GET', `/api/v1/rules?category=${encodeURIComponent(rule!.category)}&rule_language=${encodeURIComponent(rule!.rule_language)}&include_builtin=true`);
      expectContract(filtered, 'GET /api/v1/rules');
      const rules = RuleList.parse(filtered.body);
      expect(rules.length).toBeGreaterThan(0);
      for (const item of rules) expect(item).toMatchObject({ category: rule!.category, rule_language: rule!.rule_language });
    });

    it('GET /api/v1/rules/{rule_id}', async () => {
      const rules = await fetchAs('/api/v1/rules', RuleList);
      for (const rule of rules) expectContract(await send('GET', path`/api/v1/rules/${rule.id}`), 'GET /api/v1/rules/{rule_id}');
    });

    it('GET /api/v1/lake/schema', async () => {
      expectContract(await send('GET', '/api/v1/lake/schema'), 'GET /api/v1/lake/schema');
    });

    it('POST /api/v1/lake/sql', async () => {
      const { tables } = await fetchAs('/api/v1/lake/schema', LakeSchema);
      const table = tables[0]!.table;
      const reply = await send('POST', '/api/v1/lake/sql', { body: { sql: `SELECT * FROM ${table} LIMIT 10`, row_cap: 3, timeout_seconds: 10 } });
      expectContract(reply, 'POST /api/v1/lake/sql');
      expect(reply.body).toMatchObject({ row_cap: 3, referenced_tables: [table] });
      expect(z.looseObject({ rows: z.array(z.unknown()) }).parse(reply.body).rows.length).toBeLessThanOrEqual(3);
    });

    it('GET /api/v1/evaluations/replay', async () => {
      expectContract(await send('GET', '/api/v1/evaluations/replay'), 'GET /api/v1/evaluations/replay');
      const limited = await send('GET', '/api/v1/evaluations/replay?limit=1');
      expectContract(limited, 'GET /api/v1/evaluations/replay');
      expect(z.array(WithId).parse(limited.body)).toHaveLength(1);
    });

    it('GET /api/v1/evaluations/replay/{evaluation_id}', async () => {
      const evaluations = await fetchAs('/api/v1/evaluations/replay', z.array(WithId));
      expect(evaluations.length).toBeGreaterThan(0);
      for (const evaluation of evaluations) {
        expectContract(await send('GET', path`/api/v1/evaluations/replay/${evaluation.id}`), 'GET /api/v1/evaluations/replay/{evaluation_id}');
      }
    });

    it('GET /api/v1/live-actions', async () => {
      expectContract(await send('GET', '/api/v1/live-actions'), 'GET /api/v1/live-actions');
      const { executors } = await fetchAs('/api/v1/live-actions', ActionCatalog);
      const { capability } = executors[0]!;
      const filtered = await send('GET', `/api/v1/live-actions?capability=${encodeURIComponent(capability)}`);
      expectContract(filtered, 'GET /api/v1/live-actions');
      for (const executor of ActionCatalog.parse(filtered.body).executors) expect(executor.capability).toBe(capability);
    });

    it('POST /api/v1/live-actions/dry-run', async () => {
      const { executors } = await fetchAs('/api/v1/live-actions', ActionCatalog);
      const { vendor_id, capability } = executors[0]!;
      const reply = await send('POST', '/api/v1/live-actions/dry-run', { body: { vendor_id, capability, target: 'ws-contract-01', params: {} } });
      expectContract(reply, 'POST /api/v1/live-actions/dry-run');
      expect(reply.body).toMatchObject({ mode: 'dry_run' });
    });

    it('POST /api/v1/agents/hunt', async () => {
      const reply = await send('POST', '/api/v1/agents/hunt', { body: { hypothesis: 'brute force against VPN accounts followed by a successful login' } });
      expectContract(reply, 'POST /api/v1/agents/hunt');
    });

    it('GET /api/v1/audit', async () => {
      expectContract(await send('GET', '/api/v1/audit'), 'GET /api/v1/audit');
      const paged = await send('GET', '/api/v1/audit?page=1&page_size=2');
      expectContract(paged, 'GET /api/v1/audit');
      expect(paged.body).toMatchObject({ page: 1, page_size: 2 });
    });
  });

  describe('error responses', () => {
    it('404 on an unknown alert is a FastAPI detail error', async () => {
      const reply = await send('GET', path`/api/v1/alerts/${ABSENT_UUID}`);
      expectContract(reply, 'DetailError', 404);
      expect(reply.body).toEqual({ detail: 'Alert not found' });
    });

    it('404 on an unknown investigation run and on a step past its ledger', async () => {
      const missing = await send('GET', path`/api/v1/investigations/${ABSENT_UUID}`);
      expectContract(missing, 'DetailError', 404);
      expect(missing.body).toEqual({ detail: 'Investigation run not found' });
      const run = await completedRun();
      const pastEnd = await send('GET', `${path`/api/v1/investigations/${run.id}/explain`}?step=999999`);
      expectContract(pastEnd, 'DetailError', 404);
      expect(pastEnd.body).toEqual({ detail: 'No event with seq=999999 for this run' });
    });

    it('422 on out-of-range and missing parameters is an HTTPValidationError', async () => {
      for (const url of ['/api/v1/alerts?page_size=0', '/api/v1/alerts?page=0', '/api/v1/cases?limit=501']) {
        const reply = await send('GET', url);
        expectContract(reply, 'HTTPValidationError', 422);
        // The spec leaves `detail` optional; a validation error that names nothing helps no one.
        z.looseObject({ detail: z.array(z.unknown()).min(1) }).parse(reply.body);
      }
      const run = await completedRun();
      expectContract(await send('GET', path`/api/v1/investigations/${run.id}/explain`), 'HTTPValidationError', 422);
      expectContract(await send('POST', '/api/v1/agents/hunt', { body: { hypothesis: '' } }), 'HTTPValidationError', 422);
    });

    it('401 without a key, with an expired key and with a revoked key', async () => {
      const cases: Array<[string | null, string]> = [
        [null, 'Not authenticated'],
        [sandbox.keys.expired, 'API key has expired'],
        [sandbox.keys.revoked, 'Invalid or revoked API key'],
      ];
      for (const [key, detail] of cases) {
        const reply = await send('GET', '/api/v1/alerts', { key });
        expectContract(reply, 'DetailError', 401);
        expect(reply.body).toEqual({ detail });
        expect(reply.headers.get('www-authenticate')).toBe('Bearer');
      }
    });

    it('403 when the key lacks the scope', async () => {
      const cases: Array<[string, 'GET' | 'POST', string, unknown, string]> = [
        [sandbox.keys.alertsOnly, 'GET', '/api/v1/investigations', undefined, 'cases:read'],
        [sandbox.keys.readOnly, 'POST', '/api/v1/live-actions/dry-run', { vendor_id: 'x', capability: 'isolate_host' }, 'actions:execute'],
      ];
      for (const [key, method, url, body, scope] of cases) {
        const reply = await send(method, url, { key, body });
        expectContract(reply, 'DetailError', 403);
        expect(reply.body).toEqual({ detail: `API key missing scope: ${scope}` });
      }
    });
  });
});
