import type { Database, SqlValue } from 'sql.js';
import type { Dataset } from '../dataset/types.js';
import { checkLakeSql } from './guard.js';
import { loadSqlJs } from './sqljs.js';
import { buildLakeRows, LAKE_SCHEMA, LAKE_TABLES, type LakeTable } from './tables.js';

export const DEFAULT_ROW_CAP = 10_000;
export const MAX_ROW_CAP = 100_000;
export const DEFAULT_TIMEOUT_SECONDS = 30;

export class LakeTimeoutError extends Error {}
/** The engine rejected SQL that passed the policy: a syntax error (400) or a backend error (502). */
export class LakeEngineError extends Error {
  constructor(
    message: string,
    readonly syntax: boolean,
  ) {
    super(message);
  }
}

export interface LakeResult {
  columns: string[];
  rows: SqlValue[][];
  rowCount: number;
  rowCap: number;
  referencedTables: string[];
  elapsedMs: number;
}

const DEADLINE_FUNCTION = '__lake_deadline';
const SYNTAX = /syntax error|incomplete input|unrecognized token|unterminated/i;

/**
 * One tenant's lake in SQLite. Each table is a view over its data table that calls a deadline check
 * per row read, so a runaway query stops at `timeout_seconds` instead of holding the server; the
 * connection is `query_only`, so nothing that slips past the policy can write.
 */
export class Lake {
  private deadline = Number.POSITIVE_INFINITY;

  private constructor(private readonly db: Database) {
    db.create_function(DEADLINE_FUNCTION, () => {
      if (performance.now() > this.deadline) throw new LakeTimeoutError('query exceeded its time limit');
      return 1;
    });
  }

  static async open(dataset: Dataset, tenantId: string): Promise<Lake> {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.exec(`ATTACH DATABASE ':memory:' AS ${LAKE_SCHEMA}`);
    const lake = new Lake(db);
    const rows = buildLakeRows(dataset, tenantId);
    db.exec('BEGIN');
    for (const table of LAKE_TABLES) {
      db.exec(`CREATE TABLE ${LAKE_SCHEMA}.${dataTable(table)} (${table.columns.map((c) => `${c.name} ${c.sqlite}`).join(', ')})`);
      const insert = db.prepare(`INSERT INTO ${LAKE_SCHEMA}.${dataTable(table)} VALUES (${table.columns.map(() => '?').join(', ')})`);
      for (const row of rows[table.name] ?? []) insert.run(row);
      insert.free();
      db.exec(`CREATE VIEW ${LAKE_SCHEMA}.${table.name} AS SELECT ${table.columns.map((c) => c.name).join(', ')} FROM ${LAKE_SCHEMA}.${dataTable(table)} WHERE ${DEADLINE_FUNCTION}()`);
    }
    db.exec('COMMIT');
    db.exec('PRAGMA query_only = 1');
    return lake;
  }

  schema(): LakeTable[] {
    return [...LAKE_TABLES];
  }

  /** Runs one policy-checked statement; throws the guard's, the engine's or the deadline's error. */
  query(sql: string, rowCap: number, timeoutSeconds: number): LakeResult {
    const { referencedTables } = checkLakeSql(sql);
    const started = performance.now();
    this.deadline = started + timeoutSeconds * 1000;
    try {
      const statement = this.prepare(sql);
      try {
        const columns = statement.getColumnNames();
        const rows: SqlValue[][] = [];
        while (rows.length < rowCap && statement.step()) {
          rows.push(statement.get());
          if (performance.now() > this.deadline) throw new LakeTimeoutError('query exceeded its time limit');
        }
        return { columns, rows, rowCount: rows.length, rowCap, referencedTables, elapsedMs: Math.round(performance.now() - started) };
      } catch (error) {
        throw translate(error);
      } finally {
        statement.free();
      }
    } finally {
      this.deadline = Number.POSITIVE_INFINITY;
    }
  }

  close(): void {
    this.db.close();
  }

  private prepare(sql: string) {
    try {
      return this.db.prepare(sql);
    } catch (error) {
      throw translate(error);
    }
  }
}

function dataTable(table: LakeTable): string {
  return `${table.name}__data`;
}

function translate(error: unknown): Error {
  if (error instanceof LakeTimeoutError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // A deadline thrown inside SQLite comes back as the function's error text.
  if (message.includes('query exceeded its time limit')) return new LakeTimeoutError('query exceeded its time limit');
  return new LakeEngineError(message, SYNTAX.test(message));
}
