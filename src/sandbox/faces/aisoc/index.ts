import type { SandboxContext } from '../../server/context.js';
import { Router } from '../../server/router.js';
import type { Face, FaceRequest, FaceResponse } from '../../server/types.js';
import { ParamReader, parseJsonBody, RequestValidationError } from '../../server/validation.js';
import { alertRoutes } from './alerts.js';
import { auditRoutes } from './audit.js';
import { authenticate, requirePermission, type Principal } from './auth.js';
import type { AisocRoute, Reply } from './call.js';
import { caseRoutes } from './cases.js';
import { HttpError } from './errors.js';
import { evaluationRoutes } from './evaluations.js';
import { healthRoutes } from './health.js';
import { huntRoutes } from './hunt.js';
import { investigationRoutes } from './investigations.js';
import { lakeRoutes } from './lake.js';
import { liveActionRoutes } from './live-actions.js';
import { LiveRuns } from './live-runs.js';
import { ruleRoutes } from './rules.js';

const ROUTES: AisocRoute[] = [
  ...healthRoutes,
  ...alertRoutes,
  ...caseRoutes,
  ...investigationRoutes,
  ...ruleRoutes,
  ...lakeRoutes,
  ...evaluationRoutes,
  ...liveActionRoutes,
  ...huntRoutes,
  ...auditRoutes,
];

/**
 * AiSOC's REST API (`/health` and `/api/v1/...`), answered the way its FastAPI server answers:
 * the JSON body is decoded first, then the credential and permission are checked, then parameters
 * are validated (422), then the handler runs (404 and friends as `{"detail": "..."}`).
 */
export function createAisocFace(ctx: SandboxContext): Face {
  const router = new Router(ROUTES);
  const liveRuns = new LiveRuns(ctx);

  async function dispatch(request: FaceRequest): Promise<{ reply: Reply; headers?: Record<string, string>; principal: Principal | null }> {
    const match = router.match(request.method, request.path);
    if (match.kind === 'not_found') return { reply: { status: 404, body: { detail: 'Not Found' } }, principal: null };
    if (match.kind === 'method_not_allowed') return { reply: { status: 405, body: { detail: 'Method Not Allowed' } }, principal: null };
    const spec = match.route;
    if (spec.public) return { reply: spec.handler(), principal: null };

    let principal: Principal | null = null;
    try {
      const body = spec.body ? parseJsonBody(request.body) : { present: false as const };
      principal = authenticate(request.headers, ctx.keys);
      if (spec.access !== 'authenticated') requirePermission(principal, spec.access);
      const reply = await spec.handler({ params: match.params, query: new ParamReader(request.query), body, principal, ctx, liveRuns });
      return { reply, principal };
    } catch (error) {
      if (error instanceof HttpError) return { reply: { status: error.status, body: { detail: error.detail } }, headers: error.headers, principal };
      if (error instanceof RequestValidationError) return { reply: { status: 422, body: { detail: error.issues } }, principal };
      throw error;
    }
  }

  return {
    name: 'aisoc',
    owns: (path) => path === '/health' || path === '/api/v1' || path.startsWith('/api/v1/'),
    async handle(request: FaceRequest): Promise<FaceResponse> {
      const { reply, headers, principal } = await dispatch(request);
      return { status: reply.status ?? 200, body: reply.body, ...(headers ? { headers } : {}), authorized: principal !== null };
    },
    close: () => liveRuns.close(),
  };
}
