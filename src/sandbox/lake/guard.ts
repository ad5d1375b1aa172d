import { LAKE_SCHEMA, LAKE_TABLES } from './tables.js';

/**
 * AiSOC's server-side lake policy, applied before the engine sees the SQL: exactly one read-only
 * SELECT/WITH statement over allowlisted tables, no table functions. Outcomes and messages follow
 * AiSOC's rewriter: syntax problems are `invalid` (400), policy violations `forbidden` (403).
 */

export class LakeSqlInvalidError extends Error {}
export class LakeSqlForbiddenError extends Error {}

export interface GuardResult {
  /** Allowlisted tables the statement reads, schema-qualified and sorted. */
  referencedTables: string[];
}

const ALLOWED = new Set(LAKE_TABLES.map((t) => `${LAKE_SCHEMA}.${t.name}`));

/** Verbs that change data or the schema; one anywhere in the statement (even after WITH) refuses it. */
const WRITE_VERBS = new Set(['INSERT', 'UPDATE', 'DELETE', 'DROP', 'CREATE', 'ALTER', 'TRUNCATE', 'MERGE', 'ATTACH', 'DETACH', 'PRAGMA', 'VACUUM', 'REINDEX', 'REPLACE', 'UPSERT']);
/** Verbs that are not queries at all, refused when a statement starts with them. */
const COMMAND_VERBS = new Set([...WRITE_VERBS, 'KILL', 'SYSTEM', 'OPTIMIZE', 'ANALYZE', 'GRANT', 'REVOKE', 'RENAME', 'BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'SET', 'USE']);

/** Words that end a table reference (so they are never mistaken for an alias). */
const CLAUSE_WORDS = new Set(['WHERE', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'NATURAL', 'ON', 'USING', 'GROUP', 'ORDER', 'LIMIT', 'OFFSET', 'HAVING', 'WINDOW', 'UNION', 'EXCEPT', 'INTERSECT', 'AS', 'FROM', 'SELECT', 'FINAL', 'SAMPLE', 'PREWHERE']);

type Token = { kind: 'word' | 'quoted' | 'string' | 'number' | 'punct'; text: string };

export function checkLakeSql(sql: string): GuardResult {
  const statements = splitStatements(tokenize(sql));
  if (statements.length === 0) throw new LakeSqlInvalidError('empty SQL statement');
  if (statements.length > 1) throw new LakeSqlForbiddenError('only a single statement is allowed per request');
  const tokens = statements[0] as Token[];

  let start = 0;
  while (tokens[start]?.text === '(') start++;
  const head = tokens[start];
  const verb = head?.kind === 'word' ? head.text.toUpperCase() : (head?.text ?? '');
  if (COMMAND_VERBS.has(verb)) throw new LakeSqlForbiddenError(`only SELECT statements are allowed (got ${verb})`);
  if (verb !== 'SELECT' && verb !== 'WITH' && verb !== 'VALUES') throw new LakeSqlInvalidError(`expected a SELECT / WITH / UNION statement; got ${verb || 'nothing'}`);

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'word') continue;
    const word = t.text.toUpperCase();
    // A name part (`t.delete`, `system.x`) is not a verb; nor is `replace(x, 'a', 'b')`, a string function.
    const namePart = tokens[i - 1]?.text === '.' || tokens[i + 1]?.text === '.';
    if (WRITE_VERBS.has(word) && !namePart && !(word === 'REPLACE' && tokens[i + 1]?.text === '(')) {
      throw new LakeSqlForbiddenError(`only SELECT statements are allowed (got ${word})`);
    }
    if (word === 'RECURSIVE') throw new LakeSqlInvalidError('recursive CTEs are not supported by the lake');
  }

  const cteNames = new Set<string>();
  for (let i = 0; i + 2 < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'word' && t.kind !== 'quoted') continue;
    let j = i + 1;
    if (tokens[j]?.text === '(') j = skipGroup(tokens, j);
    if (tokens[j]?.text.toUpperCase() === 'AS' && tokens[j + 1]?.text === '(') cteNames.add(t.text.toLowerCase());
  }

  const referenced = new Set<string>();
  const functionParens: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.text === '(') {
      const prev = tokens[i - 1];
      functionParens.push(prev !== undefined && (prev.kind === 'word' || prev.kind === 'quoted') && !CLAUSE_WORDS.has(prev.text.toUpperCase()) && !['IN', 'EXISTS', 'ALL', 'ANY'].includes(prev.text.toUpperCase()));
      continue;
    }
    if (t.text === ')') {
      functionParens.pop();
      continue;
    }
    if (t.kind !== 'word') continue;
    const word = t.text.toUpperCase();
    if ((word !== 'FROM' && word !== 'JOIN') || functionParens[functionParens.length - 1] === true) continue;
    i = readTableList(tokens, i + 1, word === 'FROM', cteNames, referenced) - 1;
  }
  return { referencedTables: [...referenced].sort() };
}

