import { iso } from '../../dataset/clock.js';
import type { LiveActionDescriptor } from '../../dataset/types.js';
import { BodyReader } from '../../server/validation.js';
import type { AisocCall, AisocRoute, Reply } from './call.js';
import { HttpError } from './errors.js';

/** Vendor ids and capability verbs are short identifiers; anything else is refused at the edge. */
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function safeSegment(value: string, field: string): string {
  if (!IDENTIFIER.test(value)) throw new HttpError(400, `${field} must be a short identifier of letters, digits, dot, dash or underscore.`);
  return value;
}

function descriptor(d: LiveActionDescriptor) {
  return { vendor_id: d.vendorId, capability: d.capability, description: d.description, source: d.source, requires_credentials: d.requiresCredentials, impact: d.impact, approval: d.approval };
}

/** The action service's discovery answer, proxied verbatim: executors plus their vendors and verbs. */
function discover(call: AisocCall): Reply {
  const vendorRaw = call.query.string('vendor_id');
  const capabilityRaw = call.query.string('capability');
  call.query.done();
  const vendorId = vendorRaw ? safeSegment(vendorRaw, 'vendor_id') : null;
  const capability = capabilityRaw ? safeSegment(capabilityRaw, 'capability') : null;
  const executors = call.ctx.dataset.liveActions.filter((d) => (!vendorId || d.vendorId === vendorId) && (!capability || d.capability === capability));
  return {
    body: {
      executors: executors.map(descriptor),
      vendors: [...new Set(executors.map((d) => d.vendorId))].sort(),
      capabilities: [...new Set(executors.map((d) => d.capability))].sort(),
    },
  };
}

/**
 * A dry run: what the action would do, with no vendor contacted. The API forces `dry_run` and the
 * caller's tenant; a body the action service rejects comes back as AiSOC's proxy reports it, a 502.
 */
function dryRun(call: AisocCall): Reply {
  const outer = new BodyReader(call.body, 'dict');
  outer.done();
  const inner = new BodyReader(call.body);
  const capability = inner.string('capability', { required: true });
  const vendorId = inner.string('vendor_id', { required: true });
  const target = inner.string('target', { required: false }) ?? '';
  const params = inner.optionalObject('params') ?? {};
  const confidence = inner.optionalNumber('confidence', { ge: 0, le: 1 });
  if (inner.issues.length > 0 || capability === null || vendorId === null) throw new HttpError(502, 'The action service returned 422.');
  const found = call.ctx.dataset.liveActions.find((d) => d.vendorId === vendorId && d.capability === capability);
  const completedAt = iso(call.ctx.clock.nowMs());
  const requestId = call.ctx.ids.uuid();
  if (!found) {
    return {
      body: {
        result: { request_id: requestId, status: 'failed', capability, vendor_id: vendorId, summary: `No live action registered for ${vendorId}.${capability}`, details: {}, error: `no executor registered for vendor_id='${vendorId}' capability='${capability}'`, completed_at: completedAt },
        mode: 'dry_run',
      },
    };
  }
  const what = target ? ` on ${target}` : '';
  return {
    body: {
      result: {
        request_id: requestId,
        status: 'simulated',
        capability,
        vendor_id: vendorId,
        summary: `Dry run: would ${capability.replace(/_/g, ' ')}${what} via ${vendorId}; nothing was sent to the vendor`,
        details: {
          dry_run: true,
          tenant_id: call.principal.tenantId,
          target,
          params,
          impact: found.impact,
          reversible: found.impact !== 'disruptive',
          approval: found.approval,
          approval_required: found.approval === 'analyst' || found.approval === 'two_person',
          confidence,
          credentials_used: false,
        },
        error: null,
        completed_at: completedAt,
      },
      mode: 'dry_run',
    },
  };
}

export const liveActionRoutes: AisocRoute[] = [
  { method: 'GET', pattern: '/api/v1/live-actions', access: 'actions:read', handler: discover },
  { method: 'POST', pattern: '/api/v1/live-actions/dry-run', access: 'actions:execute', body: 'dict', handler: dryRun },
];
