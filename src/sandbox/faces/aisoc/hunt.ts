import type { Entities } from '../../dataset/types.js';
import { BodyReader } from '../../server/validation.js';
import type { AisocCall, AisocRoute, Reply } from './call.js';

/**
 * A natural-language hunt, planned the way AiSOC's hunting agent plans one: pull the concrete
 * things out of the hypothesis (indicators, people, machines, ATT&CK ids, known behaviours), turn
 * each into a read-only lake query, and report what matched. Requests to act are refused, not run.
 */

interface Probe {
  table: string;
  reason: string;
  sql: string;
}

const MAX_PROBES = 8;
const SAMPLE_ROWS = 10;

const BEHAVIOURS: ReadonlyArray<readonly [RegExp, Probe]> = [
  [/brute|spray|failed (?:log|sign)|guess/i, { table: 'aisoc.auth_events', reason: 'repeated failed sign-ins from one source', sql: "SELECT user_email, src_ip, count(*) AS failures, min(ts) AS first_seen, max(ts) AS last_seen FROM auth_events WHERE outcome = 'failure' GROUP BY user_email, src_ip HAVING count(*) >= 5 ORDER BY failures DESC" }],
  [/success|followed by|then log/i, { table: 'aisoc.auth_events', reason: 'a successful sign-in from a source that failed before', sql: "SELECT s.ts AS success_at, s.user_email, s.src_ip, s.app FROM auth_events s WHERE s.outcome = 'success' AND EXISTS (SELECT 1 FROM auth_events f WHERE f.outcome = 'failure' AND f.user_email = s.user_email AND f.src_ip = s.src_ip AND f.ts < s.ts) ORDER BY s.ts DESC" }],
  [/beacon|c2\b|command.and.control|callback/i, { table: 'aisoc.network_flows', reason: 'outbound flows the firewall flagged', sql: "SELECT host_name, dst_ip, dst_port, count(*) AS connections, max(ts) AS last_seen FROM network_flows WHERE action = 'alert' GROUP BY host_name, dst_ip, dst_port ORDER BY connections DESC" }],
  [/dns|tunnel/i, { table: 'aisoc.dns_queries', reason: 'TXT lookups of long random labels', sql: "SELECT host_name, substr(query, instr(query, '.') + 1) AS domain, count(*) AS queries FROM dns_queries WHERE query_type = 'TXT' GROUP BY host_name, domain ORDER BY queries DESC" }],
  [/exfil|upload|data transfer|outbound volume/i, { table: 'aisoc.network_flows', reason: 'flows sending more than 100 MB', sql: 'SELECT ts, host_name, dst_ip, app, bytes_out FROM network_flows WHERE bytes_out > 100000000 ORDER BY bytes_out DESC' }],
  [/powershell|encoded command|download cradle/i, { table: 'aisoc.alerts', reason: 'PowerShell alerts', sql: "SELECT ts, alert_id, title, host_name FROM alerts WHERE title LIKE '%PowerShell%' ORDER BY ts DESC" }],
  [/ransom|shadow cop|encrypt/i, { table: 'aisoc.alerts', reason: 'impact techniques (T1486, T1490)', sql: "SELECT ts, alert_id, title, host_name FROM alerts WHERE mitre_techniques LIKE '%T1486%' OR mitre_techniques LIKE '%T1490%' ORDER BY ts DESC" }],
  [/phish/i, { table: 'aisoc.alerts', reason: 'phishing alerts', sql: "SELECT ts, alert_id, title, user_email FROM alerts WHERE category = 'phishing' ORDER BY ts DESC" }],
  [/lsass|mimikatz|credential dump/i, { table: 'aisoc.alerts', reason: 'credential dumping (T1003)', sql: "SELECT ts, alert_id, title, host_name FROM alerts WHERE mitre_techniques LIKE '%T1003%' ORDER BY ts DESC" }],
  [/min(?:er|ing)|crypto.?jack|xmrig|stratum/i, { table: 'aisoc.network_flows', reason: 'connections to a mining pool port', sql: 'SELECT ts, host_name, dst_ip, dst_port FROM network_flows WHERE dst_port = 3333 ORDER BY ts DESC' }],
];

const ACTION_WORDS = /\b(delete|drop|isolate|disable|block|kill|quarantine|reset|wipe|shut ?down|contain)\b/i;

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

