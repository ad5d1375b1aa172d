import { z } from 'zod';
import { defineTool } from '../../types.js';
import { READ_ONLY } from '../annotations.js';
import { checkLakeSql, MAX_LAKE_SQL_CHARS } from '../lake-guard.js';
import type { WireLakeResult, WireLakeSchema } from '../wire.js';

export const lakeSchema = defineTool({
  name: 'aisoc_lake_schema',
  title: 'Describe the security data lake',
  description:
    "List the tables of AiSOC's security data lake (raw events, alert metrics, IOC enrichments…) with every column's name, type and comment. " +
    'Call it before writing SQL so queries name real tables and columns. Next: aisoc_lake_query.',
  input: z
    .object({
      table: z
        .string()
        .regex(/^[A-Za-z0-9_.]{1,128}$/, { error: 'must be a table name such as aisoc.raw_events' })
        .optional()
        .describe('Only this table (e.g. aisoc.raw_events); omit for all tables.'),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'lake:read_schema',
  writes: false,
  async run(args, ctx) {
    const schema = await ctx.http.get<WireLakeSchema>('/lake/schema');
    const wanted = args.table?.toLowerCase();
    // A bare name matches a database-qualified one: "raw_events" finds "aisoc.raw_events".
    const tables = wanted ? schema.tables.filter((t) => t.table.toLowerCase() === wanted || t.table.toLowerCase().endsWith(`.${wanted}`)) : schema.tables;
    return { items: tables.map(lakeTable), total: tables.length, truncated: false };
  },
});

// Most columns carry no comment; an empty one is noise in a schema a model reads often.
function lakeTable(table: WireLakeSchema['tables'][number]) {
  return { table: table.table, columns: table.columns.map(({ name, type, comment }) => (comment ? { name, type, comment } : { name, type })) };
}

export const lakeQuery = defineTool({
  name: 'aisoc_lake_query',
  title: 'Query the security data lake (SQL)',
  description:
    "Run one read-only SQL SELECT (or WITH … SELECT) against AiSOC's security data lake and get columns, rows, row count and the tables it read. " +
    'Refused before sending: more than one statement, anything that writes, system or information_schema tables, table functions such as url() or file(). ' +
    'AiSOC scopes the query to your data, caps rows at row_cap and audits every call. Get table and column names from aisoc_lake_schema first.',
  input: z
    .object({
      sql: z.string().min(1).max(MAX_LAKE_SQL_CHARS).describe('One SELECT or WITH query, ClickHouse dialect, over tables from aisoc_lake_schema. A trailing ";" is fine.'),
      row_cap: z.number().int().min(1).max(10_000).default(200).describe('Maximum rows to return, 1–10000 (default 200). Aggregate in SQL rather than raising it.'),
      timeout_seconds: z.number().gt(0).max(60).default(30).describe('Give up after this many seconds, up to 60 (default 30).'),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'lake:query',
  writes: false,
  async run(args, ctx) {
    checkLakeSql(args.sql);
    // A read: retrying after a dropped connection or a 503 cannot change anything.
    const result = await ctx.http.post<WireLakeResult>('/lake/sql', args, { idempotent: true });
    const capped = result.row_count >= result.row_cap;
    return {
      ...result,
      ...(capped ? { row_cap_reached: true, hint: `Only the first ${result.row_cap} rows came back. Aggregate, filter or add ORDER BY … LIMIT in SQL to see what matters.` } : {}),
    };
  },
});
