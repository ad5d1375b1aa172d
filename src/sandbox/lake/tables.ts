import { DATASET_NOW_MS, DAY, HOUR, MINUTE } from '../dataset/clock.js';
import { Prng } from '../dataset/prng.js';
import type { Alert, Dataset, Host, Indicator, User } from '../dataset/types.js';

/**
 * The lake's tables: what `GET /lake/schema` describes and what `POST /lake/sql` reads. Types are
 * given as the warehouse (ClickHouse) spells them; SQLite stores them as TEXT/INTEGER/REAL. Rows are
 * generated from the same entities and alerts as everything else, so a hunt for an alert's IOC
 * finds it in the lake too.
 */

export const LAKE_SCHEMA = 'aisoc';

type SqlType = 'TEXT' | 'INTEGER' | 'REAL';
type Cell = string | number | null;

interface Column {
  name: string;
  type: string;
  sqlite: SqlType;
  comment: string;
}

export interface LakeTable {
  name: string;
  columns: Column[];
}

const col = (name: string, type: string, comment: string): Column => ({
  name,
  type,
  sqlite: /Int|UInt/.test(type) ? 'INTEGER' : /Float/.test(type) ? 'REAL' : 'TEXT',
  comment,
});

const ts = col('ts', "DateTime64(3, 'UTC')", 'Event time, ISO-8601 UTC');
const tenant = col('tenant_id', 'UUID', 'Owning tenant (always the caller’s)');

export const LAKE_TABLES: readonly LakeTable[] = [
  {
    name: 'alerts',
    columns: [ts, tenant, col('alert_id', 'UUID', 'Alert id, as in GET /alerts/{id}'), col('title', 'String', ''), col('severity', "LowCardinality(String)", 'critical | high | medium | low | info'), col('status', "LowCardinality(String)", ''), col('category', "LowCardinality(String)", ''), col('connector_type', "LowCardinality(String)", 'Sensor that raised it'), col('mitre_techniques', 'String', 'Comma-separated ATT&CK technique ids'), col('user_email', 'String', ''), col('host_name', 'String', ''), col('src_ip', 'String', 'First external address involved, if any')],
  },
  {
    name: 'auth_events',
    columns: [ts, tenant, col('user_name', 'String', ''), col('user_email', 'String', ''), col('src_ip', 'String', 'Client address'), col('host_name', 'String', 'Target host or application'), col('app', "LowCardinality(String)", 'Entra ID, Okta, VPN, RDP…'), col('auth_method', "LowCardinality(String)", ''), col('outcome', "LowCardinality(String)", 'success | failure'), col('failure_reason', 'String', ''), col('country', 'FixedString(2)', '')],
  },
  {
    name: 'process_events',
    columns: [ts, tenant, col('host_name', 'String', ''), col('user_name', 'String', ''), col('process_name', 'String', ''), col('process_path', 'String', ''), col('command_line', 'String', ''), col('parent_process_name', 'String', ''), col('pid', 'UInt32', ''), col('md5', 'FixedString(32)', ''), col('sha256', 'FixedString(64)', '')],
  },
  {
    name: 'network_flows',
    columns: [ts, tenant, col('host_name', 'String', 'Internal host'), col('src_ip', 'String', ''), col('src_port', 'UInt16', ''), col('dst_ip', 'String', ''), col('dst_port', 'UInt16', ''), col('protocol', "LowCardinality(String)", ''), col('app', "LowCardinality(String)", ''), col('bytes_out', 'UInt64', ''), col('bytes_in', 'UInt64', ''), col('action', "LowCardinality(String)", 'allow | drop | alert')],
  },
  {
    name: 'dns_queries',
    columns: [ts, tenant, col('host_name', 'String', ''), col('client_ip', 'String', ''), col('query', 'String', 'Queried name'), col('query_type', "LowCardinality(String)", ''), col('response_code', "LowCardinality(String)", ''), col('answer', 'String', '')],
  },
  {
    name: 'ioc_enrichments',
    columns: [ts, tenant, col('indicator_type', "LowCardinality(String)", 'ip, domain, url, hash_*, email, account'), col('indicator_value', 'String', ''), col('provider', "LowCardinality(String)", ''), col('status', "LowCardinality(String)", 'success | failed | skipped'), col('verdict', "LowCardinality(String)", 'Malicious | Suspicious | Benign | Pending'), col('score', 'Float64', 'Provider score, 0–100 where given')],
  },
];

