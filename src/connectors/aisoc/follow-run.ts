import { BackendError } from '../../http/errors.js';
import { path } from '../../http/path.js';
import { sleep } from '../../http/retry.js';
import type { ToolContext } from '../types.js';
import type { WireEvent, WireEventList, WireRunDetail } from './wire.js';

/**
 * Following a live investigation run. AiSOC does not stream run events; a client polls the
 * ledger with a seq cursor (`/events?since=<next_seq>`) and the run summary for its status.
 * Each new ledger event becomes an MCP progress notification ("<agent>: <summary>").
 */

const POLL_INTERVAL_MS = 500;
const EVENTS_PAGE = 200;
const PROGRESS_MESSAGE_CHARS = 200;
const TERMINAL = new Set(['completed', 'failed', 'closed']);

export interface FollowedRun {
  /** Undefined while the agents service has not recorded the run yet (it answers 404 until then). */
  run?: WireRunDetail;
  events: WireEvent[];
  finished: boolean;
}

/** Polls until the run finishes or `waitMs` passes; aborts with the call. */
export async function followRun(ctx: ToolContext, runId: string, waitMs: number): Promise<FollowedRun> {
  const deadline = Date.now() + waitMs;
  const events: WireEvent[] = [];
  let since: number | undefined;
  for (;;) {
    // Status first, then the ledger: a run reported finished has written all its events, so the
    // drain that follows sees the last of them.
    const run = await readRun(ctx, runId);
    if (run) since = await drainEvents(ctx, runId, since, events);
    if (run && TERMINAL.has(run.status)) return { run, events, finished: true };
    const remaining = deadline - Date.now();
    if (remaining <= 0) return { run, events, finished: false };
    await pause(Math.min(POLL_INTERVAL_MS, remaining), ctx.signal);
  }
}

async function readRun(ctx: ToolContext, runId: string): Promise<WireRunDetail | undefined> {
  try {
    return await ctx.http.get<WireRunDetail>(path`/investigations/${runId}`);
  } catch (error) {
    // The API hands out the run id before the agents service writes the run row; a 404 for the
    // run this call just started means "not recorded yet", so keep polling.
    if (error instanceof BackendError && error.status === 404) return undefined;
    throw error;
  }
}

/** Reads every event after `since`, reporting each as progress; returns the new cursor. */
async function drainEvents(ctx: ToolContext, runId: string, since: number | undefined, into: WireEvent[]): Promise<number | undefined> {
  let cursor = since;
  for (;;) {
    const page = await ctx.http.get<WireEventList>(path`/investigations/${runId}/events`, { since: cursor, limit: EVENTS_PAGE });
    for (const event of page.items) {
      into.push(event);
      await ctx.progress(into.length, undefined, progressMessage(event));
    }
    cursor = page.next_seq ?? cursor;
    // `total` counts every event after the cursor we sent; fewer items means another page waits.
    if (page.items.length === 0 || page.total <= page.items.length) return cursor;
  }
}

function progressMessage(event: WireEvent): string {
  const message = `${event.agent}: ${event.summary}`;
  return message.length > PROGRESS_MESSAGE_CHARS ? `${message.slice(0, PROGRESS_MESSAGE_CHARS - 1)}…` : message;
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch {
    throw new BackendError('the call was cancelled while following the investigation', { kind: 'aborted' });
  }
}
