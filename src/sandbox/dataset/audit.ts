import { DATASET_NOW_MS, DAY, MINUTE } from './clock.js';
import { Prng } from './prng.js';
import type { Alert, AuditEntry, Case, DetectionRule, User } from './types.js';

/** The tenant's audit log: who changed what, derived from the alerts, cases and rules it holds. */
export function buildAudit(seed: string, tenantId: string, users: User[], alerts: Alert[], cases: Case[], rules: DetectionRule[], count: number): AuditEntry[] {
  const prng = new Prng(seed, `audit:${tenantId}`);
  const analysts = users.filter((u) => u.department === 'Security Operations' || u.privileged);
  const actorIps = ['10.20.4.17', '10.20.4.52', '10.21.9.8', '10.0.11.4'];
  const makers: Array<() => Omit<AuditEntry, 'id' | 'tenantId' | 'actorId' | 'actorEmail' | 'actorIp' | 'createdAtMs'>> = [
    () => {
      const a = prng.pick(alerts);
      return { action: 'alert.update', resource: 'alert', resourceId: a.id, changes: { status: { from: 'new', to: a.status } } };
    },
    () => {
      const c = prng.pick(cases);
      return { action: 'case.update', resource: 'case', resourceId: c.id, changes: { status: { from: 'new', to: c.status }, case_number: c.caseNumber } };
    },
    () => {
      const c = prng.pick(cases);
      return { action: 'case.comment', resource: 'case', resourceId: c.id, changes: { case_number: c.caseNumber } };
    },
    () => {
      const r = prng.pick(rules);
      return { action: 'rule.update', resource: 'detection_rule', resourceId: r.id, changes: { version: { from: Math.max(1, r.version - 1), to: r.version } } };
    },
    () => ({ action: 'lake.query', resource: 'lake', resourceId: null, changes: { outcome: 'ok', referenced_tables: ['aisoc.auth_events'], row_count: prng.int(0, 500) } }),
    () => ({ action: 'auth.login', resource: 'session', resourceId: null, changes: { method: prng.pick(['password+mfa', 'sso']) } }),
    () => ({ action: 'api_key.create', resource: 'api_key', resourceId: prng.uuid(), changes: { scopes: ['alerts:read', 'cases:read'], key_prefix: `aisoc_${prng.hex(6)}` } }),
    () => {
      const c = prng.pick(cases);
      return { action: 'investigation.start', resource: 'case', resourceId: c.id, changes: { case_number: c.caseNumber } };
    },
  ];
  const entries: AuditEntry[] = [];
  for (let i = 0; i < count; i++) {
    const actor = prng.pick(analysts);
    const made = prng.pick(makers)();
    entries.push({
      id: prng.uuid(),
      tenantId,
      actorId: actor.id,
      actorEmail: actor.email,
      actorIp: prng.pick(actorIps),
      ...made,
      createdAtMs: DATASET_NOW_MS - Math.floor(prng.next() * 30 * DAY) - MINUTE,
    });
  }
  return entries.sort((a, b) => b.createdAtMs - a.createdAtMs);
}
