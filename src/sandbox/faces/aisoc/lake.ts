import { iso } from '../../dataset/clock.js';
import { LakeSqlForbiddenError, LakeSqlInvalidError } from '../../lake/guard.js';
import { DEFAULT_ROW_CAP, DEFAULT_TIMEOUT_SECONDS, LakeEngineError, LakeTimeoutError, MAX_ROW_CAP } from '../../lake/lake.js';
import { LAKE_SCHEMA } from '../../lake/tables.js';
import { BodyReader } from '../../server/validation.js';
import { recordAudit } from './audit.js';
import type { AisocCall, AisocRoute, Reply } from './call.js';
import { HttpError } from './errors.js';

async function schema(call: AisocCall): Promise<Reply> {
  const lake = await call.ctx.lake(call.principal.tenantId);
  return {
    body: {
      tables: lake.schema().map((t) => ({ table: `${LAKE_SCHEMA}.${t.name}`, columns: t.columns.map((c) => ({ name: c.name, type: c.type, comment: c.comment })) })),
    },
  };
}

/** One policy-checked, tenant-scoped SELECT; every outcome, refused or not, writes an audit row. */
async function sql(call: AisocCall): Promise<Reply> {
  const reader = new BodyReader(call.body);
  const text = reader.string('sql', { required: true, min: 1, max: 200_000 });
  const rowCap = reader.optionalInt('row_cap', { ge: 1, le: MAX_ROW_CAP }) ?? DEFAULT_ROW_CAP;
  const timeoutSeconds = reader.optionalNumber('timeout_seconds', { gt: 0, le: 60 }) ?? DEFAULT_TIMEOUT_SECONDS;
  reader.done();
  const lake = await call.ctx.lake(call.principal.tenantId);
  try {
    const result = lake.query(text ?? '', rowCap, timeoutSeconds);
    recordAudit(call, 'lake.query', 'lake', null, { outcome: 'ok', referenced_tables: result.referencedTables, row_count: result.rowCount, elapsed_ms: result.elapsedMs, row_cap: result.rowCap });
    return {
      body: {
        columns: result.columns,
        rows: result.rows,
        row_count: result.rowCount,
        row_cap: result.rowCap,
        referenced_tables: result.referencedTables,
        elapsed_ms: result.elapsedMs,
        executed_at: iso(call.ctx.clock.nowMs()),
      },
    };
  } catch (error) {
    if (error instanceof LakeSqlForbiddenError) {
      recordAudit(call, 'lake.query', 'lake', null, { outcome: 'forbidden', reason: error.message });
      throw new HttpError(403, `lake SQL forbidden: ${error.message}`);
    }
    if (error instanceof LakeSqlInvalidError) throw new HttpError(400, `lake SQL invalid: ${error.message}`);
    if (error instanceof LakeTimeoutError) {
      recordAudit(call, 'lake.query', 'lake', null, { outcome: 'timeout', reason: error.message });
      throw new HttpError(422, `lake query timed out: ${error.message} (${timeoutSeconds}s)`);
    }
    if (error instanceof LakeEngineError) {
      if (error.syntax) throw new HttpError(400, `lake SQL invalid: unable to parse SQL: ${error.message}`);
      recordAudit(call, 'lake.query', 'lake', null, { outcome: 'backend_error', reason: error.message });
      throw new HttpError(502, `lake backend error: ${error.message}`);
    }
    throw error;
  }
}

export const lakeRoutes: AisocRoute[] = [
  { method: 'GET', pattern: '/api/v1/lake/schema', access: 'lake:read_schema', handler: schema },
  { method: 'POST', pattern: '/api/v1/lake/sql', access: 'lake:query', body: 'model', handler: sql },
];
