import type { CheckOutcome, DoctorContext } from './types.js';

export function ok(summary: string): CheckOutcome {
  return { status: 'ok', summary };
}

export function warn(summary: string, fix: string): CheckOutcome {
  return { status: 'warn', summary, fix };
}

export function fail(summary: string, fix: string): CheckOutcome {
  return { status: 'fail', summary, fix };
}

/** A check that could not run because an earlier one did not get far enough: it fails when its cause failed. */
export function skipped(ctx: DoctorContext, cause: string, why: string): CheckOutcome {
  if (ctx.statusOf(cause) === 'fail') return fail(`skipped: ${why}`, `fix the ${cause} check first`);
  return ok(`skipped: ${why}`);
}

/** A check that does not apply here (TLS for plain http): nothing is wrong. */
export function notApplicable(why: string): CheckOutcome {
  return ok(`skipped: ${why}`);
}

/** The worst of several outcomes, with their summaries and fixes each joined on one line. */
export function combine(parts: CheckOutcome[], lead?: string): CheckOutcome {
  const rank = { ok: 0, warn: 1, fail: 2 } as const;
  const worst = parts.reduce((w, p) => (rank[p.status] > rank[w] ? p.status : w), 'ok' as CheckOutcome['status']);
  // The problem leads when there is one; the evidence follows.
  const lines = worst === 'ok' ? [lead, ...parts.map((p) => p.summary)] : [...parts.filter((p) => p.status !== 'ok').map((p) => p.summary), lead];
  const summary = lines.filter(Boolean).join('; ');
  const fixes = [...new Set(parts.map((p) => p.fix).filter((f): f is string => Boolean(f)))];
  return { status: worst, summary, ...(worst !== 'ok' && fixes.length ? { fix: fixes.join('; ') } : {}) };
}
