import type { ParamReader } from '../../server/validation.js';
import { CalsetaError } from './errors.js';

/** Calseta's list conventions: `page` ≥ 1, `page_size` 1–500 (default 50), whitelisted sorting. */

export interface Page {
  page: number;
  pageSize: number;
}

export function readPage(q: ParamReader): Page {
  return { page: q.int('page', 1, { ge: 1 }), pageSize: q.int('page_size', 50, { ge: 1, le: 500 }) };
}

export function paginated<T, R>(items: readonly T[], { page, pageSize }: Page, shape: (item: T) => R) {
  return {
    data: items.slice((page - 1) * pageSize, page * pageSize).map(shape),
    meta: { total: items.length, page, page_size: pageSize, total_pages: Math.ceil(items.length / pageSize) },
  };
}

export type SortKey<T> = (item: T) => string | number;

export interface Sort<T> {
  compare(x: T, y: T): number;
}

/**
 * Reads `sort_by`/`sort_order` against the route's whitelist; anything else is a 400, as Calseta
 * answers it. Ties break on `id` so pages never overlap.
 */
export function readSort<T extends { id: string }>(q: ParamReader, keys: Record<string, SortKey<T>>, fallback: string): Sort<T> {
  const by = q.string('sort_by') ?? fallback;
  const order = (q.string('sort_order') ?? 'desc').toLowerCase();
  const key = keys[by];
  if (!key) throw new CalsetaError(400, 'VALIDATION_ERROR', `Invalid sort_by '${by}'. Allowed: ${Object.keys(keys).join(', ')}`, { allowed: Object.keys(keys) });
  if (order !== 'asc' && order !== 'desc') throw new CalsetaError(400, 'VALIDATION_ERROR', `Invalid sort_order '${order}'. Allowed: asc, desc`, { allowed: ['asc', 'desc'] });
  const sign = order === 'asc' ? 1 : -1;
  return {
    compare: (x, y) => {
      const a = key(x);
      const b = key(y);
      const primary = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
      return sign * primary || x.id.localeCompare(y.id);
    },
  };
}

/** A comma-separated filter (`status=Open,Triaging`): the set of accepted values, or null when absent. */
export function readMulti(q: ParamReader, name: string): Set<string> | null {
  const raw = q.string(name);
  if (raw === null) return null;
  return new Set(raw.split(',').map((v) => v.trim()).filter(Boolean));
}

export function optionalBool(q: ParamReader, name: string): boolean | null {
  return q.string(name) === null ? null : q.bool(name, false);
}

/** An ISO-8601 date-time filter, recorded as a validation issue when unparseable. */
export function readTime(q: ParamReader, name: string): number | null {
  const raw = q.string(name);
  if (raw === null) return null;
  const ms = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw) ? Date.parse(raw.includes('T') || raw.includes(' ') ? raw : `${raw}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms)) {
    q.issues.push({ type: 'datetime_from_date_parsing', loc: ['query', name], msg: 'Input should be a valid datetime or date, invalid character in year', input: raw });
    return null;
  }
  return ms;
}

/** A UUID query filter, null when absent or invalid (the reader records the issue). */
export function readUuid(q: ParamReader, name: string): string | null {
  const raw = q.string(name);
  return raw === null ? null : q.uuid(['query', name], raw);
}
