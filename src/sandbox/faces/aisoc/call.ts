import type { SandboxContext } from '../../server/context.js';
import type { ParamReader } from '../../server/validation.js';
import type { Principal } from './auth.js';
import type { LiveRuns } from './live-runs.js';

/** Everything a route handler gets: parameters, the parsed body, the caller and the shared state. */
export interface AisocCall {
  params: Record<string, string>;
  query: ParamReader;
  body: { present: false } | { present: true; value: unknown };
  principal: Principal;
  ctx: SandboxContext;
  liveRuns: LiveRuns;
}

export interface Reply {
  status?: number;
  body: unknown;
}

/**
 * A route: `public` ones need no credential; otherwise `access` is `authenticated` (any valid key,
 * AiSOC's bare `AuthUser`) or the permission the key must hold. `body` says how a JSON body is read.
 */
export type AisocRoute =
  | { method: string; pattern: string; public: true; handler: () => Reply }
  | { method: string; pattern: string; public?: false; access: string; body?: 'model' | 'dict'; handler: (call: AisocCall) => Reply | Promise<Reply> };
