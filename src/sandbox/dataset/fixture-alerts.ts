import sentinelBruteForce from './calseta-fixtures/01_sentinel_brute_force_tor.json' with { type: 'json' };
import elasticMalwareHash from './calseta-fixtures/02_elastic_malware_hash.json' with { type: 'json' };
import splunkDataTransfer from './calseta-fixtures/03_splunk_anomalous_data_transfer.json' with { type: 'json' };
import sentinelImpossibleTravel from './calseta-fixtures/04_sentinel_impossible_travel.json' with { type: 'json' };
import elasticPowershell from './calseta-fixtures/05_elastic_suspicious_powershell.json' with { type: 'json' };
import { MINUTE } from './clock.js';
import type { IndicatorFactory } from './indicators.js';
import { technique } from './mitre.js';
import { Prng } from './prng.js';
import { SCENARIOS } from './scenarios.js';
import type { Alert, DetectionRule, Indicator, IndicatorType, Malice, Severity } from './types.js';

/**
 * Five real vendor alerts (Sentinel, Elastic, Splunk; Apache-2.0 fixtures from Calseta, see
 * calseta-fixtures/NOTICE.md) as alerts of the primary tenant, with the fields Calseta's source
 * plugins normalise out of each payload. They are kept apart from the generated alerts because
 * they carry real public addresses and domains, which the generated data never uses; faces that
 * show raw vendor payloads (Calseta) serve them alongside the generated ones.
 */

type Payload = Record<string, unknown>;

interface Normalised {
  title: string;
  description: string;
  severity: Severity;
  occurredAtMs: number;
  createdAtMs: number;
  tags: string[];
  indicators: Array<readonly [IndicatorType, string]>;
}

interface FixtureSpec {
  payload: Payload;
  sourceName: 'sentinel' | 'elastic' | 'splunk';
  /** The generated scenario (and so the detection rule, runbooks) the real alert corresponds to. */
  scenario: string;
  techniques: string[];
  /** Verdicts the fixture's own narrative states for values outside the generated entities. */
  verdicts: Record<string, Malice>;
}

const FIXTURES: readonly FixtureSpec[] = [
  { payload: sentinelBruteForce, sourceName: 'sentinel', scenario: 'brute_force_tor', techniques: ['T1110.001', 'T1078'], verdicts: { '185.220.101.34': 'Malicious' } },
  {
    payload: elasticMalwareHash,
    sourceName: 'elastic',
    scenario: 'malware_hash',
    techniques: ['T1204.002'],
    verdicts: {
      a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2: 'Malicious',
      d41d8cd98f00b204e9800998ecf8427e: 'Malicious',
      da39a3ee5e6b4b0d3255bfef95601890afd80709: 'Malicious',
      '198.51.100.42': 'Suspicious',
    },
  },
  {
    payload: splunkDataTransfer,
    sourceName: 'splunk',
    scenario: 'cloud_exfil',
    techniques: ['T1048.001'],
    verdicts: { '45.33.32.156': 'Suspicious', 'suspicious-cloud-sync.com': 'Suspicious', 'https://suspicious-cloud-sync.com/api/v2/upload': 'Suspicious' },
  },
  { payload: sentinelImpossibleTravel, sourceName: 'sentinel', scenario: 'impossible_travel', techniques: ['T1078', 'T1078.004'], verdicts: { '91.234.56.78': 'Suspicious' } },
  {
    payload: elasticPowershell,
    sourceName: 'elastic',
    scenario: 'encoded_powershell',
    techniques: ['T1059.001', 'T1027'],
    verdicts: { 'c2-relay.darkops.net': 'Malicious', 'https://c2-relay.darkops.net/stager.ps1': 'Malicious', '198.51.100.99': 'Malicious' },
  },
];

const NORMALISERS: Record<FixtureSpec['sourceName'], (payload: Payload) => Normalised> = {
  sentinel: normaliseSentinel,
  elastic: normaliseElastic,
  splunk: normaliseSplunk,
};

export function buildFixtureAlerts(seed: string, tenantId: string, factory: IndicatorFactory, rules: readonly DetectionRule[]): Alert[] {
  const prng = new Prng(seed, `fixture-alerts:${tenantId}`);
  return FIXTURES.map((spec) => {
    const n = NORMALISERS[spec.sourceName](spec.payload);
    const scenario = SCENARIOS.find((s) => s.key === spec.scenario);
    if (!scenario) throw new Error(`fixture scenario ${spec.scenario} is not a dataset scenario`);
    const rule = rules.find((r) => r.scenario === spec.scenario && r.isBuiltin) ?? null;
    const indicators: Indicator[] = [];
    for (const [type, value] of n.indicators) {
      const indicator = factory.get(type, value, n.occurredAtMs, spec.verdicts[value]);
      if (!indicators.includes(indicator)) indicators.push(indicator);
    }
    const mitre = spec.techniques.map(technique);
    const malicious = indicators.filter((i) => i.malice === 'Malicious').length;
    const confidence = prng.int(70, 95);
    return {
      id: prng.uuid(),
      tenantId,
      title: n.title,
      description: n.description,
      severity: n.severity,
      status: 'new',
      priority: n.severity === 'critical' ? 95 : 75,
      category: scenario.category,
      scenario: scenario.key,
      connectorType: spec.sourceName,
      sourceName: spec.sourceName,
      ruleId: rule?.id ?? null,
      mitre,
      aiScore: confidence / 100,
      aiSummary: `${n.title}. ${malicious} indicator${malicious === 1 ? '' : 's'} rated malicious.`,
      aiRecommendations: scenario.actions.map((a) => a.action),
      confidence,
      confidenceLabel: 'high',
      confidenceRationale: [`ingested from ${spec.sourceName}`, `${indicators.length} indicators extracted`],
      disposition: null,
      closeClassification: null,
      affectedIps: indicators.filter((i) => i.type === 'ip').map((i) => i.value),
      affectedHosts: [],
      affectedUsers: indicators.filter((i) => i.type === 'account' || i.type === 'email').map((i) => i.value),
      caseId: null,
      assigneeId: null,
      tags: n.tags,
      indicators,
      narrative: n.description,
      miniTimeline: [],
      recommendedActions: scenario.actions,
      rawEvent: spec.payload,
      eventTimeMs: n.occurredAtMs,
      firstSeenMs: n.occurredAtMs,
      lastSeenMs: n.occurredAtMs,
      createdAtMs: n.createdAtMs,
      updatedAtMs: n.createdAtMs,
      closedAtMs: null,
      duplicateCount: 0,
    };
  });
}

