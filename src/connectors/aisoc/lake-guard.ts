import { ToolInputError } from '../errors.js';

/**
 * The local lake-query guard: refuses, before any request leaves this machine, SQL that AiSOC's
 * lake must never see from an agent: more than one statement, anything but a read, system
 * catalogs, and table functions that reach outside the lake (files, URLs, other databases).
 * AiSOC checks again server-side; this guard exists so a refused query costs no round trip,
 * writes no audit row, and the model is told exactly what to change.
 *
 * Matches inside string literals and comments are ignored. Whether a backslash escapes a quote
 * differs between SQL dialects (ClickHouse: yes, standard SQL: no), and a query whose meaning
 * depends on that is exactly how a second statement gets smuggled past a checker, so the SQL is
 * checked under both readings and must pass both.
 */

/** AiSOC's own limit on `sql` (LakeQueryRequest.maxLength). */
export const MAX_LAKE_SQL_CHARS = 200_000;

const FIX = 'Send one read-only SELECT (or WITH … SELECT) over the tables aisoc_lake_schema lists.';

// Words that write or change the schema wherever they appear (a data-modifying CTE hides a
// DELETE behind a leading WITH). Whole words outside literals and quoted identifiers only, so
// columns such as updated_at or "delete" stay usable. Other statements fail the first-word check.
const WRITE_KEYWORDS = /(?<![\w"`])(insert|update|delete|upsert|merge\s+into|drop|alter|create|truncate|attach|detach|grant|revoke|rename|optimize|kill)(?![\w"`])/i;
const OUTFILE = /\binto\s+(outfile|dumpfile)\b/i;
const SYSTEM_REFERENCE = /(?<![\w])["`]?(system|information_schema|pg_catalog)["`]?\s*\./i;
// Table functions that read files, URLs, object stores, other servers or other databases.
const TABLE_FUNCTIONS = [
  'url', 'urlCluster', 's3', 's3Cluster', 'gcs', 'oss', 'cosn', 'azureBlobStorage', 'azureBlobStorageCluster',
  'file', 'fileCluster', 'hdfs', 'hdfsCluster', 'input', 'remote', 'remoteSecure', 'cluster', 'clusterAllReplicas',
  'mysql', 'postgresql', 'mongodb', 'redis', 'sqlite', 'jdbc', 'odbc', 'executable', 'dictionary', 'merge',
  'iceberg', 'icebergS3', 'deltaLake', 'hudi', 'loop',
];
const TABLE_FUNCTION_CALL = new RegExp(`(?<![\\w"\`])["\`]?(${TABLE_FUNCTIONS.join('|')})["\`]?\\s*\\(`, 'i');

/** Throws ToolInputError with the reason when `sql` must not be sent; returns quietly when it may. */
export function checkLakeSql(sql: string): void {
  if (sql.trim() === '') refuse('the SQL is empty.');
  if (sql.length > MAX_LAKE_SQL_CHARS) {
    refuse(`the SQL is ${sql.length} characters long; AiSOC accepts at most ${MAX_LAKE_SQL_CHARS}. Send a shorter query.`);
  }
  for (const backslashEscapes of [true, false]) checkCode(maskLiterals(sql, backslashEscapes));
}

function checkCode(code: string): void {
  // A trailing semicolon is harmless; any other one ends a statement and starts another.
  if (code.replace(/[\s;]+$/, '').includes(';')) {
    refuse(`it contains more than one statement (a ";" outside a string literal). ${FIX}`);
  }
  const first = /^[\s(]*([A-Za-z_]+)/.exec(code)?.[1];
  if (!first || !/^(select|with)$/i.test(first)) {
    refuse(`only read-only queries are allowed, and this one starts with ${first ? `"${first.toUpperCase()}"` : 'no keyword'} instead of SELECT or WITH. ${FIX}`);
  }
  const write = WRITE_KEYWORDS.exec(code) ?? OUTFILE.exec(code);
  if (write) {
    refuse(`only read-only queries are allowed, and this one contains ${write[0].replace(/\s+/g, ' ').toUpperCase()}, which writes data or changes the schema. ${FIX}`);
  }
  const system = SYSTEM_REFERENCE.exec(code);
  if (system) {
    refuse(`it references the ${system[1]?.toLowerCase()} catalog (${system[0].replace(/\s+/g, '')}…), which agents may not read. ${FIX}`);
  }
  const tableFunction = TABLE_FUNCTION_CALL.exec(code);
  if (tableFunction) {
    refuse(`it calls the table function ${tableFunction[1]}(), which reads outside the lake (files, URLs or other databases). ${FIX}`);
  }
}

/**
 * The SQL with string literals emptied, comments blanked and quoted identifiers reduced to a
 * word (`"a;b"` → `"a_b"`), so the checks above only ever see SQL structure.
 */
function maskLiterals(sql: string, backslashEscapes: boolean): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
      out += ' ';
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) refuse(`a /* comment starting at character ${i + 1} is never closed.`);
      i = end + 2;
      out += ' ';
    } else if (c === "'") {
      i = closingQuote(sql, i, backslashEscapes) + 1;
      out += "''";
    } else if (c === '"' || c === '`') {
      const end = closingQuote(sql, i, backslashEscapes);
      out += `${c}${sql.slice(i + 1, end).replace(/\W/g, '_')}${c}`;
      i = end + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Index of the quote that closes the literal opening at `start` (doubled quotes stay inside). */
function closingQuote(sql: string, start: number, backslashEscapes: boolean): number {
  const quote = sql[start];
  for (let j = start + 1; j < sql.length; j++) {
    const c = sql[j];
    if (backslashEscapes && c === '\\') {
      j++;
    } else if (c === quote) {
      if (sql[j + 1] !== quote) return j;
      j++;
    }
  }
  const what = quote === "'" ? 'string literal' : 'quoted identifier';
  return refuse(`the ${what} starting at character ${start + 1} is never closed${quote === "'" ? ' (or its meaning depends on whether \\ escapes a quote)' : ''}.`);
}

function refuse(reason: string): never {
  throw new ToolInputError(`aisoc_lake_query refused the SQL before sending it: ${reason}`);
}
