import type { IncomingHttpHeaders } from 'node:http';
import type { KeyTable } from '../../server/keys.js';
import { CalsetaError } from './errors.js';

/** The caller behind a Calseta key; the tenant always comes from the key. */
export interface Principal {
  token: string;
  /** What Calseta records as the actor: the key's first 8 characters. */
  keyPrefix: string;
  tenantId: string;
  scopes: readonly string[];
  keyType: 'human' | 'agent';
}

const KEY_FORMAT = /^cai_[A-Za-z0-9_-]{43}$/;

/** Whether a request carries a Calseta-format bearer token (settles `/health`, which two faces share). */
export function hasCalsetaBearer(headers: IncomingHttpHeaders): boolean {
  const header = headers.authorization;
  return typeof header === 'string' && /^Bearer\s+cai_/i.test(header);
}

/**
 * Calseta's key check, message for message: no `Bearer` header, a token not in the `cai_` format,
 * an unknown key, an expired one. Calseta sends no WWW-Authenticate challenge.
 */
export function authenticate(headers: IncomingHttpHeaders, keys: KeyTable): Principal {
  const header = headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/.exec(header) : null;
  if (!match?.[1]) throw new CalsetaError(401, 'UNAUTHORIZED', 'Missing or invalid Authorization header. Expected: Bearer cai_...');
  const token = match[1];
  if (!KEY_FORMAT.test(token)) throw new CalsetaError(401, 'UNAUTHORIZED', 'Invalid API key format.');
  const record = keys.lookup(token);
  if (!record || record.face !== 'calseta' || record.state === 'revoked') throw new CalsetaError(401, 'UNAUTHORIZED', 'Invalid API key.');
  if (record.state === 'expired') throw new CalsetaError(401, 'KEY_EXPIRED', 'API key has expired.');
  return { token, keyPrefix: token.slice(0, 8), tenantId: record.tenantId, scopes: record.scopes, keyType: record.keyType ?? 'human' };
}

/** A route passes when the key holds any one of its scopes; `admin` passes every check. */
export function requireScopes(principal: Principal, scopes: readonly string[]): void {
  if (principal.scopes.includes('admin') || scopes.some((s) => principal.scopes.includes(s))) return;
  throw new CalsetaError(403, 'FORBIDDEN', `Insufficient scope. Required: ${scopes.join(', ')}`, { required_scopes: [...scopes] });
}
