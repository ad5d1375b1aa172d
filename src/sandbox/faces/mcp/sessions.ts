import { randomUUID } from 'node:crypto';
import type { McpPrincipal } from './auth.js';
import type { McpSession, SessionKind } from './session.js';

export type SessionFactory = (principal: McpPrincipal, id: string | undefined, kind: SessionKind) => McpSession;

/**
 * The live MCP sessions. Ids are random, not seeded: a sandbox restarted on the same port must not
 * accept a session id its previous life issued. `/mcp` sessions end after `idleMs` without a request
 * (an open `GET /mcp` stream is not activity); `/sse` sessions end with their connection.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, McpSession>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly idleMs: number,
    private readonly create: SessionFactory,
  ) {}

  async open(principal: McpPrincipal, kind: Exclude<SessionKind, 'stateless'>): Promise<McpSession> {
    const id = randomUUID();
    const session = this.create(principal, id, kind);
    await session.start();
    this.sessions.set(id, session);
    session.onclose = () => this.forget(id);
    this.touch(session);
    return session;
  }

  /** A one-request session for a POST without a session id. */
  async ephemeral(principal: McpPrincipal): Promise<McpSession> {
    const session = this.create(principal, undefined, 'stateless');
    await session.start();
    return session;
  }

  /** The session with this id and kind, its idle clock restarted; undefined if unknown or expired. */
  use(id: string, kind: SessionKind): McpSession | undefined {
    const session = this.sessions.get(id);
    if (!session || session.kind !== kind) return undefined;
    this.touch(session);
    return session;
  }

  /** Ends one session; false when there was none. */
  drop(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.forget(id);
    void session.close();
    return true;
  }

  /** Ends every session now; returns how many there were. */
  dropAll(): number {
    const ids = [...this.sessions.keys()];
    for (const id of ids) this.drop(id);
    return ids.length;
  }

  private touch(session: McpSession): void {
    const id = session.id;
    if (id === undefined || session.kind !== 'streamable') return;
    clearTimeout(this.timers.get(id));
    const timer = setTimeout(() => {
      // A request still running is activity: check again after another idle period.
      if (session.busy) this.touch(session);
      else this.drop(id);
    }, this.idleMs);
    timer.unref();
    this.timers.set(id, timer);
  }

  private forget(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.sessions.delete(id);
  }
}
