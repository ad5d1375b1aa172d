import { z } from 'zod';
import { BackendError } from '../../../http/errors.js';
import { path } from '../../../http/path.js';
import type { HttpClient } from '../../../http/types.js';
import { ToolInputError } from '../../errors.js';
import { defineTool } from '../../types.js';
import { READ_ONLY } from '../annotations.js';
import { followRun } from '../follow-run.js';
import { caseIdArg, uuidArg } from '../ids.js';
import { artifactView, eventSummary, findVerdict, newestOnly, runCost, runSummary } from '../shape.js';
import { RUN_STATUSES } from '../vocabulary.js';
import type { Json, WireEvent, WireEventList, WireExplain, WireInvestigateStarted, WireRunDetail, WireRunSummary } from '../wire.js';
import { CASE_NOT_FOUND } from './cases.js';

const RUN_NOT_FOUND = { what: 'investigation run', idArg: 'run_id', listTool: 'aisoc_list_investigations' };
/** Ledger steps a run summary shows: enough to reach the verdict, which comes near the end. */
const TAIL_EVENTS = 8;

const runIdArg = uuidArg('Investigation run UUID: the id of an aisoc_list_investigations item or the run_id aisoc_run_investigation returned.');

export const listInvestigations = defineTool({
  name: 'aisoc_list_investigations',
  title: 'List investigation runs',
  description:
    "List AiSOC's AI investigation runs, newest first: id, case, status, model, iterations, tokens, measured cost, start and end time, error. " +
    'Each run is one agent execution against a case (or, for automatic triage, an alert). Filter by case or status. ' +
    'Next: aisoc_get_investigation for a run’s verdict, aisoc_replay_decision to audit its steps.',
  input: z
    .object({
      case_id: caseIdArg('Only runs for this case: a case UUID or number such as INC-001 (automatic triage runs are filed under the alert UUID).').optional(),
      status: z.enum(RUN_STATUSES).optional().describe('Only runs in this state.'),
      limit: z.number().int().min(1).max(100).default(25).describe('How many runs to return, 1–100 (default 25).'),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'cases:read',
  writes: false,
  async run(args, ctx) {
    const runs = await ctx.http.get<WireRunSummary[]>('/investigations', { ...args });
    return { items: runs.map(runSummary), truncated: false, ...newestOnly(runs.length, args.limit, 'runs', 'raise limit (at most 100) or filter by case_id or status') };
  },
});

export const getInvestigation = defineTool({
  name: 'aisoc_get_investigation',
  title: 'Get an investigation run',
  description:
    'Get one AiSOC investigation run: status, the verdict it reached (verdict, confidence, rationale, findings, recommended actions, read from its ledger), ' +
    'error if it failed, model, iterations, tokens, cost with its provenance, per-model costs, event and artifact counts, and its last steps. ' +
    'Use it to check on a run aisoc_run_investigation left running. Next: aisoc_replay_decision for every step, aisoc_explain_step for one.',
  input: z.object({ run_id: runIdArg }).strict(),
  annotations: READ_ONLY,
  scope: 'cases:read',
  writes: false,
  notFound: RUN_NOT_FOUND,
  async run(args, ctx) {
    const run = await ctx.http.get<WireRunDetail>(path`/investigations/${args.run_id}`);
    // Seqs count up from 0 or 1 depending on the writer; a short run is read from its start.
    const tail = await ctx.http.get<WireEventList>(path`/investigations/${args.run_id}/events`, {
      since: run.event_count > TAIL_EVENTS ? run.event_count - TAIL_EVENTS : undefined,
      limit: TAIL_EVENTS + 2,
    });
    return {
      ...runSummary(run),
      finished: run.status !== 'running',
      // A run still going has no last word yet; only a verdict it already stated counts.
      verdict: run.status === 'running' ? findVerdict(tail.items) : verdictOf(tail.items),
      alert_summary: run.alert_summary,
      event_count: run.event_count,
      artifact_count: run.artifact_count,
      model_costs: run.model_costs.length ? run.model_costs : undefined,
      last_events: tail.items.map((event) => eventSummary(event)),
      next_call: run.status === 'running' ? followCall(args.run_id, tail.next_seq) : { tool: 'aisoc_replay_decision', arguments: { run_id: args.run_id } },
    };
  },
});

export const runInvestigation = defineTool({
  name: 'aisoc_run_investigation',
  title: 'Run an AI investigation on a case',
  description:
    "Start AiSOC's AI investigation of a case (recon, forensics, response planning, report) and follow it: each agent step is reported as progress. " +
    'Returns the verdict (disposition, confidence, summary, findings, recommended actions) and run stats when the run finishes within wait_seconds; ' +
    'otherwise the run_id with status running and the call to check on it later (aisoc_get_investigation). ' +
    'This starts real work on the AiSOC server (LLM calls with a cost) and adds a run to the case: call it once per case, not to poll.',
  input: z
    .object({
      case_id: caseIdArg('Case UUID or case number such as INC-001, from aisoc_list_cases.'),
      alert_summary: z.string().max(8_000).default('').describe('What the investigation should focus on, in your words (optional; AiSOC uses the case when empty).'),
      wait_seconds: z.number().int().min(0).max(300).default(60).describe('How long to follow the run before returning, 0–300 seconds (default 60); 0 starts it and returns at once.'),
    })
    .strict(),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  // aisoc.md lists this route as "authenticated", but AiSOC's route code checks cases:write.
  scope: 'cases:write',
  writes: true,
  notFound: CASE_NOT_FOUND,
  async run(args, ctx) {
    const started = await ctx.http.post<WireInvestigateStarted>(path`/cases/${args.case_id}/investigate`, { alert_summary: args.alert_summary });
    const runId = started.run_id;
    const { run, events, finished } = await followRun(ctx, runId, args.wait_seconds * 1000);
    if (!finished || !run) {
      const lastSeq = events.at(-1)?.seq;
      return {
        run_id: runId,
        case_id: run?.case_id ?? started.case_id ?? args.case_id,
        status: 'running',
        events_seen: events.length,
        last_seq: lastSeq,
        last_events: events.slice(-3).map((event) => eventSummary(event)),
        next_call: { tool: 'aisoc_get_investigation', arguments: { run_id: runId } },
        hint: `Still running after ${args.wait_seconds} s. aisoc_replay_decision follows its steps${lastSeq === undefined ? '' : ` (since_seq: ${lastSeq})`}.`,
      };
    }
    return {
      run_id: runId,
      case_id: run.case_id,
      status: run.status,
      verdict: verdictOf(events),
      error: run.error,
      stats: {
        model_used: run.model_used,
        iterations: run.iterations,
        total_tokens: run.total_tokens,
        ...runCost(run),
        events: events.length,
        artifacts: run.artifact_count,
        started_at: run.started_at,
        completed_at: run.completed_at,
      },
      last_events: events.slice(-3).map((event) => eventSummary(event)),
      next_call: { tool: 'aisoc_replay_decision', arguments: { run_id: runId } },
    };
  },
});

export const replayDecision = defineTool({
  name: 'aisoc_replay_decision',
  title: 'Replay an investigation’s decisions',
  description:
    "Walk the decision ledger of an AiSOC investigation run in order: each step's seq, time, kind, agent, one-line summary and duration. " +
    'Payloads are left out (their keys are listed) unless include_payloads is true. Page or tail a running investigation by passing next_cursor (or last_seq) as since_seq. ' +
    'Use it to audit what the AI did and why. Next: aisoc_explain_step with a seq for its prompt, response and evidence.',
  input: z
    .object({
      run_id: runIdArg,
      since_seq: z.number().int().min(0).optional().describe('Only steps after this seq: next_cursor or last_seq from the previous call. Omit to start at the beginning.'),
      limit: z.number().int().min(1).max(200).default(50).describe('Steps per call, 1–200 (default 50).'),
      include_payloads: z.boolean().default(false).describe('Include each step’s full payload (large).'),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'cases:read',
  writes: false,
  notFound: RUN_NOT_FOUND,
  async run(args, ctx) {
    const page = await ctx.http.get<WireEventList>(path`/investigations/${args.run_id}/events`, { since: args.since_seq, limit: args.limit });
    const more = page.total > page.items.length && page.next_seq !== null;
    return {
      items: page.items.map((event) => eventSummary(event, args.include_payloads)),
      // AiSOC counts the steps after since_seq, this page included.
      total: page.total,
      ...(more ? { next_cursor: page.next_seq } : {}),
      last_seq: page.next_seq ?? args.since_seq,
      truncated: false,
    };
  },
});

export const explainStep = defineTool({
  name: 'aisoc_explain_step',
  title: 'Explain one investigation step',
  description:
    'Why the AiSOC agent did one step: the step itself with its payload, the step before and after it, the run’s summary, and the artifacts attached to it ' +
    '(LLM prompts and responses, tool input and output), each cut to a preview unless include_raw is true. ' +
    'Take the seq from aisoc_replay_decision. Use it to check a decision against its evidence.',
  input: z
    .object({
      run_id: runIdArg,
      step: z.number().int().min(0).describe('The seq of the step, from aisoc_replay_decision.'),
      include_raw: z.boolean().default(false).describe('Return artifacts in full and the neighbouring steps’ payloads (large).'),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'cases:read',
  writes: false,
  notFound: RUN_NOT_FOUND,
  async run(args, ctx) {
    const explained = await explain(ctx.http, args.run_id, args.step);
    return {
      run: runSummary(explained.run),
      previous: explained.previous ? eventSummary(explained.previous, args.include_raw) : undefined,
      focus: { ...eventSummary(explained.focus, true), input_hash: explained.focus.input_hash, output_hash: explained.focus.output_hash },
      next: explained.next ? eventSummary(explained.next, args.include_raw) : undefined,
      artifacts: explained.artifacts.map((artifact) => artifactView(artifact, args.include_raw)),
    };
  },
});

async function explain(http: HttpClient, runId: string, step: number): Promise<WireExplain> {
  try {
    return await http.get<WireExplain>(path`/investigations/${runId}/explain`, { step });
  } catch (error) {
    // AiSOC answers 404 both for an unknown run and for a seq the run does not have; only the
    // first is about the run id, the second needs a different fix.
    if (error instanceof BackendError && error.status === 404 && /no event with seq/i.test(error.details.backendMessage ?? '')) {
      throw new ToolInputError(`Run ${runId} has no step with seq ${step}. Call aisoc_replay_decision with this run_id to see its steps and their seq numbers.`);
    }
    throw error;
  }
}

/** The run's verdict, or when it recorded none, what its last step said (labelled as such). */
function verdictOf(events: readonly WireEvent[]): Json | undefined {
  const verdict = findVerdict(events);
  if (verdict) return verdict;
  const last = events.at(-1);
  if (!last) return undefined;
  return {
    summary: last.summary,
    from_step: { seq: last.seq, kind: last.kind, agent: last.agent },
    note: 'The ledger records no explicit verdict; this is the run’s last step.',
  };
}

function followCall(runId: string, lastSeq: number | null): Json {
  return { tool: 'aisoc_replay_decision', arguments: { run_id: runId, ...(lastSeq === null ? {} : { since_seq: lastSeq }) } };
}
