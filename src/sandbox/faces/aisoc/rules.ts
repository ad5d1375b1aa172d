import type { AisocCall, AisocRoute, Reply } from './call.js';
import { HttpError } from './errors.js';
import { ruleResponse } from './shapes.js';

/** The tenant's own rules plus (by default) the platform built-ins, ordered by name as AiSOC does. */
function listRules(call: AisocCall): Reply {
  const q = call.query;
  const category = q.string('category');
  const language = q.string('rule_language');
  const includeBuiltin = q.bool('include_builtin', true);
  q.bool('include_packs', true); // MSSP rule packs: the sandbox tenant has none assigned
  q.done();
  const tenantId = call.principal.tenantId;
  const rules = call.ctx.dataset.rules
    .filter((r) => (r.tenantId === tenantId || (includeBuiltin && r.tenantId === null && r.isBuiltin)) && (!category || r.category === category) && (!language || r.language === language))
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.id.localeCompare(y.id)));
  return { body: rules.map(ruleResponse) };
}

function getRule(call: AisocCall): Reply {
  const id = call.query.uuid(['path', 'rule_id'], call.params.rule_id ?? '');
  call.query.done();
  const rule = call.ctx.dataset.rules.find((r) => r.id === id && (r.tenantId === call.principal.tenantId || r.tenantId === null));
  if (!rule) throw new HttpError(404, 'Rule not found');
  return { body: ruleResponse(rule) };
}

export const ruleRoutes: AisocRoute[] = [
  { method: 'GET', pattern: '/api/v1/rules', access: 'rules:read', handler: listRules },
  { method: 'GET', pattern: '/api/v1/rules/:rule_id', access: 'rules:read', handler: getRule },
];
