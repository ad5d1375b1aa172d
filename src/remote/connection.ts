import type { Logger } from '../server/logger.js';
import { classifyFailure, isConnectionLost, isSessionGone, neverArrived, type RemoteFailure } from './failures.js';
import { LivenessProbe } from './liveness.js';
import { openSession, type RemoteSession, type SessionOptions, type WireKind } from './session.js';

/** The remote could not be reached (or refused us) when a request needed it. */
export class RemoteUnavailableError extends Error {
  constructor(readonly failure: RemoteFailure) {
    super(`remote unavailable (${failure.kind})`);
    this.name = 'RemoteUnavailableError';
  }
}

export type ConnectionState =
  | { status: 'connecting'; lastFailure?: RemoteFailure }
  | { status: 'connected'; session: RemoteSession }
  | { status: 'down'; lastFailure: RemoteFailure };

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15_000, 30_000];

/**
 * The one live session with the remote, kept alive: opened at start without holding up the host's
 * handshake, rebuilt when the remote forgets it (404 on a known `Mcp-Session-Id`), its transport
 * closes, the server goes away or its stream stalls (a request timed out and `ping` got no answer
 * either), with backoff between attempts while the remote stays down, and at once when a request
 * needs it.
 */
export class RemoteConnection {
  private state: ConnectionState = { status: 'connecting' };
  private attempt?: Promise<RemoteSession>;
  private retryTimer?: NodeJS.Timeout;
  private failures = 0;
  private preferred?: WireKind;
  private closed = false;
  private readonly connectedListeners = new Set<(session: RemoteSession) => void>();
  private readonly probe: LivenessProbe;

  constructor(
    private readonly options: Omit<SessionOptions, 'onLost'>,
    private readonly logger: Logger,
  ) {
    this.probe = new LivenessProbe({
      timeoutMs: options.timeoutMs,
      onDead: (session, failure) => {
        this.logger.debug(`the remote session stopped answering (ping: ${failure.kind}); reconnecting`);
        this.drop(session, failure);
      },
    });
  }

  get current(): ConnectionState {
    return this.state;
  }

  /** Starts connecting in the background. */
  start(): void {
    void this.connect().catch(() => undefined /* recorded in state; retried with backoff */);
  }

  /** Called after every successful (re)connection, e.g. to refresh the mirrored catalog. */
  onConnected(listener: (session: RemoteSession) => void): () => void {
    this.connectedListeners.add(listener);
    return () => this.connectedListeners.delete(listener);
  }

  /**
   * The live session, waiting at most `waitMs` for one; connects now if the remote is down.
   * Throws RemoteUnavailableError naming the last failure.
   */
  async session(waitMs: number): Promise<RemoteSession> {
    if (this.state.status === 'connected') return this.state.session;
    const attempt = this.connect();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RemoteUnavailableError(this.lastFailure() ?? { kind: 'timeout' })), waitMs);
      timer.unref();
    });
    try {
      return await Promise.race([attempt, timeout]);
    } catch (error) {
      throw error instanceof RemoteUnavailableError ? error : new RemoteUnavailableError(classifyFailure(error));
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Runs one request on the live session. When the remote forgot the session, or the connection
   * was lost before the request could arrive, the session is rebuilt once and the request sent
   * again; anything else is the caller's to explain.
   */
  async run<T>(request: (session: RemoteSession) => Promise<T>, options: { waitMs: number }): Promise<T> {
    const session = await this.session(options.waitMs);
    try {
      return await request(session);
    } catch (error) {
      const failure = classifyFailure(error);
      // A timeout may be a slow tool or a stalled stream; the probe finds out without holding up this answer.
      if (failure.kind === 'timeout') this.probe.afterTimeout(session);
      const gone = isSessionGone(failure, session.hasRemoteSession());
      if (!gone && !isConnectionLost(failure)) throw error;
      this.logger.debug(`remote session ${gone ? 'expired' : `lost (${failure.kind})`}; reconnecting`);
      this.drop(session, failure);
      if (!neverArrived(failure)) throw error;
      const fresh = await this.session(options.waitMs);
      return await request(fresh);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    if (this.state.status === 'connected') await this.state.session.close();
  }

  private lastFailure(): RemoteFailure | undefined {
    return this.state.status === 'connected' ? undefined : this.state.lastFailure;
  }

  private connect(): Promise<RemoteSession> {
    if (this.state.status === 'connected') return Promise.resolve(this.state.session);
    clearTimeout(this.retryTimer);
    this.attempt ??= this.openOnce().finally(() => (this.attempt = undefined));
    return this.attempt;
  }

  private async openOnce(): Promise<RemoteSession> {
    if (this.state.status === 'down') this.state = { status: 'connecting', lastFailure: this.state.lastFailure };
    try {
      const session = await openSession({ ...this.options, onLost: (lost, error) => this.drop(lost, classifyFailure(error)) }, this.preferred);
      if (this.closed) {
        await session.close();
        throw new RemoteUnavailableError({ kind: 'closed' });
      }
      this.preferred = session.kind;
      this.failures = 0;
      this.state = { status: 'connected', session };
      this.logger.debug(`connected to the remote MCP server over ${session.kind === 'http' ? 'streamable HTTP' : 'SSE'}`);
      for (const listener of this.connectedListeners) listener(session);
      return session;
    } catch (error) {
      const failure = error instanceof RemoteUnavailableError ? error.failure : classifyFailure(error);
      this.state = { status: 'down', lastFailure: failure };
      if (this.failures === 0) this.logger.warn(`cannot connect to the remote MCP server (${describeBriefly(failure)}); retrying in the background`);
      this.scheduleRetry();
      throw error;
    }
  }

  /** Forgets a session that stopped working (once per session) and reconnects in the background. */
  private drop(session: RemoteSession, failure: RemoteFailure): void {
    if (this.state.status !== 'connected' || this.state.session !== session) return;
    this.state = { status: 'down', lastFailure: failure };
    // Closing the old client aborts its streams; its errors have nowhere useful to go.
    void session.close().catch((error: unknown) => this.logger.debug(`closing the old remote session: ${String(error)}`));
    this.failures = 0;
    this.scheduleRetry(0);
  }

  private scheduleRetry(delayMs?: number): void {
    if (this.closed) return;
    clearTimeout(this.retryTimer);
    const base = delayMs ?? BACKOFF_MS[Math.min(this.failures, BACKOFF_MS.length - 1)]!;
    this.failures++;
    // Jitter keeps a fleet of bridges from reconnecting in lockstep after an outage.
    const delay = base === 0 ? 0 : Math.round(base * (0.8 + Math.random() * 0.4));
    this.retryTimer = setTimeout(() => this.start(), delay);
    this.retryTimer.unref();
  }
}

function describeBriefly(failure: RemoteFailure): string {
  switch (failure.kind) {
    case 'http':
      return `HTTP ${failure.status}`;
    case 'rpc':
      return `error ${failure.code}`;
    case 'connect':
    case 'reset':
    case 'tls':
      return failure.code ?? failure.kind;
    case 'other':
      return failure.message;
    default:
      return failure.kind;
  }
}
