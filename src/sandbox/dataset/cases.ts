import { DAY, HOUR, MINUTE } from './clock.js';
import { Prng, sha256Hex } from './prng.js';
import { SEVERITIES, UNRESOLVED_ALERT_STATUSES, type Alert, type Case, type CaseStatus, type EvidenceItem, type ObservableEdge, type ObservableNode, type Severity } from './types.js';

const SLA_HOURS: Record<Severity, number> = { critical: 4, high: 24, medium: 72, low: 168, info: 336 };
const ANALYSTS = ['dana.whitfield@example.com', 'marcus.oyelaran@example.com', 'priya.raman@example.com'];
const FRAMEWORKS = [['SOC2'], ['SOC2', 'ISO27001'], ['PCI-DSS'], ['HIPAA'], ['ISO27001', 'NIST-CSF'], []];
const NOISE = new Set(['port_scan', 'benign_admin_tool']);

/**
 * Cases group related alerts (same scenario, same person or machine, within a few days) and carry
 * the analyst's work: observable graph, evidence chain, notes and tasks. Case numbers run INC-001…
 * in the order cases were opened, per tenant, so two tenants can each have an INC-001.
 */
export function buildCases(seed: string, tenantId: string, alerts: Alert[], count: number): Case[] {
  const prng = new Prng(seed, `cases:${tenantId}`);
  const byAge = [...alerts].sort((a, b) => a.createdAtMs - b.createdAtMs);
  const eligible = byAge.filter((a) => !NOISE.has(a.scenario) && a.severity !== 'info');
  const taken = new Set<string>();
  const groups: Alert[][] = [];
  for (const anchor of prng.sample(eligible, eligible.length)) {
    if (groups.length >= count) break;
    if (taken.has(anchor.id)) continue;
    const related = byAge.filter(
      (a) =>
        a.id !== anchor.id &&
        !taken.has(a.id) &&
        Math.abs(a.createdAtMs - anchor.createdAtMs) < 4 * DAY &&
        (a.scenario === anchor.scenario || a.affectedUsers[0] === anchor.affectedUsers[0] || a.affectedHosts[0] === anchor.affectedHosts[0]),
    );
    const members = [anchor, ...prng.sample(related, prng.int(0, 5))].sort((a, b) => a.createdAtMs - b.createdAtMs);
    for (const m of members) taken.add(m.id);
    groups.push(members);
  }
  // Numbered in the order the cases were opened.
  groups.sort((x, y) => (x[0]?.createdAtMs ?? 0) - (y[0]?.createdAtMs ?? 0));
  const cases = groups.map((members, i) => buildCase(prng, tenantId, i + 1, members));

  for (const c of cases) for (const alert of alerts) if (c.alertIds.includes(alert.id)) alert.caseId = c.id;
  return cases;
}

function buildCase(prng: Prng, tenantId: string, number: number, members: Alert[]): Case {
  const first = members[0] as Alert;
  const last = members[members.length - 1] as Alert;
  const severity = SEVERITIES.find((s) => members.some((m) => m.severity === s)) ?? 'medium';
  const openedAtMs = first.createdAtMs + prng.int(2, 40) * MINUTE;
  const unresolved = members.some((m) => UNRESOLVED_ALERT_STATUSES.includes(m.status));
  const status: CaseStatus = unresolved
    ? prng.weighted([['new', 2], ['triaged', 3], ['investigating', 4], ['contained', 1]] as const)
    : prng.weighted([['resolved', 3], ['closed', 4], ['contained', 1]] as const);
  const triagedAtMs = status === 'new' ? null : openedAtMs + prng.int(5, 120) * MINUTE;
  const resolvedAtMs = status === 'resolved' || status === 'closed' ? Math.max(last.updatedAtMs, (triagedAtMs ?? openedAtMs) + prng.int(1, 48) * HOUR) : null;
  const closedAtMs = status === 'closed' && resolvedAtMs !== null ? resolvedAtMs + prng.int(1, 24) * HOUR : null;
  const assignee = status === 'new' ? null : prng.pick(ANALYSTS);
  const updatedAtMs = Math.max(closedAtMs ?? 0, resolvedAtMs ?? 0, triagedAtMs ?? 0, last.updatedAtMs, openedAtMs);
  const user = first.affectedUsers[0] ?? 'unknown';
  const host = first.affectedHosts[0] ?? 'unknown';
  const caseNumber = `INC-${String(number).padStart(3, '0')}`;
  const graph = observableGraph(members);

  return {
    id: prng.uuid(),
    tenantId,
    caseNumber,
    ticketId: 1000 + number,
    title: `${categoryTitle(first.category)}: ${first.title}`,
    description: `${members.length} correlated alert${members.length === 1 ? '' : 's'} involving ${user} on ${host}. First seen ${new Date(first.eventTimeMs).toISOString()}. ${first.description}`,
    severity,
    status,
    assignee,
    alertIds: members.map((m) => m.id),
    mitreTechniques: [...new Set(members.flatMap((m) => m.mitre.map((t) => t.id)))],
    observableGraph: graph,
    evidenceChain: evidenceChain(prng, members, openedAtMs, assignee ?? 'aisoc'),
    complianceFrameworks: prng.pick(FRAMEWORKS),
    notes: [
      { id: prng.uuid(), atMs: openedAtMs, author: 'aisoc', body: `Case opened automatically from ${members.length} correlated alert(s).`, isSystem: true },
      ...(assignee && triagedAtMs !== null
        ? [{ id: prng.uuid(), atMs: triagedAtMs, author: assignee, body: `Triaged. Confirmed ${first.category.replace(/_/g, ' ')} activity; scoping ${host} and ${user}.`, isSystem: false }]
        : []),
      ...(resolvedAtMs !== null ? [{ id: prng.uuid(), atMs: resolvedAtMs, author: assignee ?? 'aisoc', body: 'Containment verified, indicators blocked, user re-credentialed.', isSystem: false }] : []),
    ],
    tasks: first.recommendedActions.map((a, i) => ({
      id: prng.uuid(),
      atMs: openedAtMs + (i + 1) * MINUTE,
      title: a.action,
      status: status === 'resolved' || status === 'closed' ? 'done' : i === 0 && status !== 'new' ? 'in_progress' : 'todo',
      assignee,
    })),
    tags: { source: first.connectorType, scenario: first.scenario, category: first.category },
    score: Math.min(100, Math.round(members.reduce((sum, m) => sum + m.priority, 0) / members.length + members.length * 3)),
    openedAtMs,
    triagedAtMs,
    resolvedAtMs,
    closedAtMs,
    createdAtMs: openedAtMs,
    updatedAtMs,
    createdBy: 'aisoc',
    slaDueAtMs: openedAtMs + SLA_HOURS[severity] * HOUR,
  };
}

