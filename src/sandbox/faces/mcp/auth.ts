import type { IncomingHttpHeaders } from 'node:http';
import type { KeyOwner, KeyTable, McpScope } from '../../server/keys.js';
import { MCP_SCOPES } from '../../server/keys.js';

/** The caller behind a `slt_` key: its workspace, scopes and the agent it acts as. */
export interface McpPrincipal {
  token: string;
  tenantId: string;
  owner: KeyOwner;
  scopes: readonly McpScope[];
  /** `null` for a key bound to no agent: it may list and read, never call tools. */
  agent: string | null;
}

/** A request refused before MCP: HTTP 401 with a JSON-RPC error body (-32000, Saltare's auth code). */
export class McpAuthError extends Error {
  readonly status = 401;
}

export function authenticate(headers: IncomingHttpHeaders, keys: KeyTable): McpPrincipal {
  const header = headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) throw new McpAuthError('Missing Authorization header. Expected: Bearer <API key>');
  const record = keys.lookup(match[1]);
  if (!record || record.face !== 'mcp' || record.state !== 'active') throw new McpAuthError('Invalid API key');
  const scopes = MCP_SCOPES.filter((s) => record.scopes.includes(s));
  return { token: record.token, tenantId: record.tenantId, owner: record.owner, scopes, agent: record.agent ?? null };
}

export function hasScope(principal: McpPrincipal, scope: McpScope): boolean {
  return principal.scopes.includes(scope);
}
