/**
 * What the sandbox was asked, for tests and benchmarks: one entry per API request, written when the
 * request arrives and completed when the response finishes or the client goes away. The
 * Authorization header is never recorded.
 */
export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  query: string;
  status: number | null;
  aborted: boolean;
  tool: string | null;
  user_agent: string | null;
  authorized: boolean;
  started_at: string;
  ms: number | null;
  /** Set for requests carrying an MCP JSON-RPC message (`/mcp`, `/messages`). */
  mcp?: McpExchange;
}

/** What an MCP request asked for, and whether the client later cancelled it. */
export interface McpExchange {
  /** The JSON-RPC method (`tools/call`, `notifications/cancelled`, …). */
  method: string;
  /** The tool's name, for `tools/call`. */
  tool: string | null;
  /** The JSON-RPC id, for requests. */
  id: string | number | null;
  /** Whether a `notifications/cancelled` for this request reached the sandbox. */
  cancelled: boolean;
}

const MAX_ENTRIES = 10_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  start(fields: Pick<RequestLogEntry, 'method' | 'path' | 'query' | 'tool' | 'user_agent'>): RequestLogEntry {
    const entry: RequestLogEntry = { seq: ++this.seq, ...fields, status: null, aborted: false, authorized: false, started_at: new Date().toISOString(), ms: null };
    this.entries.push(entry);
    // A long benchmark must not grow the log without bound.
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return entry;
  }

  list(): RequestLogEntry[] {
    return this.entries;
  }

  clear(): number {
    const count = this.entries.length;
    this.entries = [];
    return count;
  }
}
