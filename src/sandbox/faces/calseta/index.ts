import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxContext } from '../../server/context.js';
import { RateLimiter } from '../../server/rate-limit.js';
import { Router } from '../../server/router.js';
import type { Face, FaceRequest, FaceResponse } from '../../server/types.js';
import { ParamReader, parseJsonBody, RequestValidationError } from '../../server/validation.js';
import { alertRoutes } from './alerts.js';
import { authenticate, hasCalsetaBearer, requireScopes, type Principal } from './auth.js';
import type { CalsetaRoute, RateBucket, Reply } from './call.js';
import { catalogRoutes } from './catalog.js';
import { enrichmentRoutes } from './enrichments.js';
import { CalsetaError, CODE_FOR_STATUS, errorBody, rateLimited } from './errors.js';
import { healthRoutes } from './health.js';
import { metricsRoutes } from './metrics.js';
import { CalsetaState } from './state.js';
import { workflowRoutes } from './workflows.js';

const ROUTES: CalsetaRoute[] = [...healthRoutes, ...alertRoutes, ...enrichmentRoutes, ...catalogRoutes, ...workflowRoutes, ...metricsRoutes];

/** Calseta's per-key limits (requests a minute): every request, then the tighter per-route budgets. */
const GENERAL_LIMIT = 600;
const BUCKET_LIMITS: Record<RateBucket, number> = { enrichment: 60, workflow_execute: 30 };

/**
 * Calseta's REST API (`/health` and `/v1/...`) over the shared dataset, answered the way its FastAPI
 * server answers: the JSON body is decoded, the key checked (401), its rate limits applied (429),
 * its scopes checked (403), parameters validated (422), then the handler runs. Every answer carries
 * `X-Request-ID` (echoed or generated) and every error is `{"error": {code, message, details}}`.
 *
 * `/health` is a path AiSOC serves too: a request carrying a `cai_` key is Calseta's.
 */
export function createCalsetaFace(ctx: SandboxContext, options: { vendorLimits: boolean } = { vendorLimits: true }): Face {
  const router = new Router(ROUTES);
  const state = new CalsetaState(ctx);
  const general = new RateLimiter(GENERAL_LIMIT);
  const buckets = { enrichment: new RateLimiter(BUCKET_LIMITS.enrichment), workflow_execute: new RateLimiter(BUCKET_LIMITS.workflow_execute) };

  function limit(principal: Principal, bucket: RateBucket | undefined): void {
    // Benchmarks send thousands of calls a minute through one key; they turn Calseta's limits off.
    if (!options.vendorLimits) return;
    for (const limiter of bucket ? [general, buckets[bucket]] : [general]) {
      const decision = limiter.check(principal.token);
      if (!decision.allowed) throw rateLimited(decision.resetSeconds);
    }
  }

  function dispatch(request: FaceRequest): { reply: Reply; headers?: Record<string, string>; principal: Principal | null } {
    const match = router.match(request.method, request.path);
    // Calseta answers an unknown path and a wrong method alike: 404 NOT_FOUND.
    if (match.kind !== 'found') return { reply: { status: 404, body: errorBody('NOT_FOUND', 'Not Found') }, principal: null };
    const spec = match.route;
    if (spec.public) return { reply: spec.handler(state), principal: null };

    let principal: Principal | null = null;
    try {
      const body = spec.body ? parseJsonBody(request.body) : { present: false as const };
      principal = authenticate(request.headers, ctx.keys);
      limit(principal, spec.bucket);
      requireScopes(principal, spec.scopes);
      const reply = spec.handler({ params: match.params, query: new ParamReader(request.query), search: request.query, body, principal, ctx, state });
      return { reply, principal };
    } catch (error) {
      if (error instanceof CalsetaError) return { reply: { status: error.status, body: errorBody(error.code, error.message, error.details) }, headers: error.headers, principal };
      if (error instanceof RequestValidationError) {
        const errors = error.issues.map(({ type, loc, msg }) => ({ type, loc, msg }));
        return { reply: { status: 422, body: errorBody('VALIDATION_ERROR', 'Request validation failed.', { errors }) }, principal };
      }
      throw error;
    }
  }

  return {
    name: 'calseta',
    owns: (path: string, headers: IncomingHttpHeaders) => path === '/v1' || path.startsWith('/v1/') || (path === '/health' && hasCalsetaBearer(headers)),
    async handle(request: FaceRequest): Promise<FaceResponse> {
      const { reply, headers, principal } = dispatch(request);
      return { status: reply.status ?? 200, body: reply.body, headers: { ...headers, 'x-request-id': requestId(request.headers) }, authorized: principal !== null };
    },
    errorReply(status, message, retryAfterSeconds) {
      const code = CODE_FOR_STATUS[status] ?? 'INTERNAL_ERROR';
      const body =
        retryAfterSeconds === undefined
          ? errorBody(code, message)
          : errorBody(code, `Rate limit exceeded. Retry after ${retryAfterSeconds} seconds.`, { retry_after_seconds: retryAfterSeconds });
      return { body, headers: { 'x-request-id': randomUUID() } };
    },
    close: () => state.close(),
  };
}

/** Calseta echoes a caller's `X-Request-ID` (when sane) and mints one otherwise. */
function requestId(headers: IncomingHttpHeaders): string {
  const given = headers['x-request-id'];
  const value = Array.isArray(given) ? given[0] : given;
  return value && /^[\w.:-]{1,128}$/.test(value) ? value : randomUUID();
}
