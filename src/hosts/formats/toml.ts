import { parse, TomlError } from 'smol-toml';
import { ConfigShapeError, ConfigSyntaxError } from '../errors.js';
import { findEntry, isRecord } from '../document.js';
import type { EntryTarget } from '../types.js';
import { detectEol, type ConfigFormat, type EditedText } from './types.js';

/**
 * TOML edited by splicing only our table, `[mcp_servers.<name>]` (with any sub-tables of it):
 * replaced in place when present, appended after one blank line when not. Everything outside
 * that span keeps its bytes; the caller re-parses the result to prove it.
 */
export const tomlFormat: ConfigFormat = {
  parse(text, file) {
    try {
      return parse(text);
    } catch (error) {
      if (!(error instanceof TomlError)) throw error;
      throw new ConfigSyntaxError(file, error.line, error.column, (error.message.split('\n')[0] ?? 'invalid TOML').replace(/^Invalid TOML document: /, ''));
    }
  },
  upsert(text, target, entry, _owned, file) {
    const keys = [...target.container, target.name];
    const lines = splitLines(text);
    const eol = detectEol(text);
    const block = renderTable(keys, entry).map((line) => line + eol);
    const span = tableSpan(lines, keys);
    if (span) return edited([...lines.slice(0, span.start), ...block, ...lines.slice(span.end + 1)]);
    requireTable(text, target, file);
    if (text.trim() === '') return edited(block);
    const body = text.endsWith('\n') ? text : text + eol;
    return { text: body + eol + block.join(''), notes: [] };
  },
  remove(text, target, file) {
    const lines = splitLines(text);
    const span = tableSpan(lines, [...target.container, target.name]);
    if (!span) {
      requireTable(text, target, file);
      return { text, notes: [] };
    }
    const kept = [...lines.slice(0, span.start), ...lines.slice(span.end + 1)];
    // Drop the blank line that separated us from the table before, when nothing follows it.
    const before = kept[span.start - 1];
    const after = kept[span.start];
    if (before !== undefined && before.trim() === '' && (after === undefined || after.trim() === '')) kept.splice(span.start - 1, 1);
    return edited(kept);
  },
};

function edited(lines: string[]): EditedText {
  return { text: lines.join(''), notes: [] };
}

/** Our entry written any other way (inline table, dotted keys) is left to the user. */
function requireTable(text: string, target: EntryTarget, file: string): void {
  if (findEntry(parse(text), target) !== undefined) {
    const header = renderTable([...target.container, target.name], {})[0];
    throw new ConfigShapeError(file, `the "${target.name}" server is not written as a ${header} table; edit or remove it by hand`);
  }
}

/** Lines with their line endings, so joining them gives back the exact text. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * The lines of our table: from its header to the last content line before the next header that
 * is not one of its sub-tables. Comments and blank lines at its end belong to what follows.
 */
function tableSpan(lines: string[], keys: string[]): { start: number; end: number } | undefined {
  let start = -1;
  let end = lines.length - 1;
  let openString: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (openString) {
      if (count(line, openString) % 2 === 1) openString = undefined;
      continue;
    }
    const header = headerKeys(line);
    if (!header) {
      openString = ['"""', "'''"].find((q) => count(line, q) % 2 === 1);
      continue;
    }
    if (start >= 0 && !startsWith(header, keys)) {
      end = i - 1;
      break;
    }
    if (start < 0 && !/^\s*\[\[/.test(line) && header.length === keys.length && startsWith(header, keys)) start = i;
  }
  if (start < 0) return undefined;
  while (end > start && /^\s*(#.*)?$/.test((lines[end] as string).trimEnd())) end--;
  return { start, end };
}

const KEY = String.raw`(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')`;
const HEADER = new RegExp(String.raw`^\s*\[\[?\s*(${KEY}(?:\s*\.\s*${KEY})*)\s*\]\]?\s*(?:#.*)?$`);

function headerKeys(line: string): string[] | undefined {
  const match = HEADER.exec(line.trimEnd());
  if (!match) return undefined;
  const keys = (match[1] as string).match(new RegExp(KEY, 'g')) ?? [];
  return keys.map((k) => (k.startsWith('"') ? (JSON.parse(k) as string) : k.startsWith("'") ? k.slice(1, -1) : k));
}

function startsWith(keys: string[], prefix: string[]): boolean {
  return prefix.every((k, i) => keys[i] === k);
}

function count(line: string, needle: string): number {
  return line.split(needle).length - 1;
}

function renderTable(keys: string[], entry: Record<string, unknown>): string[] {
  return [`[${keys.map(tomlKey).join('.')}]`, ...Object.entries(entry).filter(([, v]) => v !== undefined).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v)}`)];
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}

/** JSON's string escapes are valid TOML basic-string escapes; TOML also forbids a raw DEL. */
function tomlString(value: string): string {
  return JSON.stringify(value).replace(/\u007f/g, '\\u007F');
}

function tomlValue(value: unknown): string {
  if (typeof value === 'string') return tomlString(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  if (isRecord(value)) {
    const fields = Object.entries(value).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v)}`);
    return fields.length ? `{ ${fields.join(', ')} }` : '{}';
  }
  if (typeof value === 'object' && value !== null && 'toISOString' in value) return (value as { toISOString(): string }).toISOString();
  throw new TypeError(`cannot write ${typeof value} as TOML`);
}
