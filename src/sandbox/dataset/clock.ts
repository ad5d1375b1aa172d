/**
 * The dataset's fixed "now". Every generated timestamp is an offset from it, never from the wall
 * clock, so responses do not change from one run (or one day) to the next.
 */
export const DATASET_NOW_MS = Date.UTC(2026, 10, 1, 0, 0, 0);

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** ISO-8601 UTC with milliseconds and a `Z`, the form every face serialises. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The sandbox's running clock: the dataset's "now" plus the real time since the sandbox started.
 * Live investigation runs and lake queries stamp times with it, so new data always sorts after the
 * seeded history without ever reading a calendar date from the machine.
 */
export interface SandboxClock {
  nowMs(): number;
}

export function createSandboxClock(): SandboxClock {
  const startedAt = performance.now();
  return { nowMs: () => DATASET_NOW_MS + Math.round(performance.now() - startedAt) };
}
