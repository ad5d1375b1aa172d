import { z } from 'zod';
import { path } from '../../../http/path.js';
import type { HttpClient } from '../../../http/types.js';
import { defineTool, type ListResult, type ToolOutput } from '../../types.js';
import { READ_ONLY } from '../annotations.js';
import { getData, pagedList, readPageMeta } from '../envelope.js';
import { uuidArg } from '../ids.js';
import { ruleSummary } from '../shape.js';
import { ALERT_SEVERITIES, RULE_SORT_FIELDS, SORT_ORDERS } from '../vocabulary.js';
import type { Json, WireRule } from '../wire.js';

const RULE_NOT_FOUND = { what: 'detection rule', idArg: 'rule_uuid', listTool: 'calseta_search_detection_rules' };

/**
 * Calseta's REST list cannot filter by MITRE tactic or technique, so those filters read pages of
 * rules and match locally. Bounded: at most SCAN_PAGES × SCAN_PAGE_SIZE rules are read, and a
 * result that hit the bound says so instead of pretending to be complete.
 */
const SCAN_PAGE_SIZE = 200;
const SCAN_PAGES = 5;

export const searchRulesInput = z
  .object({
    mitre_tactic: z.string().trim().min(2).max(100).optional().describe('Only rules mapped to this MITRE ATT&CK tactic, by name or id (e.g. "Credential Access" or "TA0006"); case-insensitive.'),
    mitre_technique: z
      .string()
      .trim()
      .regex(/^T\d{4}(\.\d{3})?$/i, { error: 'must be a MITRE technique id such as T1110 or T1110.003' })
      .optional()
      .describe('Only rules mapped to this technique id; T1110 also matches its sub-techniques (T1110.003).'),
    source_name: z.string().min(1).max(100).optional().describe('Only rules from this source (e.g. "sentinel", "elastic").'),
    severity: z.enum(ALERT_SEVERITIES).optional().describe('Only rules of this severity.'),
    is_active: z.boolean().optional().describe('Only active (true) or inactive (false) rules.'),
    sort_by: z.enum(RULE_SORT_FIELDS).optional().describe('Field to sort by: name, source_name, severity or created_at.'),
    sort_order: z.enum(SORT_ORDERS).optional().describe('asc or desc.'),
    page: z.number().int().min(1).max(10_000).default(1).describe('Page number, from 1. Use next_page from the previous result.'),
    page_size: z.number().int().min(1).max(100).default(25).describe('Rules per page, 1–100 (default 25).'),
  })
  .strict();

type SearchRulesArgs = z.infer<typeof searchRulesInput>;

export const searchDetectionRules = defineTool({
  name: 'calseta_search_detection_rules',
  title: 'Search detection rules',
  description:
    'Search the detection rules Calseta documents (from Sentinel, Elastic, Splunk…): uuid, name, source and source rule id, severity, whether active, MITRE tactics, techniques and sub-techniques, data sources. ' +
    'Filter by MITRE tactic or technique (matched across up to 1000 rules, which the REST API itself cannot do), source, severity or activity; page with next_page. ' +
    'Next: calseta_get_detection_rule for the documentation, calseta_search_alerts with detection_rule_uuid for what it raised.',
  input: searchRulesInput,
  annotations: READ_ONLY,
  scope: 'alerts:read',
  writes: false,
  run: async (args, ctx) => searchRules(ctx.http, args),
});

export async function searchRules(http: HttpClient, args: SearchRulesArgs): Promise<ToolOutput> {
  const { mitre_tactic, mitre_technique, page, page_size, ...filters } = args;
  if (!mitre_tactic && !mitre_technique) {
    const { data, meta } = await getData<WireRule[]>(http, '/detection-rules', { ...filters, page, page_size });
    return pagedList(data.map(ruleSummary), meta);
  }
  const matches = (rule: WireRule) => matchesTactic(rule, mitre_tactic) && matchesTechnique(rule, mitre_technique);
  const { rules, scanned, complete } = await scanRules(http, filters);
  const found = rules.filter(matches);
  const start = (page - 1) * page_size;
  const result: ListResult = {
    items: found.slice(start, start + page_size).map(ruleSummary),
    total: found.length,
    page,
    pages: Math.max(1, Math.ceil(found.length / page_size)),
    ...(start + page_size < found.length ? { next_page: page + 1 } : {}),
    truncated: false,
    scanned,
  };
  if (!complete) {
    result.scan_incomplete = `Matched locally across the first ${scanned} rules only (Calseta cannot filter by MITRE itself): narrow with source_name, severity or is_active to cover the rest.`;
  }
  return result;
}

async function scanRules(http: HttpClient, filters: Json): Promise<{ rules: WireRule[]; scanned: number; complete: boolean }> {
  const rules: WireRule[] = [];
  for (let page = 1; page <= SCAN_PAGES; page++) {
    const { data, meta } = await getData<WireRule[]>(http, '/detection-rules', { ...(filters as Record<string, string | boolean>), page, page_size: SCAN_PAGE_SIZE });
    rules.push(...data);
    const paging = readPageMeta(meta);
    const more = paging ? paging.page < paging.total_pages : data.length >= SCAN_PAGE_SIZE;
    if (!more) return { rules, scanned: rules.length, complete: true };
  }
  return { rules, scanned: rules.length, complete: false };
}

function matchesTactic(rule: WireRule, tactic: string | undefined): boolean {
  if (!tactic) return true;
  const wanted = normalise(tactic);
  return (rule.mitre_tactics ?? []).some((t) => normalise(t) === wanted);
}

function matchesTechnique(rule: WireRule, technique: string | undefined): boolean {
  if (!technique) return true;
  const wanted = technique.toUpperCase();
  const ids = [...(rule.mitre_techniques ?? []), ...(rule.mitre_subtechniques ?? [])].map((t) => techniqueId(t));
  return ids.some((id) => id === wanted || id.startsWith(`${wanted}.`));
}

/** "Credential Access", "credential-access" and "credential_access" name the same tactic. */
function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

/** Techniques may come as "T1110" or "T1110 - Brute Force"; the id is what matches. */
function techniqueId(text: string): string {
  return (/T\d{4}(?:\.\d{3})?/i.exec(text)?.[0] ?? text).toUpperCase();
}

export const getDetectionRule = defineTool({
  name: 'calseta_get_detection_rule',
  title: 'Get a detection rule',
  description:
    'Get one detection rule in full: source and source rule id, severity, MITRE tactics, techniques and sub-techniques, data sources, run frequency, author and its documentation ' +
    '(what it detects, false-positive guidance, response steps). Next: calseta_search_alerts with detection_rule_uuid for the alerts it raised.',
  input: z.object({ rule_uuid: uuidArg('Detection rule UUID, the uuid field of a calseta_search_detection_rules item.') }).strict(),
  annotations: READ_ONLY,
  scope: 'alerts:read',
  writes: false,
  notFound: RULE_NOT_FOUND,
  run: async (args, ctx) => readRule(ctx.http, args.rule_uuid),
});

export async function readRule(http: HttpClient, ruleUuid: string): Promise<ToolOutput> {
  const { data } = await getData<WireRule>(http, path`/detection-rules/${ruleUuid}`);
  return data;
}
