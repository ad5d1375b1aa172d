import { iso } from '../../dataset/clock.js';
import type { Workflow } from '../../dataset/types.js';
import { BodyReader, normaliseUuid } from '../../server/validation.js';
import type { CalsetaCall, CalsetaRoute, Reply } from './call.js';
import { CalsetaError, notFound } from './errors.js';
import { optionalBool, paginated, readMulti, readPage, readSort, readUuid } from './listing.js';
import { runShape, workflowDetail, workflowSummary } from './shapes.js';

const READ = ['workflows:read'];
const EXECUTE = ['workflows:execute'];
const RISK_RANK: Record<Workflow['riskLevel'], number> = { low: 1, medium: 2, high: 3, critical: 4 };
const UUID = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;

function tenantWorkflows(call: CalsetaCall): Workflow[] {
  return call.ctx.dataset.workflows.filter((w) => w.tenantId === call.principal.tenantId);
}

function findWorkflow(call: CalsetaCall): Workflow {
  const id = call.query.uuid(['path', 'workflow_uuid'], call.params.workflow_uuid ?? '');
  call.query.done();
  const workflow = tenantWorkflows(call).find((w) => w.id === id);
  if (!workflow) throw notFound('Workflow');
  return workflow;
}

function listWorkflows(call: CalsetaCall): Reply {
  const q = call.query;
  const page = readPage(q);
  const type = readMulti(q, 'workflow_type');
  const state = readMulti(q, 'state');
  const risk = readMulti(q, 'risk_level');
  const isActive = optionalBool(q, 'is_active');
  q.done();
  const sort = readSort<Workflow>(q, { name: (w) => w.name, risk_level: (w) => RISK_RANK[w.riskLevel], created_at: (w) => w.createdAtMs, updated_at: (w) => w.updatedAtMs }, 'created_at');
  const workflows = tenantWorkflows(call).filter(
    (w) => (!type || type.has(w.workflowType)) && (!state || state.has(w.state)) && (!risk || risk.has(w.riskLevel)) && (isActive === null || w.isActive === isActive),
  );
  return { body: paginated(workflows.sort(sort.compare), page, workflowSummary) };
}

function getWorkflow(call: CalsetaCall): Reply {
  return { body: { data: workflowDetail(findWorkflow(call)), meta: {} } };
}

/** Whether this execution waits for a human: always, or (agent_only) when an agent key asks. */
function needsApproval(workflow: Workflow, call: CalsetaCall): boolean {
  return workflow.approvalMode === 'always' || (workflow.approvalMode === 'agent_only' && call.principal.keyType === 'agent');
}

function execute(call: CalsetaCall): Reply {
  const workflow = findWorkflow(call);
  const b = new BodyReader(call.body);
  const indicatorType = b.string('indicator_type', { required: true });
  const indicatorValue = b.string('indicator_value', { required: true });
  const alertRaw = b.string('alert_uuid', { required: false });
  const alertId = alertRaw === null ? null : readBodyUuid(b, alertRaw);
  const reason = b.string('reason', { required: false });
  const confidence = b.optionalNumber('confidence', { ge: 0, le: 1 });
  b.done();
  if (call.principal.keyType === 'agent') {
    const missing = [...(reason === null ? ['reason'] : []), ...(confidence === null ? ['confidence'] : [])];
    if (missing.length > 0) {
      throw new CalsetaError(422, 'VALIDATION_ERROR', 'Agent-triggered executions require reason and confidence.', {
        errors: missing.map((field) => ({ type: 'missing', loc: ['body', field], msg: 'Field required for agent API keys' })),
      });
    }
  }
  if (!workflow.isActive || workflow.state !== 'active') {
    throw new CalsetaError(400, 'WORKFLOW_NOT_EXECUTABLE', `Workflow '${workflow.name}' is not executable (state: ${workflow.state}, is_active: ${workflow.isActive}).`, { state: workflow.state, is_active: workflow.isActive });
  }
  const alert = alertId === null ? null : call.state.alerts(call.principal.tenantId).find((a) => a.id === alertId);
  if (alert === undefined) throw notFound('Alert');
  const triggerContext = { indicator_type: indicatorType, indicator_value: indicatorValue, alert_uuid: alertId, reason, confidence };
  const triggerType = call.principal.keyType === 'agent' ? 'agent' : 'manual';

  if (needsApproval(workflow, call)) {
    const now = call.ctx.clock.nowMs();
    const approval = {
      id: call.ctx.ids.uuid(),
      tenantId: workflow.tenantId,
      workflowId: workflow.id,
      status: 'pending' as const,
      reason,
      confidence,
      triggerContext,
      createdAtMs: now,
      expiresAtMs: now + workflow.approvalTimeoutSeconds * 1000,
    };
    call.state.approvals.push(approval);
    if (alert) call.state.record(alert, 'workflow_approval_requested', call.principal.keyPrefix, { workflow_uuid: workflow.id, approval_request_uuid: approval.id }, workflow.id);
    return { status: 202, body: { data: { status: 'pending_approval', approval_request_uuid: approval.id, expires_at: iso(approval.expiresAtMs) } } };
  }
  const run = call.state.startRun(workflow, triggerType, triggerContext);
  if (alert) call.state.record(alert, 'workflow_executed', call.principal.keyPrefix, { workflow_uuid: workflow.id, run_uuid: run.id }, workflow.id);
  return { status: 202, body: { data: { run_uuid: run.id, status: 'queued' }, meta: {} } };
}

function readBodyUuid(b: BodyReader, raw: string): string | null {
  if (UUID.test(raw)) return normaliseUuid(raw);
  b.issues.push({ type: 'uuid_parsing', loc: ['body', 'alert_uuid'], msg: 'Input should be a valid UUID', input: raw });
  return null;
}

function listRuns(call: CalsetaCall): Reply {
  const q = call.query;
  const page = readPage(q);
  const status = readMulti(q, 'status');
  const workflowId = readUuid(q, 'workflow_uuid');
  q.done();
  const runs = call.state.runs(call.principal.tenantId).filter((r) => (!status || status.has(r.status)) && (workflowId === null || r.workflowId === workflowId));
  return { body: paginated(runs, page, (r) => runShape(r, call.state)) };
}

export const workflowRoutes: CalsetaRoute[] = [
  { method: 'GET', pattern: '/v1/workflows', scopes: READ, handler: listWorkflows },
  { method: 'GET', pattern: '/v1/workflows/:workflow_uuid', scopes: READ, handler: getWorkflow },
  { method: 'POST', pattern: '/v1/workflows/:workflow_uuid/execute', scopes: EXECUTE, body: true, bucket: 'workflow_execute', handler: execute },
  { method: 'GET', pattern: '/v1/workflow-runs', scopes: READ, handler: listRuns },
];