function plan(hypothesis: string, entities: Entities): Probe[] {
  const probes: Probe[] = [];
  const text = hypothesis;
  const emails = new Set(text.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? []);
  for (const ip of new Set(text.match(/\b(?:\d{1,3}\.){3}\d{1,3}\b|\b2001:db8:[0-9a-f:]+/gi) ?? [])) {
    probes.push({ table: 'aisoc.auth_events', reason: `sign-ins from ${ip}`, sql: `SELECT ts, user_email, outcome, app FROM auth_events WHERE src_ip = ${quote(ip)} ORDER BY ts DESC` });
    probes.push({ table: 'aisoc.network_flows', reason: `traffic to or from ${ip}`, sql: `SELECT ts, host_name, src_ip, dst_ip, dst_port, bytes_out FROM network_flows WHERE dst_ip = ${quote(ip)} OR src_ip = ${quote(ip)} ORDER BY ts DESC` });
  }
  for (const hash of new Set(text.match(/\b[a-f0-9]{64}\b|\b[a-f0-9]{40}\b|\b[a-f0-9]{32}\b/gi) ?? [])) {
    const h = hash.toLowerCase();
    probes.push({ table: 'aisoc.process_events', reason: `executions of ${h}`, sql: `SELECT ts, host_name, user_name, process_name FROM process_events WHERE sha256 = ${quote(h)} OR md5 = ${quote(h)} ORDER BY ts DESC` });
  }
  for (const domain of new Set(text.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ').match(/\b(?:[a-z0-9-]+\.)+(?:com|net|org)\b/gi) ?? [])) {
    const d = domain.toLowerCase();
    probes.push({ table: 'aisoc.dns_queries', reason: `lookups of ${d}`, sql: `SELECT ts, host_name, query, query_type FROM dns_queries WHERE query = ${quote(d)} OR query LIKE ${quote(`%.${d}`)} ORDER BY ts DESC` });
  }
  for (const email of emails) {
    probes.push({ table: 'aisoc.auth_events', reason: `sign-ins by ${email}`, sql: `SELECT ts, src_ip, outcome, app FROM auth_events WHERE user_email = ${quote(email.toLowerCase())} ORDER BY ts DESC` });
  }
  for (const id of new Set(text.match(/\bT\d{4}(?:\.\d{3})?\b/g) ?? [])) {
    probes.push({ table: 'aisoc.alerts', reason: `alerts mapped to ${id}`, sql: `SELECT ts, alert_id, title, severity FROM alerts WHERE mitre_techniques LIKE ${quote(`%${id}%`)} ORDER BY ts DESC` });
  }
  for (const host of entities.hosts.filter((h) => new RegExp(`\\b${h.hostname}\\b`, 'i').test(text))) {
    probes.push({ table: 'aisoc.alerts', reason: `alerts on ${host.hostname}`, sql: `SELECT ts, alert_id, title, severity FROM alerts WHERE host_name = ${quote(host.hostname)} ORDER BY ts DESC` });
  }
  for (const [pattern, probe] of BEHAVIOURS) if (pattern.test(text)) probes.push(probe);
  return probes.slice(0, MAX_PROBES);
}

async function hunt(call: AisocCall): Promise<Reply> {
  const reader = new BodyReader(call.body);
  const hypothesis = reader.string('hypothesis', { required: true, min: 1, max: 2000 }) ?? '';
  reader.done();
  const refusals: string[] = [];
  const action = ACTION_WORDS.exec(hypothesis)?.[1];
  if (action) refusals.push(`Hunting only reads: "${action}" asks for an action. Preview it with POST /api/v1/live-actions/dry-run instead.`);
  const probes = plan(hypothesis, call.ctx.dataset.entities);
  if (probes.length === 0) {
    return { body: { hypothesis, checked: false, matches: [], refusals, unavailable_reason: 'The hypothesis names nothing the lake can be searched for: give an IP, domain, hash, user, host, ATT&CK id or a behaviour such as brute force, beaconing or DNS tunnelling.' } };
  }
  const lake = await call.ctx.lake(call.principal.tenantId);
  const matches = [];
  for (const probe of probes) {
    const result = lake.query(probe.sql, 200, 10);
    if (result.rowCount === 0) continue;
    matches.push({
      table: probe.table,
      reason: probe.reason,
      query: probe.sql,
      row_count: result.rowCount,
      rows: result.rows.slice(0, SAMPLE_ROWS).map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i] ?? null]))),
    });
  }
  return { body: { hypothesis, checked: true, matches, refusals, unavailable_reason: null } };
}

export const huntRoutes: AisocRoute[] = [{ method: 'POST', pattern: '/api/v1/agents/hunt', access: 'hunts:read', body: 'model', handler: hunt }];
