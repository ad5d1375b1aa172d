import type { SandboxContext } from '../../server/context.js';
import type { ParamReader } from '../../server/validation.js';
import type { Principal } from './auth.js';
import type { CalsetaState } from './state.js';

/** Everything a route handler gets: parameters, the parsed body, the caller and the face's state. */
export interface CalsetaCall {
  params: Record<string, string>;
  query: ParamReader;
  /** The raw query, for repeated parameters (`tags=a&tags=b`). */
  search: URLSearchParams;
  body: { present: false } | { present: true; value: unknown };
  principal: Principal;
  ctx: SandboxContext;
  state: CalsetaState;
}

export interface Reply {
  status?: number;
  body: unknown;
}

/** The per-key budgets Calseta applies on top of its general 600 requests a minute. */
export type RateBucket = 'enrichment' | 'workflow_execute';

/**
 * A route: `public` ones need no key; otherwise the key must hold one of `scopes`. `body` routes
 * read a JSON body; `bucket` routes also count against a tighter per-key rate limit.
 */
export type CalsetaRoute =
  | { method: string; pattern: string; public: true; handler: (state: CalsetaState) => Reply }
  | { method: string; pattern: string; public?: false; scopes: readonly string[]; body?: boolean; bucket?: RateBucket; handler: (call: CalsetaCall) => Reply };
