import { describe, expect, it } from 'vitest';
import { ToolInputError } from '../../src/connectors/errors.js';
import { checkLakeSql, MAX_LAKE_SQL_CHARS } from '../../src/connectors/aisoc/lake-guard.js';

/** The refusal message, or undefined when the guard lets the SQL through. */
function refusal(sql: string): string | undefined {
  try {
    checkLakeSql(sql);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ToolInputError);
    return (error as Error).message;
  }
}

describe('lake guard: queries it lets through', () => {
  it.each([
    ['a plain select', 'SELECT count() FROM aisoc.raw_events'],
    ['a trailing semicolon', 'SELECT 1;'],
    ['trailing semicolons and whitespace', 'SELECT 1 ; ;\n  '],
    ['a semicolon inside a string', "SELECT * FROM aisoc.raw_events WHERE msg = 'a;b'"],
    ['a doubled quote inside a string', "SELECT * FROM t WHERE msg = 'it''s; fine'"],
    ['forbidden words inside strings', "SELECT * FROM t WHERE cmd = 'DROP TABLE x; DELETE FROM y' OR u = 'url(http://x)' OR s = 'system.tables'"],
    ['forbidden words inside comments', 'SELECT 1 -- ; DROP TABLE x\n/* system.tables; url( */ FROM t'],
    ['a WITH query', 'WITH recent AS (SELECT * FROM aisoc.alert_metrics WHERE ts > now() - INTERVAL 1 DAY) SELECT count() FROM recent'],
    ['a parenthesised union', '(SELECT 1) UNION ALL (SELECT 2)'],
    ['lower-case keywords', 'select src_ip, count(*) from aisoc.raw_events group by src_ip'],
    ['columns that contain keywords', 'SELECT updated_at, created_at, deleted, system_id, input_bytes FROM t'],
    ['quoted identifiers that are keywords', 'SELECT "delete", `update` FROM t'],
    ['functions whose names contain url', 'SELECT decodeURLComponent(path), cutURLParameter(url, \'q\') FROM t'],
    ['a semicolon in a quoted identifier', 'SELECT "a;b" FROM t'],
  ])('allows %s', (_name, sql) => {
    expect(refusal(sql)).toBeUndefined();
  });
});

describe('lake guard: queries it refuses, and why', () => {
  it.each([
    ['a second statement', 'SELECT 1; DROP TABLE aisoc.raw_events', 'more than one statement'],
    ['a second select', 'SELECT 1; SELECT 2', 'more than one statement'],
    ['a statement after a comment', 'SELECT 1 /* c */ ; SELECT 2', 'more than one statement'],
    ['a write', 'DELETE FROM aisoc.raw_events', 'starts with "DELETE"'],
    ['an insert', "INSERT INTO aisoc.raw_events VALUES (1, 'x')", 'starts with "INSERT"'],
    ['a SET', 'SET max_memory_usage = 1', 'starts with "SET"'],
    ['a write hidden in a CTE', 'WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone', 'contains DELETE'],
    ['an UPDATE hidden after SELECT', 'SELECT 1 FROM t WHERE x IN (SELECT 1) AND 1 = 1 UPDATE t SET a = 1', 'contains UPDATE'],
    ['writing the result to a file', "SELECT * FROM t INTO OUTFILE '/tmp/out.csv'", 'contains INTO OUTFILE'],
    ['the system catalog', 'SELECT * FROM system.tables', 'system catalog'],
    ['the system catalog in capitals', 'SELECT name FROM SYSTEM . users', 'system catalog'],
    ['the system catalog quoted', 'SELECT * FROM "system"."tables"', 'system catalog'],
    ['the system catalog back-quoted', 'SELECT * FROM `system`.query_log', 'system catalog'],
    ['information_schema', 'SELECT * FROM information_schema.columns', 'information_schema catalog'],
    ['url()', "SELECT * FROM url('http://example.com/x.csv', CSV)", 'table function url()'],
    ['s3()', "SELECT * FROM s3('https://bucket/x', 'CSV')", 'table function s3()'],
    ['file() with a space', "SELECT * FROM file ('/etc/passwd', 'LineAsString')", 'table function file()'],
    ['remoteSecure()', "SELECT * FROM remoteSecure('db:9440', default.t)", 'table function remoteSecure()'],
    ['postgresql()', "SELECT * FROM postgresql('h:5432', 'db', 't', 'u', 'p')", 'table function postgresql()'],
    ['executable()', "SELECT * FROM executable('x.sh', TabSeparated, 'a String')", 'table function executable()'],
    ['jdbc()', "SELECT * FROM jdbc('x', 'y')", 'table function jdbc()'],
    ['a table function inside a subquery', "SELECT * FROM t WHERE a IN (SELECT a FROM mysql('h', 'd', 't', 'u', 'p'))", 'table function mysql()'],
    ['an unterminated string', "SELECT * FROM t WHERE a = 'oops", 'string literal starting at character 27 is never closed'],
    ['an unterminated comment', 'SELECT 1 /* never closed', 'comment starting at character 10 is never closed'],
    ['an unterminated quoted identifier', 'SELECT "a FROM t', 'quoted identifier starting at character 8 is never closed'],
    ['empty SQL', '   ', 'the SQL is empty'],
  ])('refuses %s', (_name, sql, reason) => {
    const message = refusal(sql);
    expect(message).toMatch(/^aisoc_lake_query refused the SQL before sending it: /);
    expect(message).toContain(reason);
  });

  it('refuses SQL whose meaning depends on whether a backslash escapes a quote', () => {
    // ClickHouse reads one string literal here; standard SQL reads a string, then a DROP.
    const message = refusal("SELECT 'a\\'; DROP TABLE aisoc.raw_events; --'");
    expect(message).toContain('more than one statement');
  });

  it('allows a backslash-escaped quote that is harmless under both readings', () => {
    expect(refusal("SELECT * FROM t WHERE path = 'C:\\\\temp'")).toBeUndefined();
  });

  it('refuses SQL longer than AiSOC accepts, and accepts SQL at the limit', () => {
    const head = 'SELECT 1 -- ';
    expect(refusal(head + 'x'.repeat(MAX_LAKE_SQL_CHARS - head.length))).toBeUndefined();
    const message = refusal(head + 'x'.repeat(MAX_LAKE_SQL_CHARS - head.length + 1));
    expect(message).toContain(`the SQL is ${MAX_LAKE_SQL_CHARS + 1} characters long; AiSOC accepts at most ${MAX_LAKE_SQL_CHARS}`);
  });

  it('tells the model what to send instead', () => {
    expect(refusal('SELECT 1; SELECT 2')).toContain('Send one read-only SELECT (or WITH … SELECT) over the tables aisoc_lake_schema lists.');
  });
});
