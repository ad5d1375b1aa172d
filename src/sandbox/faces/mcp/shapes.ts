import { iso } from '../../dataset/clock.js';
import type { Alert, CaseNote, Indicator } from '../../dataset/types.js';
import type { LiveCase } from './state.js';

/**
 * The wire shapes MCP tools return: compact, snake_case, no null-valued fields (an absent field
 * means "none"), times as ISO-8601 UTC.
 */

export function alertSummary(a: Alert) {
  return { id: a.id, title: a.title, severity: a.severity, status: a.status, category: a.category, created_at: iso(a.createdAtMs), ...(a.caseId ? { case_id: a.caseId } : {}) };
}

export function alertDetail(a: Alert) {
  return {
    ...alertSummary(a),
    description: a.description,
    source: a.sourceName,
    ai_score: a.aiScore,
    ai_summary: a.aiSummary,
    mitre: a.mitre.map((m) => ({ id: m.id, name: m.name, tactic: m.tactic })),
    affected: { hosts: a.affectedHosts, users: a.affectedUsers, ips: a.affectedIps },
    indicators: a.indicators.map((i) => ({ type: i.type, value: i.value, malice: i.malice })),
    recommended_actions: a.recommendedActions.map((r) => r.action),
    first_seen: iso(a.firstSeenMs),
    last_seen: iso(a.lastSeenMs),
  };
}

export function caseSummary(c: LiveCase) {
  return {
    id: c.id,
    case_number: c.caseNumber,
    title: c.title,
    severity: c.severity,
    status: c.status,
    ...(c.assignee ? { assignee: c.assignee } : {}),
    alert_count: c.alertIds.length,
    updated_at: iso(c.updatedAtMs),
  };
}

export function noteView(n: CaseNote) {
  return { id: n.id, author: n.author, body: n.body, system: n.isSystem, created_at: iso(n.atMs) };
}

export function indicatorView(i: Indicator) {
  return {
    type: i.type,
    value: i.value,
    malice: i.malice,
    first_seen: iso(i.firstSeenMs),
    last_seen: iso(i.lastSeenMs),
    providers: i.enrichment.map((p) => ({ provider: p.provider, status: p.status, ...p.extracted })),
  };
}

/** Context documents are addressed by a slug of their title: `saltare://documents/<slug>`. */
export function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
