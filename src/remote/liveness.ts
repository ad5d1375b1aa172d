import { classifyFailure, isConnectionLost, isSessionGone, type RemoteFailure } from './failures.js';
import type { RemoteSession } from './session.js';

/** The longest a liveness probe waits for the remote's answer to `ping`. */
const PROBE_MS = 5000;

/**
 * Tells a slow remote from a dead session after a request ran out of time. A stream can stall
 * without breaking (a half-open TCP connection, a proxy that buffers the SSE response): on the
 * legacy SSE transport the stream is the only way answers come back, so every later request would
 * time out too, and no transport error ever says so. Without heartbeats on the wire, silence and a
 * slow tool look alike, so the session is asked with MCP's own `ping`: an answer means the session
 * is alive (the tool was just slow); no answer within the probe limit, or a lost connection, means
 * it is not, and the caller rebuilds it. One probe per session at a time.
 */
export class LivenessProbe {
  private readonly probing = new WeakSet<RemoteSession>();

  constructor(private readonly options: { timeoutMs: number; onDead(session: RemoteSession, failure: RemoteFailure): void }) {}

  /** Probes `session` in the background after one of its requests timed out. */
  afterTimeout(session: RemoteSession): void {
    if (this.probing.has(session)) return;
    this.probing.add(session);
    session.client
      .ping({ timeout: Math.min(PROBE_MS, this.options.timeoutMs) })
      .then(
        () => undefined,
        (error: unknown) => {
          const failure = classifyFailure(error);
          if (failure.kind === 'timeout' || isConnectionLost(failure) || isSessionGone(failure, session.hasRemoteSession())) this.options.onDead(session, failure);
        },
      )
      .finally(() => this.probing.delete(session));
  }
}
