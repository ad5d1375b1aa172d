import { maskSecret } from '../config/mask.js';

/** Headers the MCP transports own: a user value would break the session or the framing. */
const TRANSPORT_HEADERS = new Set(['accept', 'content-type', 'content-length', 'host', 'mcp-session-id', 'mcp-protocol-version', 'last-event-id']);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The `--header 'Name: value'` list. Values are credentials more often than not, so the set
 * renders itself with every value masked: anything that prints settings (doctor, debug logs)
 * shows names only.
 */
export class HeaderSet {
  constructor(readonly entries: ReadonlyArray<readonly [name: string, value: string]>) {}

  /** Every value, for redacting error texts. */
  get values(): string[] {
    return this.entries.map(([, value]) => value);
  }

  toString(): string {
    return this.entries.map(([name, value]) => `${name}: ${maskSecret(value)}`).join(', ');
  }

  toJSON(): string {
    return this.toString();
  }
}

/**
 * Parses header lines (from repeated flags, or one per line from SOCBRIDGE_HEADERS). Undefined
 * when any line is malformed, so settings resolution reports the flag without echoing the value.
 */
export function parseHeaderLines(raw: string | string[]): HeaderSet | undefined {
  const lines = (Array.isArray(raw) ? raw : raw.split(/\r?\n/)).map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return undefined;
  const entries: Array<[string, string]> = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (!TOKEN.test(name) || !value || TRANSPORT_HEADERS.has(name.toLowerCase())) return undefined;
    entries.push([name, value]);
  }
  return new HeaderSet(entries);
}

/** The headers sent on every request to the remote: the key as a bearer token, then the user's own (which win). */
export function remoteRequestHeaders(apiKey: string | undefined, extra: HeaderSet | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  for (const [name, value] of extra?.entries ?? []) headers[name.toLowerCase()] = value;
  return headers;
}
