import { DATASET_NOW_MS, DAY, HOUR, MINUTE } from './clock.js';
import type { IndicatorFactory } from './indicators.js';
import { technique } from './mitre.js';
import { Prng } from './prng.js';
import { SCENARIOS, type Scenario, type ScenarioContext } from './scenarios.js';
import {
  ALERT_STATUSES,
  SEVERITIES,
  type Alert,
  type AlertStatus,
  type DetectionRule,
  type Entities,
  type Indicator,
  type MiniEvent,
  type Severity,
} from './types.js';

const PRIORITY: Record<Severity, number> = { info: 10, low: 30, medium: 50, high: 75, critical: 95 };

const CLOSE_CLASSIFICATIONS = {
  resolved: 'True Positive - Suspicious Activity',
  false_positive: 'False Positive - Incorrect Detection Logic',
  closed: 'Benign Positive - Suspicious but Expected',
} as const;

const ANALYSTS = ['dwhitfield', 'moyelaran', 'praman'];

export interface AlertBuildInput {
  seed: string;
  tenantId: string;
  count: number;
  entities: Entities;
  indicators: IndicatorFactory;
  /** Rules the tenant can see, to link each alert to the rule that raised it. */
  rules: DetectionRule[];
}

export function buildAlerts(input: AlertBuildInput): Alert[] {
  const { seed, tenantId, count, entities, indicators, rules } = input;
  const prng = new Prng(seed, `alerts:${tenantId}`);
  const alerts: Alert[] = [];
  for (let i = 0; i < count; i++) {
    const s = prng.weighted(SCENARIOS.map((sc) => [sc, sc.weight] as const));
    // Recent hours are busier than last month, the way a real queue looks.
    const ageMs = 3 * MINUTE + Math.floor(Math.pow(prng.next(), 1.7) * 30 * DAY);
    alerts.push(buildAlert(prng, s, tenantId, DATASET_NOW_MS - ageMs, ageMs, entities, indicators, rules));
  }
  guaranteeCoverage(alerts);
  return alerts;
}

function buildAlert(prng: Prng, s: Scenario, tenantId: string, createdAtMs: number, ageMs: number, entities: Entities, factory: IndicatorFactory, rules: DetectionRule[]): Alert {
  const eventTimeMs = createdAtMs - prng.int(5, 600) * 1000;
  const people = entities.users.filter((u) => u.title !== 'Service Account');
  const ctx: ScenarioContext = {
    prng,
    user: prng.pick(people),
    host: prng.pick(s.category === 'vulnerability' ? entities.hosts.filter((h) => h.role !== 'workstation') : entities.hosts),
    ip: prng.pick(s.ipProfiles ? entities.externalIps.filter((e) => s.ipProfiles?.includes(e.profile)) : entities.externalIps),
    domain: prng.pick(s.domainProfile ? entities.domains.filter((d) => d.profile === s.domainProfile) : entities.domains),
    file: prng.pick(s.maliciousFile === undefined ? entities.files : entities.files.filter((f) => f.malicious === s.maliciousFile)),
    atMs: eventTimeMs,
    count: prng.int(s.countRange[0], s.countRange[1]),
  };
  const severity = prng.weighted(s.severities);
  const status = statusFor(prng, ageMs, severity);
  const mitre = s.techniques.map(technique);
  const indicatorList: Indicator[] = [];
  for (const [type, value] of s.indicators(ctx)) {
    const indicator = factory.get(type, value, eventTimeMs);
    if (!indicatorList.includes(indicator)) indicatorList.push(indicator);
  }
  const confidence = clamp(Math.round((severity === 'info' ? 25 : severity === 'low' ? 40 : 55) + prng.int(-10, 40)), 5, 99);
  const closed = status === 'resolved' || status === 'false_positive' || status === 'closed';
  const updatedAtMs = closed ? createdAtMs + prng.int(20, 2 * 24 * 60) * MINUTE : createdAtMs + prng.int(0, 90) * MINUTE;
  const title = s.title(ctx);
  const rule = rules.find((r) => r.scenario === s.key && r.isBuiltin) ?? rules.find((r) => r.scenario === s.key) ?? null;
  const malicious = indicatorList.filter((x) => x.malice === 'Malicious').length;
  const aiScore = Math.round(clamp(confidence / 100 + (malicious > 0 ? 0.08 : -0.05), 0.02, 0.99) * 1000) / 1000;
  const alertId = prng.uuid();
  const affectedIps = [...new Set([ctx.host.ip, ...indicatorList.filter((x) => x.type === 'ip').map((x) => x.value)])];

  return {
    id: alertId,
    tenantId,
    title,
    description: s.description(ctx),
    severity,
    status,
    priority: clamp(PRIORITY[severity] + prng.int(-4, 4), 1, 100),
    category: s.category,
    scenario: s.key,
    connectorType: s.connectorType,
    sourceName: s.sourceName,
    ruleId: rule?.id ?? null,
    mitre,
    aiScore,
    aiSummary: `${title}. ${malicious > 0 ? `${malicious} indicator${malicious === 1 ? '' : 's'} match threat intelligence` : 'No indicator matches threat intelligence'}; ${severity} severity, ${confidence}% confidence. Likely ${mitre.map((m) => m.name).join(' → ')}.`,
    aiRecommendations: s.actions.map((a) => a.action),
    confidence,
    confidenceLabel: confidence >= 70 ? 'high' : confidence >= 40 ? 'medium' : 'low',
    confidenceRationale: [
      `${indicatorList.length} indicator${indicatorList.length === 1 ? '' : 's'} extracted, ${malicious} rated malicious`,
      `source ${s.connectorType} rule "${rule?.name ?? s.key}"`,
      ageMs < DAY ? 'activity within the last 24 hours' : 'historical activity',
    ],
    disposition: status === 'resolved' ? 'true_positive' : status === 'false_positive' ? 'false_positive' : status === 'closed' ? 'benign' : null,
    closeClassification: closed ? CLOSE_CLASSIFICATIONS[status] : null,
    affectedIps,
    affectedHosts: [ctx.host.hostname],
    affectedUsers: [ctx.user.email],
    caseId: null,
    assigneeId: status === 'new' ? null : prng.pick(ANALYSTS),
    tags: [...s.tags, s.connectorType],
    indicators: indicatorList,
    narrative: `${ctx.user.displayName} (${ctx.user.title}, ${ctx.user.department}) on ${ctx.host.hostname}: ${s.description(ctx)} ATT&CK: ${mitre.map((m) => `${m.id} ${m.name}`).join(', ')}.`,
    miniTimeline: miniTimeline(prng, eventTimeMs, createdAtMs, s, indicatorList.length, severity),
    recommendedActions: s.actions,
    rawEvent: s.raw(ctx),
    eventTimeMs,
    firstSeenMs: eventTimeMs - prng.int(0, 45) * MINUTE,
    lastSeenMs: eventTimeMs,
    createdAtMs,
    updatedAtMs,
    closedAtMs: closed ? updatedAtMs : null,
    duplicateCount: prng.bool(0.2) ? prng.int(1, 12) : 0,
  };
}

