import type { FetchLike } from '@modelcontextprotocol/client';
import type { Dispatcher } from 'undici';
import { VERSION } from '../version.js';
import { loadUndici } from './dispatcher.js';

type Undici = typeof import('undici');

/**
 * The `fetch` the MCP client transports use: undici's, through our pool (proxy from the
 * environment, extra CAs), with the configured headers on every request — POSTs, the SSE GET and
 * the session DELETE alike, whichever transport is in use. The headers never pass through a logger.
 */
export function createRemoteFetch(options: { dispatcher: () => Promise<Dispatcher>; headers: Record<string, string> }): FetchLike {
  let undici: Promise<Undici> | undefined;
  return async (url, init) => {
    const [{ fetch }, dispatcher] = await Promise.all([(undici ??= loadUndici()), options.dispatcher()]);
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(options.headers)) if (!headers.has(name)) headers.set(name, value);
    if (!headers.has('user-agent')) headers.set('user-agent', `socbridge/${VERSION}`);
    const response = await fetch(url, { ...(init as Parameters<Undici['fetch']>[1]), headers: Object.fromEntries(headers), dispatcher });
    // undici's Response is the WHATWG Response the transports expect; only the type names differ.
    return response as unknown as Response;
  };
}
