import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aisocTools } from '../../src/connectors/aisoc/catalog.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { connectServe, type Connected, type Era } from '../helpers/cli.js';
import { clearSandbox, requestsSeen, sandboxGet } from '../helpers/sandbox-control.js';

type Json = Record<string, unknown>;
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

let sandbox: SandboxHandle;
/** Real ids picked from the sandbox, so no test hard-codes the dataset. */
let ids: { alert: string; caseId: string; caseNumber: string; rule: string; run: string; runSteps: number; evaluation: string; vendor: string; capability: string };

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'tools-e2e', runStepMs: 10 });
  const alerts = await sandboxGet<{ items: Json[] }>(sandbox, '/api/v1/alerts?page_size=1');
  const cases = await sandboxGet<Json[]>(sandbox, '/api/v1/cases?limit=1');
  const rules = await sandboxGet<Json[]>(sandbox, '/api/v1/rules');
  const runs = await sandboxGet<Json[]>(sandbox, '/api/v1/investigations?status=completed&limit=1');
  const run = await sandboxGet<Json>(sandbox, `/api/v1/investigations/${String(runs[0]!.id)}`);
  const evaluations = await sandboxGet<Json[] | { items: Json[] }>(sandbox, '/api/v1/evaluations/replay');
  const actions = await sandboxGet<{ executors: Json[] }>(sandbox, '/api/v1/live-actions');
  const evaluationList = Array.isArray(evaluations) ? evaluations : evaluations.items;
  ids = {
    alert: String(alerts.items[0]!.id),
    caseId: String(cases[0]!.id),
    caseNumber: String(cases[0]!.case_number),
    rule: String(rules[0]!.id),
    run: String(runs[0]!.id),
    runSteps: Number(run.event_count),
    evaluation: String(evaluationList[0]!.id),
    vendor: String(actions.executors[0]!.vendor_id),
    capability: String(actions.executors[0]!.capability),
  };
});
afterAll(async () => {
  await sandbox.close();
});

interface Case {
  tool: string;
  happy: () => Json;
  /** What a successful result must contain. */
  expectHappy: (r: Json) => void;
  /** An error path: the arguments, which key, and what the model must be told. */
  error: () => { args: Json; key?: 'alertsOnly' | 'readOnly'; text: RegExp };
}