function statusFor(prng: Prng, ageMs: number, severity: Severity): AlertStatus {
  if (ageMs < 6 * HOUR) return prng.weighted([['new', 6], ['triaging', 3], ['in_progress', 1]] as const);
  if (ageMs < 3 * DAY) return prng.weighted([['new', 2], ['triaging', 3], ['in_progress', 3], ['resolved', 1], ['false_positive', 1]] as const);
  const noise = severity === 'info' || severity === 'low';
  return prng.weighted([['resolved', noise ? 1 : 4], ['false_positive', noise ? 5 : 2], ['closed', 3], ['in_progress', 1]] as const);
}

function miniTimeline(prng: Prng, eventTimeMs: number, createdAtMs: number, s: Scenario, indicatorCount: number, severity: Severity): MiniEvent[] {
  const events: MiniEvent[] = [
    { id: prng.uuid(), atMs: eventTimeMs, kind: 'detection', agent: s.connectorType, summary: `Raised by ${s.connectorType}`, payload: { scenario: s.key }, durationMs: 0 },
    { id: prng.uuid(), atMs: createdAtMs, kind: 'enrichment', agent: 'enrichment', summary: `Enriched ${indicatorCount} indicator${indicatorCount === 1 ? '' : 's'}`, payload: { indicators: indicatorCount }, durationMs: prng.int(300, 4000) },
    { id: prng.uuid(), atMs: createdAtMs + prng.int(1, 30) * 1000, kind: 'triage', agent: 'auto_triage', summary: `Auto-triage scored ${severity}`, payload: { severity }, durationMs: prng.int(800, 9000) },
  ];
  return events;
}

/** Every severity and status must exist for every seed, so filters and tests always find them. */
function guaranteeCoverage(alerts: Alert[]): void {
  SEVERITIES.forEach((severity, i) => {
    const target = alerts[i * 7];
    if (target && !alerts.some((a) => a.severity === severity)) {
      target.severity = severity;
      target.priority = PRIORITY[severity];
    }
  });
  ALERT_STATUSES.forEach((status, i) => {
    const target = alerts[i * 11 + 3];
    if (target && !alerts.some((a) => a.status === status)) {
      target.status = status;
      const closed = status === 'resolved' || status === 'false_positive' || status === 'closed';
      target.closedAtMs = closed ? target.updatedAtMs : null;
      target.closeClassification = closed ? CLOSE_CLASSIFICATIONS[status] : null;
    }
  });
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
