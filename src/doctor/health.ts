import { BackendError } from '../http/errors.js';
import type { HttpResponse } from '../http/types.js';
import { elapsed } from './deadline.js';
import { describeHttpFailure } from './http-failure.js';
import { fail, ok, skipped, warn } from './outcome.js';
import type { CheckOutcome, DoctorContext } from './types.js';

/** The backend's own health endpoint, through the same client, proxy and trust store as serve. */
export async function checkHealth(ctx: DoctorContext): Promise<CheckOutcome> {
  const { connector, client, clientError, target } = ctx.facts;
  const gate = connectionGate(ctx);
  if (gate) return gate;
  if (!client || !connector) return skipped(ctx, 'settings', clientError ?? 'no HTTP client (no URL)');
  const spec = connector.doctor?.health;
  if (!spec) return warn(`the ${connector.label} connector defines no health probe`, 'nothing to do; the auth check still tests the API');

  const request = `GET ${spec.path}`;
  const started = performance.now();
  let response: HttpResponse;
  try {
    response = await client.sendRoot({ path: spec.path, timeoutMs: ctx.stepMs });
  } catch (error) {
    const failure = describeHttpFailure(error, request, connector, ctx.stepMs);
    if (failure.transport) ctx.facts.unreachable = failure.summary;
    if (error instanceof BackendError && error.status === 404) return fail(failure.summary, spec.notFound);
    return fail(failure.summary, failure.fix);
  }
  const ms = elapsed(started);
  recordClock(ctx, response, request);
  const health = spec.read(response.body);
  const version = health.version ? `, version ${health.version}` : '';
  const summary = `${request} on ${target?.url.origin ?? 'the backend'} → ${response.status} ${health.said}${version} in ${ms} ms`;
  if (!health.healthy) return warn(summary, `${connector.label} reports itself unhealthy: check its status page or logs`);
  return ok(summary);
}

/** The connection checks must have got through before an HTTP request means anything. */
export function connectionGate(ctx: DoctorContext): CheckOutcome | undefined {
  const { target, connected } = ctx.facts;
  if (!target) return skipped(ctx, 'url', 'no URL');
  if (!connected) return skipped(ctx, 'tcp', 'no TCP connection');
  if (target.https && ctx.statusOf('tls') === 'fail') return skipped(ctx, 'tls', 'the TLS handshake failed');
  return undefined;
}

/** Keeps the first `Date` header seen, with our clock when it arrived, for the clock check. */
export function recordClock(ctx: DoctorContext, response: HttpResponse, request: string): void {
  const date = response.headers.date;
  if (ctx.facts.serverClock || !date) return;
  const serverMs = Date.parse(date);
  if (!Number.isNaN(serverMs)) ctx.facts.serverClock = { serverMs, localMs: Date.now(), from: request };
}
