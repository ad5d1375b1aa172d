import { z } from 'zod';
import { path } from '../../../http/path.js';
import type { HttpClient } from '../../../http/types.js';
import { defineTool, type ToolOutput } from '../../types.js';
import { ACTS, READ_ONLY } from '../annotations.js';
import { getData, pagedList, send } from '../envelope.js';
import { uuidArg } from '../ids.js';
import { runSummary, workflowDetail, workflowSummary } from '../shape.js';
import { INDICATOR_TYPES } from '../vocabulary.js';
import type { WireExecution, WireWorkflow, WireWorkflowRun } from '../wire.js';

const WORKFLOW_NOT_FOUND = { what: 'workflow', idArg: 'workflow_uuid', listTool: 'calseta_list_workflows' };
const workflowUuidArg = (description = 'Workflow UUID, the uuid field of a calseta_list_workflows item.') => uuidArg(description);
const shortText = (description: string) => z.string().min(1).max(50).describe(description);

export const listWorkflowsInput = z
  .object({
    workflow_type: shortText('Only workflows of this type (e.g. "indicator", "alert").').optional(),
    state: shortText('Only workflows in this state (e.g. "active", "draft", "inactive").').optional(),
    risk_level: shortText('Only workflows of this risk level (e.g. "low", "medium", "high", "critical").').optional(),
    is_active: z.boolean().optional().describe('Only active (true) or inactive (false) workflows.'),
    page: z.number().int().min(1).max(10_000).default(1).describe('Page number, from 1. Use next_page from the previous result.'),
    page_size: z.number().int().min(1).max(100).default(25).describe('Workflows per page, 1–100 (default 25).'),
  })
  .strict();

export const listWorkflows = defineTool({
  name: 'calseta_list_workflows',
  title: 'List workflows',
  description:
    'List the response workflows Calseta can run (block an IP, disable an account, revoke sessions…) without their code: uuid, name, type, indicator types it acts on, state, whether active, ' +
    'approval mode (always, agent_only, never) and risk level. Next: calseta_get_workflow for details, calseta_execute_workflow to run one.',
  input: listWorkflowsInput,
  annotations: READ_ONLY,
  scope: 'workflows:read',
  writes: false,
  run: async (args, ctx) => listWorkflowPage(ctx.http, args),
});

export async function listWorkflowPage(http: HttpClient, args: z.infer<typeof listWorkflowsInput>): Promise<ToolOutput> {
  const { data, meta } = await getData<WireWorkflow[]>(http, '/workflows', { ...args });
  return pagedList(data.map(workflowSummary), meta);
}

