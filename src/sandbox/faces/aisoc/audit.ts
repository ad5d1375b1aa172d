import type { AisocCall, AisocRoute, Reply } from './call.js';
import { auditEventOut } from './shapes.js';


/** Writes a row to the tenant's audit log for something the caller just did through the API. */
export function recordAudit(call: AisocCall, action: string, resource: string | null, resourceId: string | null, changes: Record<string, unknown> | null): void {
  call.ctx.dataset.audit.push({
    id: call.ctx.ids.uuid(),
    tenantId: call.principal.tenantId,
    actorId: call.principal.userId,
    actorEmail: call.principal.email,
    actorIp: '127.0.0.1',
    action,
    resource,
    resourceId,
    changes,
    createdAtMs: call.ctx.clock.nowMs(),
  });
}

function listAudit(call: AisocCall): Reply {
  const q = call.query;
  const page = q.int('page', 1, { ge: 1 });
  const pageSize = q.int('page_size', 50, { ge: 1, le: 200 });
  const action = q.string('action');
  const resource = q.string('resource');
  const actorRaw = q.string('actor_id');
  const actorId = actorRaw === null ? null : q.uuid(['query', 'actor_id'], actorRaw);
  const search = q.string('search')?.toLowerCase() ?? null;
  q.done();
  const entries = call.ctx.dataset.audit
    .filter(
      (e) =>
        e.tenantId === call.principal.tenantId &&
        (!action || e.action.startsWith(action)) &&
        (!resource || e.resource === resource) &&
        (!actorId || e.actorId === actorId) &&
        (!search || (e.actorEmail ?? '').toLowerCase().includes(search) || e.action.toLowerCase().includes(search)),
    )
    .sort((x, y) => y.createdAtMs - x.createdAtMs || x.id.localeCompare(y.id));
  return {
    body: {
      items: entries.slice((page - 1) * pageSize, page * pageSize).map(auditEventOut),
      total: entries.length,
      page,
      page_size: pageSize,
      total_pages: Math.ceil(entries.length / pageSize),
    },
  };
}

export const auditRoutes: AisocRoute[] = [{ method: 'GET', pattern: '/api/v1/audit', access: 'audit_log:read', handler: listAudit }];
