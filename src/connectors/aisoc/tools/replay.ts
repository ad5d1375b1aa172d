import { z } from 'zod';
import { path } from '../../../http/path.js';
import { defineTool } from '../../types.js';
import { READ_ONLY } from '../annotations.js';
import { uuidArg } from '../ids.js';
import { evaluationSummary, newestOnly } from '../shape.js';
import type { WireEvaluation } from '../wire.js';

/**
 * Replay evaluations grade AiSOC's triage against the decisions a tenant's analysts already made.
 * AiSOC withholds the headline accuracy when too few malicious findings back it; that refusal is
 * passed through as written, never replaced by a number.
 */

export const listReplayReports = defineTool({
  name: 'aisoc_list_replay_reports',
  title: 'List replay evaluations',
  description:
    "List AiSOC replay evaluations, newest first: runs that graded AiSOC's triage against the analysts' own past decisions. " +
    'Each shows vendor, time window, findings read, labelled and graded, headline accuracy (or why it was withheld), malicious recall and status. ' +
    'Use it to judge how far AiSOC verdicts can be trusted. Next: aisoc_get_replay_report for the full report.',
  input: z
    .object({ limit: z.number().int().min(1).max(100).default(20).describe('How many evaluations to return, 1–100 (default 20).') })
    .strict(),
  annotations: READ_ONLY,
  scope: 'reports:read',
  writes: false,
  async run(args, ctx) {
    const evaluations = await ctx.http.get<WireEvaluation[]>('/evaluations/replay', { limit: args.limit });
    return { items: evaluations.map(evaluationSummary), truncated: false, ...newestOnly(evaluations.length, args.limit, 'evaluations', 'raise limit (at most 100)') };
  },
});

export const getReplayReport = defineTool({
  name: 'aisoc_get_replay_report',
  title: 'Get a replay evaluation report',
  description:
    'Get one AiSOC replay evaluation: the counts it was computed over, headline accuracy or the reason it was withheld, malicious recall, ' +
    'the structured score and method, and the stored Markdown report exactly as published. Every rate comes with the count behind it; quote them together.',
  input: z.object({ evaluation_id: uuidArg('Replay evaluation UUID, the id field of an aisoc_list_replay_reports item.') }).strict(),
  annotations: READ_ONLY,
  scope: 'reports:read',
  writes: false,
  notFound: { what: 'replay evaluation', idArg: 'evaluation_id', listTool: 'aisoc_list_replay_reports' },
  async run(args, ctx) {
    const evaluation = await ctx.http.get<WireEvaluation>(path`/evaluations/replay/${args.evaluation_id}`);
    return {
      ...evaluationSummary(evaluation),
      decisions_recorded: evaluation.decisions_recorded,
      started_at: evaluation.started_at,
      score: evaluation.score,
      method: evaluation.method,
      report_markdown: evaluation.report_markdown,
      ...(evaluation.is_terminal ? {} : { note: 'This evaluation has not finished; its numbers are not a result yet.' }),
    };
  },
});
