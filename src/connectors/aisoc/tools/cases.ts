import { z } from 'zod';
import { path } from '../../../http/path.js';
import { defineTool } from '../../types.js';
import { READ_ONLY } from '../annotations.js';
import { caseIdArg } from '../ids.js';
import { caseDetail, caseSummary, offsetList } from '../shape.js';
import { CASE_STATUSES, SEVERITIES } from '../vocabulary.js';
import type { WireCase, WireCaseTimeline } from '../wire.js';

export const CASE_NOT_FOUND = { what: 'case', idArg: 'case_id', listTool: 'aisoc_list_cases' };

export const listCases = defineTool({
  name: 'aisoc_list_cases',
  title: 'List cases',
  description:
    'List AiSOC cases (incidents that group alerts) as compact summaries: id, case number (INC-…), title, severity, status, assignee, alert count, MITRE techniques, SLA due time. ' +
    'AiSOC sends no total for cases; when a full page comes back, pass next_cursor as offset to get the next one. ' +
    'Next: aisoc_get_case for the evidence and timeline, aisoc_run_investigation to have the AI investigate one.',
  input: z
    .object({
      status: z.enum(CASE_STATUSES).optional().describe('Only cases in this status.'),
      severity: z.enum(SEVERITIES).optional().describe('Only cases of this severity.'),
      assignee: z.string().min(1).max(200).optional().describe('Only cases assigned to this analyst, as AiSOC records the assignee (e.g. an email).'),
      limit: z.number().int().min(1).max(100).default(25).describe('Cases per page, 1–100 (default 25).'),
      offset: z.number().int().min(0).max(1_000_000).default(0).describe('How many cases to skip: next_cursor from the previous page.'),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'cases:read',
  writes: false,
  async run(args, ctx) {
    const cases = await ctx.http.get<WireCase[]>('/cases', { ...args });
    return offsetList(cases.map(caseSummary), args.offset, args.limit);
  },
});

export const getCase = defineTool({
  name: 'aisoc_get_case',
  title: 'Get a case',
  description:
    'Get one AiSOC case by UUID or case number (INC-001): description, severity, status, assignee, linked alert ids, MITRE techniques, evidence chain, SLA and lifecycle times, ' +
    'and with include_timeline its activity timeline (status changes, comments, investigations). The observable graph is summarised unless include_raw is true. ' +
    'Next: aisoc_get_alert for a linked alert, aisoc_list_investigations with this case_id, or aisoc_run_investigation.',
  input: z
    .object({
      case_id: caseIdArg('Case UUID or case number such as INC-001, from aisoc_list_cases.'),
      include_timeline: z.boolean().default(false).describe('Also return the case activity timeline (one more request).'),
      include_raw: z.boolean().default(false).describe('Also return the full observable graph (large).'),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'cases:read',
  writes: false,
  notFound: CASE_NOT_FOUND,
  async run(args, ctx) {
    const [item, timeline] = await Promise.all([
      ctx.http.get<WireCase>(path`/cases/${args.case_id}`),
      args.include_timeline ? ctx.http.get<WireCaseTimeline>(path`/cases/${args.case_id}/timeline`) : undefined,
    ]);
    return { ...caseDetail(item, args.include_raw), timeline: timeline?.events };
  },
});
