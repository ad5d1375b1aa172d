import type { FaultQueue } from './faults.js';
import type { RequestLog } from './request-log.js';

export const CONTROL_PREFIX = '/__sandbox/';

export interface ControlReply {
  status: number;
  body: unknown;
}

/** Hooks into faces that keep state worth resetting from a test. */
export interface ControlHooks {
  /** Drops every MCP session now, as if each had idled out; returns how many there were. */
  expireMcpSessions?: () => number;
}

/**
 * Unauthenticated test hooks, loopback only: scripted faults, the request log, MCP sessions.
 * Never part of any vendor face, and never recorded in the request log themselves.
 */
export function handleControl(method: string, path: string, body: string | null, faults: FaultQueue, log: RequestLog, hooks: ControlHooks = {}): ControlReply {
  const route = `${method} ${path}`;
  switch (route) {
    case 'POST /__sandbox/faults': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body ?? '');
      } catch {
        return { status: 400, body: { detail: 'body must be JSON: {"path": "<regex>", "fault": {"type": …}}' } };
      }
      try {
        return { status: 201, body: { id: faults.add(parsed) } };
      } catch (error) {
        return { status: 400, body: { detail: error instanceof Error ? error.message : String(error) } };
      }
    }
    case 'DELETE /__sandbox/faults':
      return { status: 200, body: { cleared: faults.clear() } };
    case 'GET /__sandbox/requests':
      return { status: 200, body: { items: log.list() } };
    case 'DELETE /__sandbox/requests':
      return { status: 200, body: { cleared: log.clear() } };
    case 'POST /__sandbox/mcp/expire-sessions':
      if (!hooks.expireMcpSessions) return { status: 404, body: { detail: 'this sandbox serves no MCP endpoint' } };
      return { status: 200, body: { expired: hooks.expireMcpSessions() } };
    default:
      return { status: 404, body: { detail: 'Not Found' } };
  }
}

export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