export type LakeRows = Record<string, Cell[][]>;

const isoAt = (ms: number) => new Date(ms).toISOString();

/** All rows for one tenant, table by table, in column order. */
export function buildLakeRows(dataset: Dataset, tenantId: string): LakeRows {
  const prng = new Prng(dataset.seed, `lake:${tenantId}`);
  const rows: LakeRows = Object.fromEntries(LAKE_TABLES.map((t) => [t.name, []]));
  const push = (table: string, row: Cell[]) => rows[table]?.push([row[0] ?? null, tenantId, ...row.slice(1)]);
  const { users, hosts, externalIps, domains } = dataset.entities;
  const people = users.filter((u) => u.title !== 'Service Account');
  const workstations = hosts.filter((h) => h.role === 'workstation');
  const hostOf = (u: User): Host => workstations.find((h) => h.owner === u.username) ?? (workstations[0] as Host);
  const benignDomains = domains.filter((d) => d.profile === 'benign');
  const saas = externalIps.filter((e) => e.profile === 'saas' || e.profile === 'cdn' || e.profile === 'cloud');

  // Thirty days of ordinary activity: sign-ins, processes, flows and lookups.
  for (let day = 0; day < 30; day++) {
    for (const user of people) {
      const host = hostOf(user);
      const start = DATASET_NOW_MS - (day + 1) * DAY + 8 * HOUR + prng.int(0, 90) * MINUTE;
      push('auth_events', [isoAt(start), user.username, user.email, host.ip, 'login.microsoftonline.com', prng.pick(['Entra ID', 'Okta', 'VPN']), prng.pick(['password+mfa', 'sso', 'passkey']), 'success', '', 'NL']);
      if (prng.bool(0.08)) push('auth_events', [isoAt(start - 2 * MINUTE), user.username, user.email, host.ip, 'login.microsoftonline.com', 'Entra ID', 'password', 'failure', 'invalid password', 'NL']);
      if (prng.bool(0.9)) {
        push('process_events', [isoAt(start + prng.int(1, 60) * MINUTE), host.hostname, user.username, prng.pick(['OUTLOOK.EXE', 'chrome.exe', 'Teams.exe', 'EXCEL.EXE']), 'C:\\Program Files\\', '', 'explorer.exe', prng.int(1000, 20000), prng.hex(32), prng.hex(64)]);
      }
      if (prng.bool(0.95)) {
        const dst = prng.pick(saas.length > 0 ? saas : externalIps);
        push('network_flows', [isoAt(start + prng.int(1, 400) * MINUTE), host.hostname, host.ip, prng.int(49152, 65535), dst.ip, 443, 'tcp', 'ssl', prng.int(2_000, 900_000), prng.int(20_000, 9_000_000), 'allow']);
      }
      if (prng.bool(0.85)) {
        const d = prng.pick(benignDomains);
        push('dns_queries', [isoAt(start + prng.int(1, 400) * MINUTE), host.hostname, host.ip, d.name, 'A', 'NOERROR', prng.pick(saas.length > 0 ? saas : externalIps).ip]);
      }
    }
  }

  const alerts = dataset.alerts.filter((a) => a.tenantId === tenantId);
  for (const alert of alerts) alertRows(prng, alert, users, hosts, push);

  const seen = new Set<string>();
  for (const indicator of alerts.flatMap((a) => a.indicators)) {
    if (seen.has(indicator.id)) continue;
    seen.add(indicator.id);
    for (const result of indicator.enrichment) {
      push('ioc_enrichments', [isoAt(result.enrichedAtMs), indicator.type, indicator.value, result.provider, result.status, indicator.malice, scoreOf(result.extracted)]);
    }
  }
  for (const table of Object.values(rows)) table.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return rows;
}

type Push = (table: string, row: Cell[]) => void;

