import { requirePermission } from './auth.js';
import type { AisocCall, AisocRoute, Reply } from './call.js';
import { HttpError } from './errors.js';
import { evaluationDetail, evaluationSummary } from './shapes.js';

function listEvaluations(call: AisocCall): Reply {
  const limit = call.query.int('limit', 50, { ge: 1, le: 200 });
  call.query.done();
  requirePermission(call.principal, 'reports:read');
  const evaluations = call.ctx.dataset.evaluations
    .filter((e) => e.tenantId === call.principal.tenantId)
    .sort((x, y) => y.createdAtMs - x.createdAtMs || x.id.localeCompare(y.id));
  return { body: evaluations.slice(0, limit).map(evaluationSummary) };
}

function getEvaluation(call: AisocCall): Reply {
  const id = call.query.uuid(['path', 'evaluation_id'], call.params.evaluation_id ?? '');
  call.query.done();
  requirePermission(call.principal, 'reports:read');
  const evaluation = call.ctx.dataset.evaluations.find((e) => e.id === id && e.tenantId === call.principal.tenantId);
  if (!evaluation) throw new HttpError(404, 'evaluation not found');
  return { body: evaluationDetail(evaluation) };
}

// AiSOC checks reports:read inside these handlers, after parameter validation, not as a dependency.
export const evaluationRoutes: AisocRoute[] = [
  { method: 'GET', pattern: '/api/v1/evaluations/replay', access: 'authenticated', handler: listEvaluations },
  { method: 'GET', pattern: '/api/v1/evaluations/replay/:evaluation_id', access: 'authenticated', handler: getEvaluation },
];
