import { createHash } from 'node:crypto';

/** The five AiSOC keys every sandbox hands out, derived from the seed so docs can show them. */
export interface SandboxKeys {
  full: string;
  readOnly: string;
  alertsOnly: string;
  expired: string;
  revoked: string;
}

export type KeyState = 'active' | 'expired' | 'revoked';

/** One credential the sandbox knows, for whichever face accepts its format. */
export interface KeyOwner {
  id: string;
  email: string;
  username: string;
}

export interface KeyRecord {
  token: string;
  face: 'aisoc' | 'calseta' | 'mcp';
  tenantId: string;
  /** The person who minted the key: API calls act as them (audit rows, "assigned to me"). */
  owner: KeyOwner;
  scopes: readonly string[];
  state: KeyState;
  label: string;
  /** Calseta's key type: `agent` keys must justify workflow executions (reason + confidence). */
  keyType?: 'human' | 'agent';
  /** The MCP agent a Saltare-style key acts as; `null` for a key bound to no agent. */
  agent?: string | null;
}

/** What `readOnly` may do: every `:read` scope AiSOC mints, plus the read-side lake, hunt and audit grants. */
export const READ_ONLY_SCOPES: readonly string[] = [
  'alerts:read',
  'cases:read',
  'playbooks:read',
  'connectors:read',
  'plugins:read',
  'rules:read',
  'users:read',
  'threat_intel:read',
  'actions:read',
  'reports:read',
  'audit_log:read',
  'hunts:read',
  'lake:query',
  'lake:read_schema',
];

const ROLES: ReadonlyArray<readonly [keyof SandboxKeys, readonly string[], KeyState]> = [
  ['full', ['*'], 'active'],
  ['readOnly', READ_ONLY_SCOPES, 'active'],
  ['alertsOnly', ['alerts:read'], 'active'],
  ['expired', ['*'], 'expired'],
  ['revoked', ['*'], 'revoked'],
];

/** `aisoc_` + 48 lowercase hex: the real key format, a pure function of the seed and role. */
export function aisocKeyRecords(seed: string, tenantId: string, owner: KeyOwner): { keys: SandboxKeys; records: KeyRecord[] } {
  const records = ROLES.map(([role, scopes, state]): KeyRecord => ({
    token: `aisoc_${createHash('sha256').update(`socbridge-sandbox\u0000${seed}\u0000aisoc:${role}`).digest('hex').slice(0, 48)}`,
    face: 'aisoc',
    tenantId,
    owner,
    scopes,
    state,
    label: role,
  }));
  const token = (role: keyof SandboxKeys) => records.find((r) => r.label === role)?.token ?? '';
  return {
    keys: { full: token('full'), readOnly: token('readOnly'), alertsOnly: token('alertsOnly'), expired: token('expired'), revoked: token('revoked') },
    records,
  };
}

/** The five Calseta keys every sandbox hands out, derived from the seed like the AiSOC ones. */
export interface CalsetaKeys {
  admin: string;
  readOnly: string;
  alertsRead: string;
  agent: string;
  expired: string;
}

const CALSETA_ROLES: ReadonlyArray<readonly [keyof CalsetaKeys, readonly string[], KeyState, 'human' | 'agent']> = [
  ['admin', ['admin'], 'active', 'human'],
  ['readOnly', ['alerts:read', 'enrichments:read', 'workflows:read'], 'active', 'human'],
  ['alertsRead', ['alerts:read'], 'active', 'human'],
  ['agent', ['alerts:read', 'alerts:write', 'enrichments:read', 'workflows:read', 'workflows:execute', 'approvals:write'], 'active', 'agent'],
  ['expired', ['admin'], 'expired', 'human'],
];

/** `cai_` + 43 URL-safe characters (32 bytes, base64url): Calseta's key format, from the seed and role. */
export function calsetaKeyRecords(seed: string, tenantId: string, owner: KeyOwner): { keys: CalsetaKeys; records: KeyRecord[] } {
  const records = CALSETA_ROLES.map(([role, scopes, state, keyType]): KeyRecord => ({
    token: `cai_${createHash('sha256').update(`socbridge-sandbox\u0000${seed}\u0000calseta:${role}`).digest('base64url')}`,
    face: 'calseta',
    tenantId,
    owner,
    scopes,
    state,
    label: role,
    keyType,
  }));
  const token = (role: keyof CalsetaKeys) => records.find((r) => r.label === role)?.token ?? '';
  return {
    keys: { admin: token('admin'), readOnly: token('readOnly'), alertsRead: token('alertsRead'), agent: token('agent'), expired: token('expired') },
    records,
  };
}

/** The three MCP keys (Saltare-style `slt_…`) every sandbox hands out, for `/mcp` and `/sse`. */
export interface McpKeys {
  /** All four scopes, bound to an agent. */
  full: string;
  /** `mcp:tools:read` + `mcp:resources:read`, bound to an agent. */
  readOnly: string;
  /** All four scopes but bound to no agent: `tools/call` is refused with -32000. */
  unbound: string;
}

export const MCP_SCOPES = ['mcp:tools:read', 'mcp:tools:write', 'mcp:tools:destructive', 'mcp:resources:read'] as const;
export type McpScope = (typeof MCP_SCOPES)[number];

/** The agent the bound MCP keys act as; rows written through MCP are attributed to it. */
export const MCP_AGENT = 'socbridge-triage-agent';

const MCP_ROLES: ReadonlyArray<readonly [keyof McpKeys, readonly McpScope[], string | null]> = [
  ['full', MCP_SCOPES, MCP_AGENT],
  ['readOnly', ['mcp:tools:read', 'mcp:resources:read'], MCP_AGENT],
  ['unbound', MCP_SCOPES, null],
];

/** `slt_` + 43 URL-safe characters (32 bytes, base64url), from the seed and role. */
export function mcpKeyRecords(seed: string, tenantId: string, owner: KeyOwner): { keys: McpKeys; records: KeyRecord[] } {
  const records = MCP_ROLES.map(([role, scopes, agent]): KeyRecord => ({
    token: `slt_${createHash('sha256').update(`socbridge-sandbox\u0000${seed}\u0000mcp:${role}`).digest('base64url')}`,
    face: 'mcp',
    tenantId,
    owner,
    scopes,
    state: 'active',
    label: role,
    agent,
  }));
  const token = (role: keyof McpKeys) => records.find((r) => r.label === role)?.token ?? '';
  return { keys: { full: token('full'), readOnly: token('readOnly'), unbound: token('unbound') }, records };
}

/** Every credential by token; later faces add their own formats to the same table. */
export class KeyTable {
  private readonly byToken = new Map<string, KeyRecord>();

  add(records: readonly KeyRecord[]): void {
    for (const record of records) this.byToken.set(record.token, record);
  }

  lookup(token: string): KeyRecord | undefined {
    return this.byToken.get(token);
  }
}