/** The telemetry behind one alert: the rows a hunter would find when pivoting on its indicators. */
function alertRows(prng: Prng, alert: Alert, users: User[], hosts: Host[], push: Push): void {
  const user = users.find((u) => u.email === alert.affectedUsers[0]);
  const host = hosts.find((h) => h.hostname === alert.affectedHosts[0]);
  const at = alert.eventTimeMs;
  const externalIp = alert.indicators.find((i) => i.type === 'ip' && !i.value.startsWith('10.'))?.value ?? null;
  push('alerts', [isoAt(alert.createdAtMs), alert.id, alert.title, alert.severity, alert.status, alert.category, alert.connectorType, alert.mitre.map((m) => m.id).join(','), user?.email ?? '', host?.hostname ?? '', externalIp ?? '']);

  if (alert.category === 'identity' && user && externalIp) {
    const failures = Math.min(25, Math.max(3, Math.round(alert.priority / 4)));
    for (let i = 0; i < failures; i++) {
      push('auth_events', [isoAt(at - (failures - i) * 30_000), user.username, user.email, externalIp, 'login.microsoftonline.com', alert.connectorType === 'okta_system_log' ? 'Okta' : 'Entra ID', 'password', 'failure', 'invalid password', prng.pick(['RU', 'RO', 'NL', 'BR'])]);
    }
    if (alert.severity === 'critical' || alert.severity === 'high') {
      push('auth_events', [isoAt(at + 45_000), user.username, user.email, externalIp, 'login.microsoftonline.com', 'Entra ID', 'password', 'success', '', prng.pick(['RU', 'RO', 'NL', 'BR'])]);
    }
  }
  for (const indicator of alert.indicators) indicatorRows(prng, indicator, alert, user, host, at, push);
}

function indicatorRows(prng: Prng, indicator: Indicator, alert: Alert, user: User | undefined, host: Host | undefined, at: number, push: Push): void {
  const hostName = host?.hostname ?? '';
  const hostIp = host?.ip ?? '';
  switch (indicator.type) {
    case 'ip':
      if (indicator.value.startsWith('10.')) return;
      for (let i = 0; i < 3; i++) {
        push('network_flows', [isoAt(at + i * 60_000), hostName, hostIp, prng.int(49152, 65535), indicator.value, alert.category === 'cloud' ? 3333 : 443, 'tcp', alert.category === 'exfiltration' ? 'rclone' : 'ssl', alert.category === 'exfiltration' ? prng.int(200_000_000, 900_000_000) : prng.int(400, 9_000), prng.int(400, 40_000), alert.severity === 'info' || alert.severity === 'low' ? 'drop' : 'alert']);
      }
      return;
    case 'domain':
    case 'url': {
      const name = indicator.type === 'url' ? new URL(indicator.value).hostname : indicator.value;
      const tunnel = alert.scenario === 'dns_tunneling';
      for (let i = 0; i < (tunnel ? 6 : 2); i++) {
        push('dns_queries', [isoAt(at - 20_000 + i * 5_000), hostName, hostIp, tunnel ? `${prng.hex(52)}.${name}` : name, tunnel ? 'TXT' : 'A', 'NOERROR', tunnel ? `"${prng.hex(24)}"` : `203.0.113.${prng.int(2, 254)}`]);
      }
      return;
    }
    case 'hash_sha256': {
      const name = fileNameFrom(alert);
      push('process_events', [isoAt(at), hostName, user?.username ?? '', name, `C:\\Users\\${user?.username ?? 'Public'}\\Downloads\\${name}`, `"${name}"`, prng.pick(['explorer.exe', 'WINWORD.EXE', 'powershell.exe', 'services.exe']), prng.int(1000, 20000), alert.indicators.find((i) => i.type === 'hash_md5')?.value ?? prng.hex(32), indicator.value]);
      return;
    }
    case 'account':
    case 'email':
    case 'hash_md5':
    case 'hash_sha1':
      return;
  }
}

function fileNameFrom(alert: Alert): string {
  const text = JSON.stringify(alert.rawEvent);
  const match = /([A-Za-z0-9_.-]+\.(?:exe|dll|docm|xlsm|msi|js))/.exec(text) ?? /(xmrig)/.exec(text);
  return match?.[1] ?? 'unknown.exe';
}

function scoreOf(extracted: Record<string, unknown>): number | null {
  for (const key of ['abuse_confidence_score', 'score', 'malicious_count']) {
    const value = extracted[key];
    if (typeof value === 'number') return value;
  }
  return null;
}