export const getWorkflow = defineTool({
  name: 'calseta_get_workflow',
  title: 'Get a workflow',
  description:
    'Get one workflow in full: documentation, indicator types, state, approval mode, channel and timeout, risk level, timeout and retries; its Python code only with include_code. ' +
    'Read it before calseta_execute_workflow to know what it will do and whether a human must approve it.',
  input: z
    .object({
      workflow_uuid: workflowUuidArg(),
      include_code: z.boolean().default(false).describe('Also return the workflow’s Python source.'),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'workflows:read',
  writes: false,
  notFound: WORKFLOW_NOT_FOUND,
  run: async (args, ctx) => readWorkflow(ctx.http, args.workflow_uuid, args.include_code),
});

export async function readWorkflow(http: HttpClient, workflowUuid: string, includeCode: boolean): Promise<ToolOutput> {
  const { data } = await getData<WireWorkflow>(http, path`/workflows/${workflowUuid}`);
  return workflowDetail(data, includeCode);
}

export const executeWorkflow = defineTool({
  name: 'calseta_execute_workflow',
  title: 'Execute a workflow',
  description:
    'Run one Calseta workflow against an indicator (it may act on real systems: block, disable, revoke). Calseta either queues it (status "queued" with a run_uuid: follow it with calseta_list_workflow_runs) ' +
    'or, when the workflow needs approval, holds it (status "pending_approval" with the approval id and expiry): nothing runs until a human approves it in Calseta. ' +
    'Give a reason and your confidence; approvers see both. Check calseta_get_workflow first.',
  input: z
    .object({
      workflow_uuid: workflowUuidArg(),
      indicator_type: z.enum(INDICATOR_TYPES).describe('Type of the indicator to act on; must be one the workflow supports (its indicator_types).'),
      indicator_value: z.string().trim().min(1).max(2048).describe('The indicator to act on, e.g. 203.0.113.7 or jdoe@example.com.'),
      alert_uuid: uuidArg('Alert this action responds to, for the audit trail (uuid from calseta_search_alerts).').optional(),
      reason: z.string().min(1).max(2000).describe('Why this action is needed, in a sentence or two; shown to the human approver.'),
      confidence: z.number().min(0).max(1).describe('How sure you are (0–1) that acting is right; shown to the approver.'),
    })
    .strict(),
  annotations: ACTS,
  scope: 'workflows:execute',
  writes: true,
  notFound: WORKFLOW_NOT_FOUND,
  async run(args, ctx) {
    const { workflow_uuid, ...body } = args;
    const { data } = await send<WireExecution>(ctx.http, { method: 'POST', path: path`/workflows/${workflow_uuid}/execute`, body });
    return describeExecution(workflow_uuid, data);
  },
});

/** Says plainly whether anything ran, and what has to happen next in either case. */
export function describeExecution(workflowUuid: string, execution: WireExecution): ToolOutput {
  if (execution.status === 'pending_approval') {
    return {
      workflow_uuid: workflowUuid,
      status: 'pending_approval',
      executed: false,
      approval_request_uuid: execution.approval_request_uuid,
      expires_at: execution.expires_at,
      human_action_required:
        'Nothing has run. A human with approval rights must approve this request in Calseta (the approval notification in Slack or Teams, or the Calseta UI under workflow approvals) ' +
        `before ${execution.expires_at ?? 'it expires'}; unapproved, it expires and never runs. Tell the analyst the approval id.`,
      next_call: { tool: 'calseta_list_workflow_runs', arguments: { workflow_uuid: workflowUuid } },
    };
  }
  return {
    workflow_uuid: workflowUuid,
    status: execution.status,
    queued: execution.status === 'queued',
    run_uuid: execution.run_uuid,
    note: 'Queued: Calseta runs it shortly. Check the outcome (success, failed, timed_out) with calseta_list_workflow_runs.',
    next_call: { tool: 'calseta_list_workflow_runs', arguments: { workflow_uuid: workflowUuid } },
  };
}

export const listWorkflowRuns = defineTool({
  name: 'calseta_list_workflow_runs',
  title: 'List workflow runs',
  description:
    'List workflow runs, newest first: run uuid, workflow, trigger (agent, human, alert), status (queued, success, failed, timed_out), attempts, duration, result and the tail of the log. ' +
    'Use it to follow a calseta_execute_workflow call or to see what ran recently. Page with next_page.',
  input: z
    .object({
      workflow_uuid: workflowUuidArg('Only runs of this workflow (uuid from calseta_list_workflows).').optional(),
      status: z.enum(['queued', 'success', 'failed', 'timed_out']).optional().describe('Only runs in this status.'),
      include_logs: z.boolean().default(false).describe('Return each run’s whole log instead of its last 800 characters.'),
      page: z.number().int().min(1).max(10_000).default(1).describe('Page number, from 1. Use next_page from the previous result.'),
      page_size: z.number().int().min(1).max(100).default(25).describe('Runs per page, 1–100 (default 25).'),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'workflows:read',
  writes: false,
  async run(args, ctx) {
    const { include_logs, ...query } = args;
    const { data, meta } = await getData<WireWorkflowRun[]>(ctx.http, '/workflow-runs', { ...query });
    return pagedList(data.map((run) => runSummary(run, include_logs)), meta);
  },
});
