import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { call, get } from './client.js';

const sql = (sandbox: SandboxHandle, body: Record<string, unknown>) => call(sandbox, 'POST', '/api/v1/lake/sql', { body });

describe('the lake (sql.js) behind AiSOC’s lake API', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'lake-test' });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('finds an alert’s indicator in the telemetry tables', async () => {
    const { items } = await get(sandbox, '/api/v1/alerts?category=identity&page_size=50');
    const alert = items.find((a: { affected_ips: string[] }) => a.affected_ips.some((ip) => !ip.startsWith('10.')));
    const ip = alert.affected_ips.find((x: string) => !x.startsWith('10.'));
    const reply = await sql(sandbox, { sql: `SELECT user_email, outcome, count(*) AS n FROM aisoc.auth_events WHERE src_ip = '${ip}' GROUP BY user_email, outcome` });
    expect(reply.status).toBe(200);
    const body = reply.json as { columns: string[]; rows: unknown[][]; row_count: number; referenced_tables: string[]; row_cap: number; elapsed_ms: number; executed_at: string };
    expect(body.columns).toEqual(['user_email', 'outcome', 'n']);
    expect(body.rows).toContainEqual([alert.affected_users[0], 'failure', expect.any(Number)]);
    expect(body).toMatchObject({ row_count: body.rows.length, referenced_tables: ['aisoc.auth_events'], row_cap: 10000 });
    expect(body.executed_at).toMatch(/^\d{4}-\d\d-\d\dT/);

    const joined = await sql(sandbox, { sql: 'WITH hits AS (SELECT alert_id, src_ip FROM alerts WHERE src_ip <> \'\') SELECT count(*) FROM hits h JOIN network_flows f ON f.dst_ip = h.src_ip' });
    expect(joined.json).toMatchObject({ referenced_tables: ['aisoc.alerts', 'aisoc.network_flows'] });
    expect(((joined.json as { rows: number[][] }).rows[0] ?? [])[0]).toBeGreaterThan(0);
  });

  it('applies the row cap', async () => {
    const reply = await sql(sandbox, { sql: 'SELECT ts FROM auth_events', row_cap: 7 });
    expect(reply.json).toMatchObject({ row_count: 7, row_cap: 7 });
  });

  it('refuses writes, system tables, table functions, unknown tables and several statements (403)', async () => {
    const cases: Array<[string, string]> = [
      ["INSERT INTO auth_events (user_name) VALUES ('x')", 'only SELECT statements are allowed (got INSERT)'],
      ['DELETE FROM alerts', 'only SELECT statements are allowed (got DELETE)'],
      ['DROP TABLE alerts', 'only SELECT statements are allowed (got DROP)'],
      ["WITH x AS (SELECT 1) UPDATE alerts SET title = 'x'", 'only SELECT statements are allowed (got UPDATE)'],
      ["ATTACH DATABASE ':memory:' AS evil", 'only SELECT statements are allowed (got ATTACH)'],
      ['SELECT * FROM system.tables', "table 'system.tables' is not in the lake allowlist"],
      ['SELECT * FROM information_schema.tables', "table 'information_schema.tables' is not in the lake allowlist"],
      ['SELECT name FROM sqlite_master', "table 'aisoc.sqlite_master' is not in the lake allowlist"],
      ['SELECT * FROM alerts__data', "table 'aisoc.alerts__data' is not in the lake allowlist"],
      ['SELECT * FROM customers', "table 'aisoc.customers' is not in the lake allowlist"],
      ["SELECT * FROM url('https://example.com/x.csv', CSV)", 'ClickHouse table functions are not allowed in lake queries'],
      ['SELECT * FROM alerts a JOIN s3(\'bucket\') b ON 1 = 1', 'ClickHouse table functions are not allowed in lake queries'],
      ['SELECT 1; DROP TABLE alerts', 'only a single statement is allowed per request'],
    ];
    for (const [text, detail] of cases) {
      const reply = await sql(sandbox, { sql: text });
      expect({ status: reply.status, body: reply.json }, text).toEqual({ status: 403, body: { detail: `lake SQL forbidden: ${detail}` } });
    }
    // Keywords inside strings and comments are data, not statements.
    const quoted = await sql(sandbox, { sql: "SELECT 'DROP TABLE alerts; DELETE' AS s -- INSERT\n FROM alerts LIMIT 1" });
    expect(quoted.json).toMatchObject({ rows: [['DROP TABLE alerts; DELETE']] });
    expect((await sql(sandbox, { sql: "SELECT replace(title, 'a', 'b') FROM alerts LIMIT 1;" })).status).toBe(200);
  });

  it('answers syntax problems with 400 and bad bodies with 422', async () => {
    const invalid: Array<[string, RegExp]> = [
      ['SELEC 1', /^lake SQL invalid: expected a SELECT \/ WITH \/ UNION statement; got SELEC$/],
      ['-- nothing here', /^lake SQL invalid: empty SQL statement$/],
      ['SELECT * FORM alerts', /^lake SQL invalid: unable to parse SQL: near "FORM": syntax error$/],
      ["SELECT 'open string FROM alerts", /^lake SQL invalid: unable to parse SQL: unterminated string literal$/],
    ];
    for (const [text, detail] of invalid) {
      const reply = await sql(sandbox, { sql: text });
      expect(reply.status, text).toBe(400);
      expect((reply.json as { detail: string }).detail, text).toMatch(detail);
    }
    expect((await sql(sandbox, { sql: 'SELECT no_such_column FROM alerts' })).json).toEqual({ detail: 'lake backend error: no such column: no_such_column' });
    for (const body of [{ sql: '' }, { sql: 'SELECT 1', row_cap: 0 }, { sql: 'SELECT 1', row_cap: 100001 }, { sql: 'SELECT 1', timeout_seconds: 0 }, { sql: 'SELECT 1', timeout_seconds: 61 }, {}, { sql: 'x'.repeat(200_001) }]) {
      expect((await sql(sandbox, body)).status, JSON.stringify(body).slice(0, 60)).toBe(422);
    }
  });

  it('stops a runaway query at timeout_seconds with 422, and keeps serving', async () => {
    const reply = await sql(sandbox, { sql: 'SELECT count(*) FROM auth_events a, auth_events b, auth_events c', timeout_seconds: 0.2 });
    expect(reply.status).toBe(422);
    expect((reply.json as { detail: string }).detail).toMatch(/^lake query timed out: /);
    expect((await sql(sandbox, { sql: 'SELECT count(*) FROM alerts' })).status).toBe(200);
    expect((await sql(sandbox, { sql: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c' })).status).toBe(400);
  });

  it('records every lake query in the audit log', async () => {
    const audit = await get(sandbox, '/api/v1/audit?action=lake.query&page_size=200');
    const outcomes = new Set(audit.items.map((e: { changes: { outcome: string } }) => e.changes.outcome));
    for (const outcome of ['ok', 'forbidden', 'timeout', 'backend_error']) expect(outcomes, outcome).toContain(outcome);
  });

  it('hunts a hypothesis across the lake and refuses to act', async () => {
    const brute = await call(sandbox, 'POST', '/api/v1/agents/hunt', { body: { hypothesis: 'Password spray or brute force followed by a successful login; isolate the host afterwards' } });
    expect(brute.status).toBe(200);
    const body = brute.json as { checked: boolean; matches: Array<{ table: string; row_count: number; rows: unknown[] }>; refusals: string[]; unavailable_reason: null };
    expect(body.checked).toBe(true);
    expect(body.matches.length).toBeGreaterThan(0);
    expect(body.matches[0]).toMatchObject({ table: 'aisoc.auth_events', row_count: expect.any(Number) });
    expect(body.refusals).toEqual([expect.stringContaining('"isolate"')]);

    const ip = (await get(sandbox, '/api/v1/alerts?category=network&page_size=1')).items[0].affected_ips.at(-1);
    const byIp = (await call(sandbox, 'POST', '/api/v1/agents/hunt', { body: { hypothesis: `Is ${ip} talking to our hosts?` } })).json as { matches: Array<{ reason: string }> };
    expect(byIp.matches.map((m) => m.reason)).toContain(`traffic to or from ${ip}`);

    const vague = (await call(sandbox, 'POST', '/api/v1/agents/hunt', { body: { hypothesis: 'something feels off' } })).json;
    expect(vague).toMatchObject({ checked: false, matches: [], unavailable_reason: expect.any(String) });
    expect((await call(sandbox, 'POST', '/api/v1/agents/hunt', { body: { hypothesis: 'x'.repeat(2001) } })).status).toBe(422);
  });
});