function normaliseSentinel(payload: Payload): Normalised {
  const props = record(payload.properties);
  const additional = record(props.additionalData);
  const indicators: Array<readonly [IndicatorType, string]> = [];
  for (const entity of list(payload.Entities).map(record)) {
    const type = text(entity.Type).toLowerCase();
    if (type === 'ip') indicators.push(['ip', text(entity.Address)]);
    else if (type === 'account') indicators.push(['account', entity.UPNSuffix ? `${text(entity.Name)}@${text(entity.UPNSuffix)}` : text(entity.Name)]);
    else if (type === 'url') indicators.push(['url', text(entity.Url)]);
    else if (type === 'dns') indicators.push(['domain', text(entity.DomainName)]);
  }
  return {
    title: text(props.title),
    description: text(props.description),
    severity: severityOf(text(props.severity)),
    occurredAtMs: Date.parse(text(props.firstActivityTimeUtc)),
    createdAtMs: Date.parse(text(props.createdTimeUtc)) + MINUTE,
    tags: [...list(props.labels).map((l) => text(record(l).labelName)), ...list(additional.techniques).map(text)],
    indicators,
  };
}

function normaliseElastic(payload: Payload): Normalised {
  const indicators: Array<readonly [IndicatorType, string]> = [];
  const add = (type: IndicatorType, field: string) => {
    for (const value of [payload[field]].flat()) if (typeof value === 'string' && value) indicators.push([type, value]);
  };
  add('ip', 'source.ip');
  add('ip', 'destination.ip');
  add('ip', 'host.ip');
  add('hash_sha256', 'file.hash.sha256');
  add('hash_sha256', 'process.hash.sha256');
  add('hash_md5', 'file.hash.md5');
  add('hash_sha1', 'file.hash.sha1');
  add('domain', 'destination.domain');
  add('domain', 'dns.question.name');
  add('url', 'url.full');
  add('account', 'user.name');
  add('email', 'user.email');
  const occurredAtMs = Date.parse(text(payload['@timestamp']));
  return {
    title: text(payload['kibana.alert.rule.name']),
    description: text(payload['kibana.alert.reason'] ?? payload['kibana.alert.rule.description']),
    severity: severityOf(text(payload['kibana.alert.severity'])),
    occurredAtMs,
    createdAtMs: occurredAtMs + 2 * MINUTE,
    tags: list(payload['kibana.alert.rule.tags']).map(text),
    indicators: dedupe(indicators),
  };
}

function normaliseSplunk(payload: Payload): Normalised {
  const result = record(payload.result);
  const indicators: Array<readonly [IndicatorType, string]> = [];
  const add = (type: IndicatorType, field: string) => {
    const value = result[field];
    if (typeof value === 'string' && value && value !== 'unknown') indicators.push([type, value]);
  };
  add('ip', 'src_ip');
  add('ip', 'dest_ip');
  add('domain', 'domain');
  add('url', 'url');
  add('account', 'user');
  const occurredAtMs = Number(text(result._time)) * 1000;
  return {
    title: text(payload.search_name),
    description: `${text(result.signature)}: ${text(result.rule_name)} (${text(result.vendor_product)})`,
    severity: severityOf(text(result.urgency)),
    occurredAtMs,
    createdAtMs: occurredAtMs + 3 * MINUTE,
    tags: text(result.tag).split(',').filter(Boolean),
    indicators,
  };
}

/** Vendor severities (Sentinel, ECS, Splunk urgency) in the dataset's vocabulary. */
function severityOf(raw: string): Severity {
  const map: Record<string, Severity> = { critical: 'critical', high: 'high', medium: 'medium', low: 'low', informational: 'info', info: 'info' };
  const severity = map[raw.toLowerCase()];
  if (!severity) throw new Error(`fixture severity "${raw}" has no mapping`);
  return severity;
}

function dedupe(pairs: Array<readonly [IndicatorType, string]>): Array<readonly [IndicatorType, string]> {
  const seen = new Set<string>();
  return pairs.filter(([type, value]) => !seen.has(`${type}:${value}`) && seen.add(`${type}:${value}`));
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}