const cases: Case[] = [
  {
    tool: 'aisoc_list_alerts',
    happy: () => ({ severity: 'high', page_size: 5 }),
    expectHappy: (r) => {
      expect((r.items as Json[]).every((a) => a.severity === 'high')).toBe(true);
      expect(r.total).toBeGreaterThan(5);
      expect(r.next_page).toBe(2);
    },
    error: () => ({ args: { severity: 'urgent' }, text: /severity/ }),
  },
  {
    tool: 'aisoc_list_cases',
    happy: () => ({ limit: 3 }),
    expectHappy: (r) => {
      expect(r.items).toHaveLength(3);
      expect(r.next_cursor).toBe(3);
    },
    // AiSOC lets any authenticated key list cases, so the error path is a value outside the enum.
    error: () => ({ args: { status: 'archived' }, text: /status/ }),
  },
  {
    tool: 'aisoc_query_detections',
    happy: () => ({ limit: 5 }),
    expectHappy: (r) => expect((r.items as Json[]).length).toBe(5),
    error: () => ({ args: {}, key: 'alertsOnly', text: /needs the scope "rules:read"/ }),
  },
  {
    tool: 'aisoc_list_investigations',
    happy: () => ({ status: 'completed' }),
    expectHappy: (r) => expect((r.items as Json[]).every((x) => x.status === 'completed')).toBe(true),
    error: () => ({ args: { status: 'paused' }, text: /status/ }),
  },
  {
    tool: 'aisoc_list_replay_reports',
    happy: () => ({}),
    expectHappy: (r) => expect((r.items as Json[]).length).toBeGreaterThan(0),
    error: () => ({ args: {}, key: 'alertsOnly', text: /needs the scope "reports:read"/ }),
  },
  {
    tool: 'aisoc_list_actions',
    happy: () => ({}),
    expectHappy: (r) => expect(JSON.stringify(r)).toContain(ids.capability),
    error: () => ({ args: {}, key: 'alertsOnly', text: /needs the scope "actions:read"/ }),
  },
  {
    tool: 'aisoc_lake_schema',
    happy: () => ({}),
    expectHappy: (r) => expect(JSON.stringify(r)).toContain('columns'),
    error: () => ({ args: {}, key: 'alertsOnly', text: /403/ }),
  },
  {
    tool: 'aisoc_get_alert',
    happy: () => ({ alert_id: ids.alert }),
    expectHappy: (r) => {
      expect(r.id).toBe(ids.alert);
      expect(r).not.toHaveProperty('raw_event');
    },
    error: () => ({ args: { alert_id: UNKNOWN_UUID }, text: new RegExp(`no alert with alert_id "${UNKNOWN_UUID}" \\(404: Alert not found\\)\\. Call aisoc_list_alerts`) }),
  },
  {
    tool: 'aisoc_get_case',
    happy: () => ({ case_id: ids.caseNumber, include_timeline: true }),
    expectHappy: (r) => {
      expect(r.id).toBe(ids.caseId);
      expect((r.timeline as unknown[]).length).toBeGreaterThan(0);
    },
    error: () => ({ args: { case_id: 'INC-999999' }, text: /no case with case_id "INC-999999".*Call aisoc_list_cases/s }),
  },
  {
    tool: 'aisoc_get_detection_rule',
    happy: () => ({ rule_id: ids.rule }),
    expectHappy: (r) => expect(r.id).toBe(ids.rule),
    error: () => ({ args: { rule_id: UNKNOWN_UUID }, text: /404.*aisoc_query_detections/s }),
  },
  {
    tool: 'aisoc_get_investigation',
    happy: () => ({ run_id: ids.run }),
    expectHappy: (r) => expect(JSON.stringify(r)).toContain(ids.run),
    error: () => ({ args: { run_id: UNKNOWN_UUID }, text: /Investigation run not found.*aisoc_list_investigations/s }),
  },
  {
    tool: 'aisoc_get_triage_verdict',
    happy: () => ({ alert_id: ids.alert }),
    expectHappy: (r) => expect(JSON.stringify(r)).toContain(ids.alert),
    error: () => ({ args: { alert_id: UNKNOWN_UUID }, text: /Alert not found/ }),
  },
  {
    tool: 'aisoc_get_replay_report',
    happy: () => ({ evaluation_id: ids.evaluation }),
    expectHappy: (r) => expect(JSON.stringify(r)).toContain(ids.evaluation),
    error: () => ({ args: { evaluation_id: UNKNOWN_UUID }, text: /404.*aisoc_list_replay_reports/s }),
  },
  {
    tool: 'aisoc_lake_query',
    happy: () => ({ sql: 'SELECT COUNT(*) AS n FROM auth_events', row_cap: 10 }),
    expectHappy: (r) => expect(JSON.stringify(r)).toMatch(/"n"/),
    error: () => ({ args: { sql: 'DELETE FROM auth_events' }, text: /SELECT/ }),
  },
  {
    tool: 'aisoc_run_hunt',
    happy: () => ({ hypothesis: 'An attacker is password-spraying accounts from anonymising infrastructure' }),
    expectHappy: (r) => expect(r).toHaveProperty('hypothesis'),
    error: () => ({ args: { hypothesis: 'x' }, key: 'alertsOnly', text: /needs the scope "hunts:read"/ }),
  },
  {
    tool: 'aisoc_run_investigation',
    happy: () => ({ case_id: ids.caseNumber, wait_seconds: 30 }),
    expectHappy: (r) => expect(r.status).toBe('completed'),
    error: () => ({ args: { case_id: 'INC-999999' }, text: /no case with case_id "INC-999999"/ }),
  },
  {
    tool: 'aisoc_preview_action',
    happy: () => ({ vendor_id: ids.vendor, capability: ids.capability, target: '203.0.113.7', params: {} }),
    expectHappy: (r) => expect(JSON.stringify(r)).toContain('dry_run'),
    error: () => ({ args: { vendor_id: ids.vendor, capability: ids.capability, params: {} }, key: 'readOnly', text: /needs the scope "actions:execute"/ }),
  },
  {
    tool: 'aisoc_replay_decision',
    happy: () => ({ run_id: ids.run, limit: 3 }),
    expectHappy: (r) => {
      expect((r.items as Json[]).map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(r.next_cursor).toBe(3);
    },
    error: () => ({ args: { run_id: UNKNOWN_UUID }, text: /Investigation run not found/ }),
  },
  {
    tool: 'aisoc_explain_step',
    happy: () => ({ run_id: ids.run, step: 1 }),
    expectHappy: (r) => expect(JSON.stringify(r)).toContain('focus'),
    error: () => ({ args: { run_id: ids.run, step: 9999 }, text: /has no step with seq 9999\. Call aisoc_replay_decision/ }),
  },
];

it('covers every tool in the catalog', () => {
  expect(cases.map((c) => c.tool).sort()).toEqual(aisocTools.map((t) => t.name).sort());
});

const textOf = (r: { content: unknown }) => (r.content as Array<{ text: string }>).map((c) => c.text).join('');

describe.each(['legacy', 'modern'] as Era[])('every AiSOC tool end to end (%s era)', (era) => {
  const sessions: Partial<Record<'full' | 'alertsOnly' | 'readOnly', Connected>> = {};
  beforeAll(async () => {
    for (const key of ['full', 'alertsOnly', 'readOnly'] as const) {
      sessions[key] = await connectServe([], { era, env: { SOCBRIDGE_URL: sandbox.url, SOCBRIDGE_API_KEY: sandbox.keys[key] } });
    }
  });
  afterAll(async () => {
    await Promise.all(Object.values(sessions).map((s) => s.close()));
  });

  describe.each(cases)('$tool', (c) => {
    it('happy path', async () => {
      const result = await sessions.full!.client.callTool({ name: c.tool, arguments: c.happy() });
      expect(result.isError, textOf(result)).toBeFalsy();
      c.expectHappy(result.structuredContent as Json);
    });

    it('error path', async () => {
      const { args, key, text } = c.error();
      await clearSandbox(sandbox);
      const result = await sessions[key ?? 'full']!.client.callTool({ name: c.tool, arguments: args });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(text);
      expect(textOf(result)).not.toContain(sandbox.keys[key ?? 'full']);
      if (c.tool === 'aisoc_lake_query') expect(await requestsSeen(sandbox)).toEqual([]);
    });
  });
});