/** Reads `name [AS alias] [, name …]` after FROM/JOIN; returns the index after the last reference. */
function readTableList(tokens: Token[], index: number, allowList: boolean, cteNames: Set<string>, referenced: Set<string>): number {
  let i = index;
  for (;;) {
    const first = tokens[i];
    if (!first || first.text === '(') return i; // a subquery: its own FROM is read when reached
    if (first.kind !== 'word' && first.kind !== 'quoted') throw new LakeSqlInvalidError(`unable to parse SQL: unexpected ${JSON.stringify(first.text)} after FROM`);
    let schema: string | null = null;
    let name = unquote(first);
    i++;
    if (tokens[i]?.text === '.' && tokens[i + 1]) {
      schema = name;
      name = unquote(tokens[i + 1] as Token);
      i += 2;
    }
    if (tokens[i]?.text === '(') throw new LakeSqlForbiddenError('ClickHouse table functions are not allowed in lake queries');
    const full = `${(schema ?? LAKE_SCHEMA).toLowerCase()}.${name.toLowerCase()}`;
    if (!(schema === null && cteNames.has(name.toLowerCase()))) {
      if (!ALLOWED.has(full)) throw new LakeSqlForbiddenError(`table '${full}' is not in the lake allowlist`);
      referenced.add(full);
    }
    if (tokens[i]?.text.toUpperCase() === 'AS') i++;
    const alias = tokens[i];
    if (alias && (alias.kind === 'quoted' || (alias.kind === 'word' && !CLAUSE_WORDS.has(alias.text.toUpperCase())))) i++;
    if (!allowList || tokens[i]?.text !== ',') return i;
    i++;
  }
}

function skipGroup(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]?.text === '(') depth++;
    else if (tokens[i]?.text === ')' && --depth === 0) return i + 1;
  }
  return tokens.length;
}

function unquote(token: Token): string {
  return token.kind === 'quoted' ? token.text.slice(1, -1) : token.text;
}

function splitStatements(tokens: Token[]): Token[][] {
  const statements: Token[][] = [[]];
  for (const token of tokens) {
    if (token.text === ';') statements.push([]);
    else statements[statements.length - 1]?.push(token);
  }
  return statements.filter((s) => s.length > 0);
}

/** A lexer just deep enough for the policy: strings and comments never hide or fake keywords. */
function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) throw new LakeSqlInvalidError('unable to parse SQL: unterminated comment');
      i = end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) throw new LakeSqlInvalidError(`unable to parse SQL: unterminated ${c === "'" ? 'string literal' : 'quoted identifier'}`);
        if (sql[j] === c) {
          if (sql[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      tokens.push({ kind: c === "'" ? 'string' : 'quoted', text: sql.slice(i, j + 1) });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i, i + 256)) as RegExpExecArray;
      tokens.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    } else if (/[0-9]/.test(c)) {
      const match = /^[0-9][0-9._eE]*/.exec(sql.slice(i, i + 64)) as RegExpExecArray;
      tokens.push({ kind: 'number', text: match[0] });
      i += match[0].length;
    } else {
      tokens.push({ kind: 'punct', text: c });
      i++;
    }
  }
  return tokens;
}
