import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CONNECTOR_IDS, loadAllConnectors, loadConnector } from '../../src/connectors/registry.js';
import type { AnyToolSpec } from '../../src/connectors/types.js';

/**
 * The contract every connector's catalog honours, checked over every connector in the registry.
 * A new connector must add its documented tool order and write tools here, or this file fails.
 */

/** Tool order as each backend's notes document it (shared/backends/<id>.md). */
const DOCUMENTED_ORDER: Record<string, string[]> = {
  aisoc: [
    'aisoc_list_alerts',
    'aisoc_list_cases',
    'aisoc_query_detections',
    'aisoc_list_investigations',
    'aisoc_list_replay_reports',
    'aisoc_list_actions',
    'aisoc_lake_schema',
    'aisoc_get_alert',
    'aisoc_get_case',
    'aisoc_get_detection_rule',
    'aisoc_get_investigation',
    'aisoc_get_triage_verdict',
    'aisoc_get_replay_report',
    'aisoc_lake_query',
    'aisoc_run_hunt',
    'aisoc_run_investigation',
    'aisoc_preview_action',
    'aisoc_replay_decision',
    'aisoc_explain_step',
  ],
  calseta: [
    'calseta_search_alerts',
    'calseta_search_detection_rules',
    'calseta_list_context_documents',
    'calseta_list_workflows',
    'calseta_list_workflow_runs',
    'calseta_list_enrichment_providers',
    'calseta_get_metrics_summary',
    'calseta_get_alert',
    'calseta_get_alert_context',
    'calseta_list_findings',
    'calseta_get_alert_activity',
    'calseta_get_detection_rule',
    'calseta_get_context_document',
    'calseta_get_workflow',
    'calseta_enrich_indicator',
    'calseta_post_finding',
    'calseta_update_alert_status',
    'calseta_set_alert_malice',
    'calseta_execute_workflow',
  ],
};

/** Tools that change backend state or start work there, per backend. */
const DOCUMENTED_WRITES: Record<string, string[]> = {
  aisoc: ['aisoc_run_investigation'],
  calseta: ['calseta_post_finding', 'calseta_update_alert_status', 'calseta_set_alert_malice', 'calseta_execute_workflow'],
};

const TOOL_NAME = /^[a-z]+_[a-z]+(_[a-z]+)*$/;
const ARGUMENT_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
// The tenant always comes from the credential: an argument that names one is a cross-tenant hole.
const TENANT_LIKE = /\b(tenants?|tenant_?id|orgs?|org_?id|organi[sz]ations?|organi[sz]ation_?id|customers?|customer_?id)\b/i;

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; required?: string[]; additionalProperties?: unknown; description?: string; [key: string]: unknown };

const inputSchema = (spec: AnyToolSpec) => z.toJSONSchema(spec.input, { io: 'input' }) as JsonSchema;

/** Every property name and description anywhere in a JSON Schema, with where it sits. */
function schemaTexts(node: unknown, at = '$'): Array<{ at: string; text: string }> {
  if (Array.isArray(node)) return node.flatMap((child, i) => schemaTexts(child, `${at}[${i}]`));
  if (!node || typeof node !== 'object') return [];
  const out: Array<{ at: string; text: string }> = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description' && typeof value === 'string') out.push({ at, text: value });
    if (key === 'properties' && value && typeof value === 'object') {
      for (const name of Object.keys(value)) out.push({ at: `${at}.properties`, text: name });
    }
    out.push(...schemaTexts(value, `${at}.${key}`));
  }
  return out;
}

const connectors = await loadAllConnectors();

it('the registry holds at least one connector, each loaded under its own id, with a documented catalog', async () => {
  expect(CONNECTOR_IDS.length).toBeGreaterThan(0);
  for (const id of CONNECTOR_IDS) {
    expect((await loadConnector(id)).id).toBe(id);
    expect(DOCUMENTED_ORDER[id], `documented order for ${id}`).toBeDefined();
  }
});

