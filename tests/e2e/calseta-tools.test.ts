import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calsetaTools } from '../../src/connectors/calseta/catalog.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { connectServe, type Connected } from '../helpers/cli.js';
import { addFault, clearSandbox, requestsSeen } from '../helpers/sandbox-control.js';

/**
 * Every Calseta tool and resource end to end: the built CLI over real stdio against the sandbox's
 * Calseta face, a happy and an error path each, plus scope loss, read-only mode, the approval flow
 * and the faults the issue names (HTML with 200, 429 with Retry-After).
 */

type Json = Record<string, unknown>;
type KeyName = 'admin' | 'readOnly' | 'alertsRead' | 'agent' | 'expired';
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

let sandbox: SandboxHandle;
const sessions = new Map<string, Connected>();
let ids: { alert: string; rule: string; document: string; blockIp: string; blockHash: string; draft: string };

async function calseta<T>(path: string): Promise<T> {
  const res = await fetch(`${sandbox.url}/v1${path}`, { headers: { authorization: `Bearer ${sandbox.calsetaKeys.admin}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { data: T }).data;
}

/** One serve process per key and flag set, started on first use and shared by the tests. */
async function session(key: KeyName, flags: string[] = []): Promise<Connected> {
  const id = `${key} ${flags.join(' ')}`;
  const existing = sessions.get(id);
  if (existing) return existing;
  const connected = await connectServe(['--backend', 'calseta', '--url', sandbox.url, ...flags], { env: { SOCBRIDGE_API_KEY: sandbox.calsetaKeys[key] } });
  sessions.set(id, connected);
  return connected;
}

async function call(tool: string, args: Json, key: KeyName = 'admin'): Promise<{ isError: boolean; text: string; json?: Json }> {
  const { client } = await session(key);
  const result = await client.callTool({ name: tool, arguments: args });
  const text = (result.content as Array<{ type: string; text: string }>)[0]?.text ?? '';
  return { isError: result.isError === true, text, json: result.isError ? undefined : (result.structuredContent as Json) };
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'calseta-e2e' });
  const alerts = await calseta<Json[]>('/alerts?page_size=50');
  const withRule = alerts.find((a) => a.detection_rule_id !== null) ?? alerts[0]!;
  const rules = await calseta<Json[]>('/detection-rules?page_size=1');
  const documents = await calseta<Json[]>('/context-documents?page_size=1');
  const workflows = await calseta<Json[]>('/workflows?page_size=50');
  const workflow = (name: string) => String(workflows.find((w) => String(w.name).startsWith(name))?.uuid);
  ids = {
    alert: String(withRule.uuid),
    rule: String(rules[0]!.uuid),
    document: String(documents[0]!.uuid),
    blockIp: workflow('Block IP'),
    blockHash: workflow('Add hash'),
    draft: String(workflows.find((w) => w.state === 'draft')?.uuid),
  };
});
afterAll(async () => {
  await Promise.all([...sessions.values()].map((s) => s.close()));
  await sandbox.close();
});

interface Case {
  tool: string;
  happy: () => Json;
  expectHappy: (r: Json) => void;
  error: () => { args: Json; key?: KeyName; text: RegExp };
}

const cases: Case[] = [
  {
    tool: 'calseta_search_alerts',
    happy: () => ({ severity: ['High', 'Critical'], status: ['Open', 'Triaging', 'Escalated'], page_size: 3 }),
    expectHappy: (r) => {
      expect((r.items as Json[]).length).toBe(3);
      expect((r.items as Json[]).every((a) => ['High', 'Critical'].includes(String(a.severity)) && a.status !== 'Closed')).toBe(true);
      expect(r.next_page).toBe(2);
    },
    error: () => ({ args: { severity: ['high'] }, text: /severity/ }),
  },
  {
    tool: 'calseta_search_detection_rules',
    happy: () => ({ page_size: 5 }),
    expectHappy: (r) => expect((r.items as Json[]).length).toBeGreaterThan(0),
    error: () => ({ args: { mitre_technique: 'brute force' }, text: /MITRE technique id/ }),
  },
  {
    tool: 'calseta_list_context_documents',
    happy: () => ({ page_size: 5 }),
    expectHappy: (r) => {
      expect((r.items as Json[]).length).toBeGreaterThan(0);
      expect((r.items as Json[])[0]).not.toHaveProperty('content');
    },
    error: () => ({ args: { document_type: 'wiki' }, text: /document_type/ }),
  },
  {
    tool: 'calseta_list_workflows',
    happy: () => ({}),
    expectHappy: (r) => expect(JSON.stringify(r)).toContain(ids.blockIp),
    error: () => ({ args: {}, key: 'expired', text: /401: KEY_EXPIRED/ }),
  },
  {
    tool: 'calseta_list_workflow_runs',
    happy: () => ({ page_size: 5 }),
    expectHappy: (r) => expect((r.items as Json[]).length).toBeGreaterThan(0),
    error: () => ({ args: { status: 'running' }, text: /status/ }),
  },
  {
    tool: 'calseta_list_enrichment_providers',
    happy: () => ({}),
    expectHappy: (r) => expect(JSON.stringify(r)).toContain('virustotal'),
    error: () => ({ args: { extra: 1 }, text: /extra|Unrecognized/i }),
  },
  {
    tool: 'calseta_get_metrics_summary',
    happy: () => ({}),
    expectHappy: (r) => expect(r).toHaveProperty('alerts'),
    error: () => ({ args: {}, key: 'expired', text: /401/ }),
  },
  {
    tool: 'calseta_get_alert',
    happy: () => ({ alert_uuid: ids.alert }),
    expectHappy: (r) => {
      expect((r.alert as Json).uuid).toBe(ids.alert);
      expect(r).toHaveProperty('indicators');
      expect(r).toHaveProperty('enrichment');
      expect(r.alert).not.toHaveProperty('raw_payload');
    },
    error: () => ({ args: { alert_uuid: UNKNOWN_UUID }, text: new RegExp(`no alert with alert_uuid "${UNKNOWN_UUID}" \\(404.*Call calseta_search_alerts`) }),
  },
  {
    tool: 'calseta_get_alert_context',
    happy: () => ({ alert_uuid: ids.alert }),
    expectHappy: (r) => expect(Array.isArray(r.items)).toBe(true),
    error: () => ({ args: { alert_uuid: 'not-a-uuid' }, text: /UUID/ }),
  },
  {
    tool: 'calseta_list_findings',
    happy: () => ({ alert_uuid: ids.alert }),
    expectHappy: (r) => expect(r.alert_uuid).toBe(ids.alert),
    error: () => ({ args: { alert_uuid: UNKNOWN_UUID }, text: /no alert with alert_uuid/ }),
  },
  {
    tool: 'calseta_get_alert_activity',
    happy: () => ({ alert_uuid: ids.alert }),
    expectHappy: (r) => expect((r.items as Json[]).length).toBeGreaterThan(0),
    error: () => ({ args: { alert_uuid: UNKNOWN_UUID }, text: /no alert with alert_uuid/ }),
  },
  {
    tool: 'calseta_get_detection_rule',
    happy: () => ({ rule_uuid: ids.rule }),
    expectHappy: (r) => {
      expect(r.uuid).toBe(ids.rule);
      expect(r).toHaveProperty('mitre_techniques');
    },
    error: () => ({ args: { rule_uuid: UNKNOWN_UUID }, text: /no detection rule with rule_uuid.*calseta_search_detection_rules/ }),
  },
  {
    tool: 'calseta_get_context_document',
    happy: () => ({ document_uuid: ids.document }),
    expectHappy: (r) => expect(typeof r.content).toBe('string'),
    error: () => ({ args: { document_uuid: UNKNOWN_UUID }, text: /no context document with document_uuid.*calseta_list_context_documents/ }),
  },
  {
    tool: 'calseta_get_workflow',
    happy: () => ({ workflow_uuid: ids.blockIp }),
    expectHappy: (r) => {
      expect(r.uuid).toBe(ids.blockIp);
      expect(r).not.toHaveProperty('code');
      expect(r).toHaveProperty('code_omitted');
    },
    error: () => ({ args: { workflow_uuid: UNKNOWN_UUID }, text: /no workflow with workflow_uuid.*calseta_list_workflows/ }),
  },
  {
    tool: 'calseta_enrich_indicator',
    happy: () => ({ type: 'ip', value: '10.1.2.3' }),
    expectHappy: (r) => expect(r).toMatchObject({ skipped: true, enriched: false }),
    error: () => ({ args: { type: 'ip', value: '203.0.113.9' }, key: 'alertsRead', text: /needs the scope "enrichments:read"/ }),
  },
  {
    tool: 'calseta_post_finding',
    happy: () => ({ alert_uuid: ids.alert, summary: 'e2e: reviewed, benign scanner', confidence: 'medium' }),
    expectHappy: (r) => expect(r).toMatchObject({ posted: true, finding: { summary: 'e2e: reviewed, benign scanner' } }),
    error: () => ({ args: { alert_uuid: UNKNOWN_UUID, summary: 'x' }, text: /no alert with alert_uuid/ }),
  },
  {
    tool: 'calseta_update_alert_status',
    happy: () => ({ alert_uuid: ids.alert, status: 'Triaging' }),
    expectHappy: (r) => expect((r.alert as Json).status).toBe('Triaging'),
    error: () => ({ args: { alert_uuid: ids.alert, status: 'Closed' }, text: /closing an alert needs close_classification, one of "True Positive - Suspicious Activity"/ }),
  },
  {
    tool: 'calseta_set_alert_malice',
    happy: () => ({ alert_uuid: ids.alert, malice: 'Suspicious' }),
    expectHappy: (r) => expect((r.alert as Json).malice_override).toBe('Suspicious'),
    error: () => ({ args: { alert_uuid: ids.alert, malice: 'Evil' }, text: /malice/ }),
  },
  {
    tool: 'calseta_execute_workflow',
    happy: () => ({ workflow_uuid: ids.blockHash, indicator_type: 'hash_sha256', indicator_value: 'a'.repeat(64), reason: 'known ransomware hash', confidence: 0.9 }),
    expectHappy: (r) => expect(r).toMatchObject({ status: 'queued', queued: true }),
    error: () => ({
      args: { workflow_uuid: ids.draft, indicator_type: 'ip', indicator_value: '203.0.113.9', reason: 'r', confidence: 0.5 },
      text: /WORKFLOW_NOT_EXECUTABLE/,
    }),
  },
];

it('covers every tool in the catalog', () => {
  expect(cases.map((c) => c.tool).sort()).toEqual(calsetaTools.map((t) => t.name).sort());
});

describe.each(cases.map((c) => [c.tool, c] as const))('%s', (tool, c) => {
  it('happy path', async () => {
    const result = await call(tool, c.happy());
    expect(result.isError, result.text).toBe(false);
    c.expectHappy(result.json!);
    expect(result.text).toBe(JSON.stringify(result.json));
  });

  it('error path', async () => {
    const { args, key, text } = c.error();
    const result = await call(tool, args, key);
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(text);
    expect(result.text).not.toContain(sandbox.calsetaKeys[key ?? 'admin']);
  });
});

describe('resources', () => {
  it('lists the calseta:// resources and templates Calseta’s own MCP server offers', async () => {
    const { client } = await session('admin');
    const { resources } = await client.listResources();
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resources.map((r) => r.uri).sort()).toEqual(['calseta://alerts', 'calseta://context-documents', 'calseta://detection-rules', 'calseta://metrics/summary', 'calseta://workflows']);
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      'calseta://alerts/{uuid}',
      'calseta://alerts/{uuid}/activity',
      'calseta://alerts/{uuid}/context',
      'calseta://context-documents/{uuid}',
      'calseta://detection-rules/{uuid}',
      'calseta://enrichments/{type}/{value}',
      'calseta://workflows/{uuid}',
    ]);
  });

  const reads: Array<[string, () => string, (body: Json) => void]> = [
    ['calseta://alerts', () => 'calseta://alerts', (b) => expect((b.items as Json[]).length).toBeGreaterThan(0)],
    ['calseta://alerts/{uuid}', () => `calseta://alerts/${ids.alert}`, (b) => expect((b.alert as Json).uuid).toBe(ids.alert)],
    ['calseta://alerts/{uuid}/context', () => `calseta://alerts/${ids.alert}/context`, (b) => expect(b.alert_uuid).toBe(ids.alert)],
    ['calseta://alerts/{uuid}/activity', () => `calseta://alerts/${ids.alert}/activity`, (b) => expect((b.items as Json[]).length).toBeGreaterThan(0)],
    ['calseta://detection-rules', () => 'calseta://detection-rules', (b) => expect((b.items as Json[]).length).toBeGreaterThan(0)],
    ['calseta://detection-rules/{uuid}', () => `calseta://detection-rules/${ids.rule}`, (b) => expect(b.uuid).toBe(ids.rule)],
    ['calseta://context-documents', () => 'calseta://context-documents', (b) => expect((b.items as Json[]).length).toBeGreaterThan(0)],
    ['calseta://context-documents/{uuid}', () => `calseta://context-documents/${ids.document}`, (b) => expect(b.uuid).toBe(ids.document)],
    ['calseta://workflows', () => 'calseta://workflows', (b) => expect((b.items as Json[]).length).toBeGreaterThan(0)],
    ['calseta://workflows/{uuid}', () => `calseta://workflows/${ids.blockIp}`, (b) => expect(typeof b.code).toBe('string')],
    ['calseta://metrics/summary', () => 'calseta://metrics/summary', (b) => expect(b).toHaveProperty('alerts')],
    ['calseta://enrichments/{type}/{value}', () => 'calseta://enrichments/domain/evil-updates.example.net', (b) => expect(b).toMatchObject({ type: 'domain', value: 'evil-updates.example.net' })],
  ];
  it.each(reads)('reads %s', async (_name, uri, check) => {
    const { client } = await session('admin');
    const { contents } = await client.readResource({ uri: uri() });
    const first = contents[0] as { text: string; mimeType?: string };
    expect(first.mimeType).toBe('application/json');
    check(JSON.parse(first.text) as Json);
  });

  it('a resource for an unknown record fails with the explanation, not a crash', async () => {
    const { client } = await session('admin');
    await expect(client.readResource({ uri: `calseta://alerts/${UNKNOWN_UUID}` })).rejects.toThrow(/404/);
    await expect(client.readResource({ uri: 'calseta://enrichments/ipv9/1.2.3.4' })).rejects.toThrow(/not an indicator type/);
  });
});

describe('scope awareness', () => {
  it('a 403 for a scope hides every tool needing it and sends tools/list_changed', async () => {
    const connected = await connectServe(['--backend', 'calseta', '--url', sandbox.url], { env: { SOCBRIDGE_API_KEY: sandbox.calsetaKeys.alertsRead } });
    try {
      const { client } = connected;
      const changed = new Promise<void>((resolve) => client.setNotificationHandler('notifications/tools/list_changed', () => resolve()));
      const before = (await client.listTools()).tools.map((t) => t.name);
      expect(before).toContain('calseta_list_workflows');
      const result = await client.callTool({ name: 'calseta_list_workflows', arguments: {} });
      const text = (result.content as Array<{ text: string }>)[0]!.text;
      expect(result.isError).toBe(true);
      expect(text).toMatch(/403: FORBIDDEN.*workflows:read.*hides the tools that need workflows:read/s);
      await changed;
      const after = (await client.listTools()).tools.map((t) => t.name);
      const needing = calsetaTools.filter((t) => t.scope === 'workflows:read').map((t) => t.name);
      for (const name of needing) expect(after).not.toContain(name);
      expect(after).toContain('calseta_search_alerts');
    } finally {
      await connected.close();
    }
  });
});

describe('modes and flows', () => {
  it('--read-only hides every write tool', async () => {
    const { client } = await session('admin', ['--read-only']);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(calsetaTools.filter((t) => !t.writes).map((t) => t.name));
    expect(names).not.toContain('calseta_execute_workflow');
  });

  it('an agent key executing an approval-gated workflow gets pending_approval, the approval id, expiry and the human step', async () => {
    const result = await call('calseta_execute_workflow', { workflow_uuid: ids.blockIp, indicator_type: 'ip', indicator_value: '203.0.113.77', reason: 'C2 beaconing', confidence: 0.8 }, 'agent');
    expect(result.isError, result.text).toBe(false);
    expect(result.json).toMatchObject({ status: 'pending_approval', executed: false });
    expect(result.json!.approval_request_uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof result.json!.expires_at).toBe('string');
    expect(String(result.json!.human_action_required)).toMatch(/must approve/);
  });

  it('Closed without a classification sends no request at all', async () => {
    await clearSandbox(sandbox);
    const result = await call('calseta_update_alert_status', { alert_uuid: ids.alert, status: 'Closed' });
    expect(result.isError).toBe(true);
    expect((await requestsSeen(sandbox)).filter((r) => r.tool === 'calseta_update_alert_status')).toEqual([]);
    const closed = await call('calseta_update_alert_status', { alert_uuid: ids.alert, status: 'Closed', close_classification: 'Benign Positive - Suspicious but Expected' });
    expect(closed.json).toMatchObject({ alert: { status: 'Closed', close_classification: 'Benign Positive - Suspicious but Expected' } });
  });

  it('an HTML page with 200 is explained as the Calseta UI', async () => {
    await clearSandbox(sandbox);
    await addFault(sandbox, { method: 'GET', path: '^/v1/alerts$', fault: { type: 'html' } });
    const result = await call('calseta_search_alerts', {});
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/not JSON.*this URL serves the Calseta UI, not its API: use the API port/s);
  });

  it('429 with Retry-After is retried, then succeeds', async () => {
    await clearSandbox(sandbox);
    await addFault(sandbox, {
      method: 'GET',
      path: '^/v1/alerts$',
      fault: { type: 'status', status: 429, retryAfter: 0, body: { error: { code: 'RATE_LIMITED', message: 'Rate limit exceeded. Retry after 0 seconds.', details: { retry_after_seconds: 0 } } } },
    });
    const result = await call('calseta_search_alerts', { page_size: 1 });
    expect(result.isError, result.text).toBe(false);
    expect((await requestsSeen(sandbox)).filter((r) => r.path.startsWith('/v1/alerts')).map((r) => r.status)).toEqual([429, 200]);
  });
});