function categoryTitle(category: string): string {
  const words = category.replace(/_/g, ' ');
  return `${words[0]?.toUpperCase() ?? ''}${words.slice(1)} incident`;
}

function observableGraph(members: Alert[]): { nodes: ObservableNode[]; edges: ObservableEdge[] } {
  const nodes = new Map<string, ObservableNode>();
  const edges: ObservableEdge[] = [];
  const add = (kind: ObservableNode['kind'], value: string, tags: string[] = []): string => {
    const id = `${kind}:${value}`;
    if (!nodes.has(id)) nodes.set(id, { id, kind, value, tags });
    return id;
  };
  for (const alert of members) {
    const alertNode = add('alert', alert.id, [alert.severity]);
    for (const user of alert.affectedUsers) edges.push({ source: alertNode, target: add('user', user), relation: 'involves' });
    for (const host of alert.affectedHosts) edges.push({ source: alertNode, target: add('host', host), relation: 'observed_on' });
    for (const ind of alert.indicators) {
      const kind = ind.type === 'ip' ? 'ip' : ind.type === 'domain' || ind.type === 'url' ? 'domain' : ind.type.startsWith('hash') ? 'hash' : ind.type === 'account' ? 'user' : 'domain';
      const value = ind.type === 'url' ? new URL(ind.value).hostname : ind.type === 'email' ? (ind.value.split('@')[1] ?? ind.value) : ind.value;
      edges.push({ source: alertNode, target: add(kind, value, [ind.malice.toLowerCase()]), relation: 'indicator' });
    }
  }
  return { nodes: [...nodes.values()], edges: dedupeEdges(edges) };
}

function dedupeEdges(edges: ObservableEdge[]): ObservableEdge[] {
  const seen = new Set<string>();
  return edges.filter((e) => {
    const key = `${e.source}|${e.target}|${e.relation}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function evidenceChain(prng: Prng, members: Alert[], openedAtMs: number, actor: string): EvidenceItem[] {
  const items: EvidenceItem[] = [];
  let at = openedAtMs;
  for (const alert of members) {
    at += prng.int(1, 20) * MINUTE;
    const raw = JSON.stringify(alert.rawEvent);
    items.push({ id: prng.uuid(), atMs: at, actor: 'aisoc', action: 'alert_linked', item: alert.id, sha256: sha256Hex(raw), detail: { title: alert.title, source: alert.connectorType, bytes: Buffer.byteLength(raw) } });
  }
  const malicious = members.flatMap((m) => m.indicators).filter((i) => i.malice === 'Malicious');
  for (const ind of malicious.slice(0, 4)) {
    at += prng.int(1, 30) * MINUTE;
    items.push({ id: prng.uuid(), atMs: at, actor, action: 'indicator_confirmed', item: ind.value, sha256: sha256Hex(`${ind.type}:${ind.value}`), detail: { type: ind.type, malice: ind.malice } });
  }
  return items;
}