describe.each(connectors.map((c) => [c.id, c] as const))('connector %s', (id, connector) => {
  const tools = connector.tools;
  const names = tools.map((t) => t.name);

  it('describes itself: label, instructions, scope help, a key in its auth headers', () => {
    expect(connector.label.trim()).not.toBe('');
    expect(connector.instructions.length).toBeGreaterThan(100);
    expect(connector.scopeHelp.length).toBeGreaterThan(40);
    expect(connector.apiPrefix).toMatch(/^(\/[A-Za-z0-9._-]+)*$/);
    const headers = connector.authHeaders('secret-key-value');
    expect(Object.values(headers).some((v) => v.includes('secret-key-value'))).toBe(true);
  });

  it('lists its tools in the documented order', () => {
    expect(names).toEqual(DOCUMENTED_ORDER[id]);
  });

  it('marks exactly the documented write tools as writing', () => {
    expect(tools.filter((t) => t.writes).map((t) => t.name).sort()).toEqual([...(DOCUMENTED_WRITES[id] ?? [])].sort());
  });

  it('has unique tool names', () => {
    expect(new Set(names).size).toBe(names.length);
  });

  describe.each(tools.map((t) => [t.name, t] as const))('%s', (name, spec) => {
    it('is named <backend>_<verb>_<noun> in snake_case, at most 64 characters', () => {
      expect(name).toMatch(TOOL_NAME);
      expect(name.startsWith(`${id}_`)).toBe(true);
      expect(name.length).toBeLessThanOrEqual(64);
    });

    it('has a title and a description of 40–1024 characters', () => {
      expect(spec.title.trim().length).toBeGreaterThan(0);
      expect(spec.description.length).toBeGreaterThanOrEqual(40);
      expect(spec.description.length).toBeLessThanOrEqual(1024);
    });

    it('sets all four annotations explicitly and honestly', () => {
      const a = spec.annotations;
      for (const key of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
        expect(typeof a[key], key).toBe('boolean');
      }
      expect(a.readOnlyHint).toBe(!spec.writes);
      if (a.readOnlyHint) {
        expect(a.destructiveHint).toBe(false);
        expect(a.idempotentHint).toBe(true);
      }
      if (a.destructiveHint) expect(spec.writes).toBe(true);
    });

    it('names the backend scope it needs', () => {
      expect(spec.scope).toMatch(/^(\*|[a-z_]+:([a-z_]+|\*))$/);
    });

    it('takes a strict object: unknown arguments are rejected', () => {
      const schema = inputSchema(spec);
      expect(schema.type).toBe('object');
      expect(schema.additionalProperties).toBe(false);
      const result = spec.input.safeParse({ __unexpected_argument: 1 });
      expect(result.success).toBe(false);
      if (!result.success) expect(result.error.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
    });

    it('describes every argument, in snake_case', () => {
      for (const [arg, prop] of Object.entries(inputSchema(spec).properties ?? {})) {
        expect(arg).toMatch(ARGUMENT_NAME);
        expect(prop.description?.trim().length ?? 0, `${arg} has a description`).toBeGreaterThan(10);
      }
    });

    it('takes no tenant, organisation or customer argument, by name or description', () => {
      const offending = schemaTexts(inputSchema(spec)).filter(({ text }) => TENANT_LIKE.test(text));
      expect(offending).toEqual([]);
    });

    it('explains a 404 for every required *_id argument, pointing at a read-only list tool', () => {
      const schema = inputSchema(spec);
      const idArgs = (schema.required ?? []).filter((arg) => arg.endsWith('_id'));
      if (idArgs.length === 0) return;
      const nf = spec.notFound;
      expect(nf, 'notFound').toBeDefined();
      expect(Object.keys(schema.properties ?? {})).toContain(nf?.idArg);
      const listTool = tools.find((t) => t.name === nf?.listTool);
      expect(listTool, `listTool ${nf?.listTool} is in the catalog`).toBeDefined();
      expect(listTool?.writes).toBe(false);
    });
  });
});
