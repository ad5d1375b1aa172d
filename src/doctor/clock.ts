import { notApplicable, ok, skipped, warn } from './outcome.js';
import type { CheckOutcome, DoctorContext } from './types.js';

const MAX_SKEW_MS = 60_000;

/** This machine's clock against the server's `Date` header: token lifetimes and audit times depend on it. */
export function checkClock(ctx: DoctorContext): CheckOutcome {
  const clock = ctx.facts.serverClock;
  if (!clock) {
    if (!ctx.facts.target) return skipped(ctx, 'url', 'no backend to compare with');
    const cause = ['health', 'auth'].find((id) => ctx.statusOf(id) === 'fail');
    if (cause) return skipped(ctx, cause, 'no answer from the backend to read a Date header from');
    return notApplicable('the backend sent no Date header');
  }
  const skew = clock.serverMs - clock.localMs;
  // Date has one-second resolution, so anything within a second is "in step".
  const seconds = Math.abs(skew) < 1000 ? 0 : Math.round(skew / 1000);
  const relation = seconds === 0 ? 'in step with this machine (within 1 s)' : `${Math.abs(seconds)} s ${seconds > 0 ? 'ahead of' : 'behind'} this machine`;
  const summary = `server clock ${relation}, from the Date header of ${clock.from}`;
  if (Math.abs(skew) > MAX_SKEW_MS) {
    return warn(summary, 'turn on automatic time sync (NTP) on this machine, or ask the server admins to; backends that use short-lived tokens reject them when clocks disagree, and audit times stop lining up');
  }
  return ok(summary);
}
