import type { IncomingHttpHeaders } from 'node:http';
import type { KeyTable } from '../../server/keys.js';
import { HttpError } from './errors.js';

/** The authenticated caller: the tenant always comes from the credential, never from a request. */
export interface Principal {
  tenantId: string;
  scopes: readonly string[];
  /** The key's owner: AiSOC resolves an owned key to its user for audit rows and "assigned to me". */
  userId: string;
  email: string;
  username: string;
}

const CHALLENGE = { 'www-authenticate': 'Bearer' };

/**
 * AiSOC's bearer check: no or malformed header → "Not authenticated"; an `aisoc_` key that is
 * unknown or revoked → "Invalid or revoked API key"; expired → "API key has expired"; any other
 * token is treated as a JWT this sandbox never issued → "Could not validate credentials".
 */
export function authenticate(headers: IncomingHttpHeaders, keys: KeyTable): Principal {
  const header = headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) throw new HttpError(401, 'Not authenticated', CHALLENGE);
  const token = match[1];
  if (!token.startsWith('aisoc_')) throw new HttpError(401, 'Could not validate credentials', CHALLENGE);
  const record = keys.lookup(token);
  if (!record || record.face !== 'aisoc' || record.state === 'revoked') throw new HttpError(401, 'Invalid or revoked API key', CHALLENGE);
  if (record.state === 'expired') throw new HttpError(401, 'API key has expired', CHALLENGE);
  return { tenantId: record.tenantId, scopes: record.scopes, userId: record.owner.id, email: record.owner.email, username: record.owner.username };
}

/** Scopes grant `*`, the exact permission, or `<resource>:*`. */
export function requirePermission(principal: Principal, permission: string): void {
  const resource = permission.split(':')[0];
  const allowed = principal.scopes.includes('*') || principal.scopes.includes(permission) || principal.scopes.includes(`${resource}:*`);
  if (!allowed) throw new HttpError(403, `API key missing scope: ${permission}`);
}
