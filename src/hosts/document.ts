import { ConfigShapeError } from './errors.js';
import type { EntryTarget } from './types.js';

/**
 * Plain-data views of a parsed config file, the same for JSON, YAML and TOML: where our entry is,
 * whether the file has the shape we can edit, and what "everything else" is, so that every edit
 * can be checked to have changed nothing but our entry.
 */
export type PlainRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is PlainRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isDateLike(value);
}

function isDateLike(value: object): value is { toISOString(): string } {
  return typeof (value as { toISOString?: unknown }).toISOString === 'function';
}

/** Refuses a file whose top level or container has the wrong type, naming what it found. */
export function checkShape(data: unknown, target: Omit<EntryTarget, 'name'>, file: string): void {
  if (data === undefined || data === null) return;
  if (!isRecord(data)) throw new ConfigShapeError(file, `the top level is ${describe(data)}, but it must be an object`);
  let node: PlainRecord = data;
  target.container.forEach((key, index) => {
    const value = node[key];
    if (value === undefined || value === null) return;
    const where = displayPath(target.container.slice(0, index + 1));
    const last = index === target.container.length - 1;
    if (last && target.kind === 'map' && !isRecord(value)) {
      throw new ConfigShapeError(file, `${where} is ${describe(value)}, but it must be an object mapping server names to their settings`);
    }
    if (last && target.kind === 'list' && !Array.isArray(value)) {
      throw new ConfigShapeError(file, `${where} is ${describe(value)}, but it must be a list of servers`);
    }
    if (!last && !isRecord(value)) throw new ConfigShapeError(file, `${where} is ${describe(value)}, but it must be an object`);
    if (isRecord(value)) node = value;
  });
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return isDateLike(value) ? 'a date' : 'an object';
  if (typeof value === 'boolean') return `${value}`;
  return `a ${typeof value}`;
}

/** `mcpServers`, `projects["/home/me/app"].mcpServers`. */
export function displayPath(keys: readonly string[]): string {
  return keys.map((k, i) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? `${i ? '.' : ''}${k}` : `[${JSON.stringify(k)}]`)).join('');
}

function containerOf(data: unknown, container: readonly string[]): unknown {
  let node: unknown = data;
  for (const key of container) {
    if (!isRecord(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** The servers in a container as [name, entry] pairs (list containers are keyed by `name`). */
export function entriesIn(data: unknown, target: Omit<EntryTarget, 'name'>): Array<[string, unknown]> {
  const container = containerOf(data, target.container);
  if (target.kind === 'map') return isRecord(container) ? Object.entries(container) : [];
  if (!Array.isArray(container)) return [];
  return container.filter(isRecord).flatMap((item): Array<[string, unknown]> => (typeof item.name === 'string' ? [[item.name, item]] : []));
}

export function findEntry(data: unknown, target: EntryTarget): unknown {
  return entriesIn(data, target).find(([name]) => name === target.name)?.[1];
}

/**
 * The document with our entry taken out and its containers present (empty if need be): two
 * versions of a file that differ only in our entry have equal `withoutEntry` values.
 */
export function withoutEntry(data: unknown, target: EntryTarget): unknown {
  const root: PlainRecord = isRecord(data) ? structuredClone(data) : {};
  let node = root;
  target.container.forEach((key, index) => {
    const last = index === target.container.length - 1;
    const value = node[key];
    if (last) {
      if (target.kind === 'map') {
        const map = isRecord(value) ? value : {};
        delete map[target.name];
        node[key] = map;
      } else {
        const list = Array.isArray(value) ? value : [];
        node[key] = list.filter((item) => !(isRecord(item) && item.name === target.name));
      }
      return;
    }
    if (!isRecord(value)) node[key] = {};
    node = node[key] as PlainRecord;
  });
  return root;
}

/** Our fields from `desired`, everything else from `existing`, in the existing entry's order. */
export function mergeEntry(existing: PlainRecord, desired: PlainRecord, owned: readonly string[]): PlainRecord {
  const merged: PlainRecord = {};
  for (const [key, value] of Object.entries(existing)) {
    const next = owned.includes(key) ? desired[key] : value;
    if (next !== undefined) merged[key] = next;
  }
  for (const [key, value] of Object.entries(desired)) {
    if (!(key in merged) && value !== undefined) merged[key] = value;
  }
  return merged;
}

export function ownedFieldsMatch(existing: PlainRecord, desired: PlainRecord, owned: readonly string[]): boolean {
  return owned.every((field) => sameValue(existing[field], desired[field]));
}

/** Structural equality that ignores key order (hosts and users reorder keys freely). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(normalise(value)) ?? 'undefined';
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) };
  if (typeof value === 'object' && value !== null) {
    if (isDateLike(value)) return { $date: value.toISOString() };
    const record = value as PlainRecord;
    return Object.fromEntries(
      Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort()
        .map((k) => [k, normalise(record[k])]),
    );
  }
  return value;
}
