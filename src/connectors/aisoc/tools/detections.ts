import { z } from 'zod';
import { path } from '../../../http/path.js';
import { defineTool } from '../../types.js';
import { READ_ONLY } from '../annotations.js';
import { uuidArg } from '../ids.js';
import { ruleDetail, ruleSummary, slicedList } from '../shape.js';
import { SEVERITIES } from '../vocabulary.js';
import type { WireRule } from '../wire.js';

/**
 * `GET /rules` returns every rule at once and filters only by category and language, so the rest
 * of the query (text, severity, technique) and the paging happen here, over that one response.
 */
export const queryDetections = defineTool({
  name: 'aisoc_query_detections',
  title: 'Query detection rules',
  description:
    "Search AiSOC's detection rules (the tenant's own, built-in ones and rule packs) as compact summaries: id, name, severity, status, category, language, MITRE techniques, hit count and false-positive rate. " +
    'Filter by text, severity, MITRE technique, category or language; page with next_cursor. ' +
    'Use it to see which detection fired an alert or whether a technique is covered. Next: aisoc_get_detection_rule for the rule body.',
  input: z
    .object({
      search: z.string().min(1).max(200).optional().describe('Case-insensitive text to find in the rule name or description.'),
      severity: z.enum(SEVERITIES).optional().describe('Only rules of this severity.'),
      technique: z
        .string()
        .regex(/^T\d{4}(\.\d{3})?$/, { error: 'must be a MITRE ATT&CK technique id such as T1110 or T1110.001' })
        .optional()
        .describe('Only rules mapped to this MITRE ATT&CK technique; T1110 also matches its sub-techniques (T1110.001…).'),
      category: z.string().min(1).max(100).optional().describe('Only rules of this category, exactly as AiSOC names it.'),
      rule_language: z
        .string()
        .regex(/^[a-z0-9_-]{1,32}$/, { error: 'must be a lowercase language name such as sigma, kql or spl' })
        .optional()
        .describe('Only rules written in this language (e.g. sigma, kql, spl).'),
      include_builtin: z.boolean().default(true).describe('Include AiSOC built-in rules as well as custom ones (default true).'),
      limit: z.number().int().min(1).max(100).default(25).describe('Rules per page, 1–100 (default 25).'),
      offset: z.number().int().min(0).max(1_000_000).default(0).describe('How many matching rules to skip: next_cursor from the previous page.'),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'rules:read',
  writes: false,
  async run(args, ctx) {
    const rules = await ctx.http.get<WireRule[]>('/rules', {
      category: args.category,
      rule_language: args.rule_language,
      include_builtin: args.include_builtin,
    });
    return slicedList(rules.filter(matches(args)), args.offset, args.limit, ruleSummary);
  },
});

function matches(filter: { search?: string; severity?: string; technique?: string }) {
  const needle = filter.search?.toLowerCase();
  const { severity, technique } = filter;
  return (rule: WireRule): boolean => {
    if (needle && !`${rule.name}\n${rule.description ?? ''}`.toLowerCase().includes(needle)) return false;
    if (severity && normalSeverity(rule.severity) !== severity) return false;
    if (technique && !rule.mitre_techniques.some((t) => techniqueMatches(t, technique))) return false;
    return true;
  };
}

// Rule authors write "informational" where the alert ladder says "info".
function normalSeverity(severity: string): string {
  const s = severity.toLowerCase();
  return s === 'informational' ? 'info' : s;
}

function techniqueMatches(value: unknown, technique: string): boolean {
  const id = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? String((value as { id?: unknown }).id ?? '') : '';
  const upper = id.toUpperCase();
  return upper === technique || upper.startsWith(`${technique}.`);
}

export const getDetectionRule = defineTool({
  name: 'aisoc_get_detection_rule',
  title: 'Get a detection rule',
  description:
    'Get one AiSOC detection rule in full: the rule body (Sigma, KQL, SPL…), language, severity, status, confidence, MITRE mapping, tags, hit count, false-positive rate, ' +
    'last trigger time, version and whether it is built in. Use it to explain why an alert fired or to judge a rule’s noise. ' +
    'Next: aisoc_lake_query to test the logic against lake data.',
  input: z.object({ rule_id: uuidArg('Detection rule UUID, the id field of an aisoc_query_detections item.') }).strict(),
  annotations: READ_ONLY,
  scope: 'rules:read',
  writes: false,
  notFound: { what: 'detection rule', idArg: 'rule_id', listTool: 'aisoc_query_detections' },
  async run(args, ctx) {
    return ruleDetail(await ctx.http.get<WireRule>(path`/rules/${args.rule_id}`));
  },
});
