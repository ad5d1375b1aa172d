import { Document, isMap, isScalar, isSeq, parseDocument, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { ConfigSyntaxError } from '../errors.js';
import type { EntryTarget } from '../types.js';
import { detectEol, lineIndent, splice, type ConfigFormat, type EditedText } from './types.js';

/**
 * YAML edited through the yaml Document API: it locates our entry and renders it, and the new
 * text is spliced into the file at the node's source range, so comments, quoting and spacing
 * elsewhere keep their exact bytes. Layouts the splice does not handle (a non-empty flow
 * collection) fall back to re-serialising the whole document, with a note saying so.
 */
interface Style {
  eol: string;
  indent: number;
  /** `key:\n  - item` (true) or `key:\n- item` (false, what serde_yaml writes for Goose). */
  indentSeq: boolean;
}

type Collection = YAMLMap | YAMLSeq;

export const yamlFormat: ConfigFormat = {
  parse(text, file) {
    const doc = load(text, file);
    return doc.toJS({ maxAliasCount: 1000 }) ?? undefined;
  },
  upsert(text, target, entry, _owned, file) {
    const doc = load(text, file);
    const style = detectStyle(text);
    const spliced = spliceUpsert(text, doc, target, entry, style);
    if (spliced !== undefined) return { text: spliced, notes: [] };
    return reserialise(doc, style, (d) => upsertInDocument(d, target, entry));
  },
  remove(text, target, file) {
    const doc = load(text, file);
    const style = detectStyle(text);
    const spliced = spliceRemove(text, doc, target);
    if (spliced !== undefined) return { text: spliced, notes: [] };
    return reserialise(doc, style, (d) => removeFromDocument(d, target));
  },
};

function load(text: string, file: string): Document.Parsed {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const position = error.linePos?.[0] ?? { line: 1, col: 1 };
    const reason = (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigSyntaxError(file, position.line, position.col, reason);
  }
  return doc;
}

function spliceUpsert(text: string, doc: Document.Parsed, target: EntryTarget, entry: Record<string, unknown>, style: Style): string | undefined {
  const container = doc.getIn(target.container, true);
  const containerKey = target.container.at(-1) as string;
  const item = { [target.name]: entry };

  if (isBlockCollection(container, target.kind)) {
    const indent = collectionIndent(text, container);
    const rendered = renderAt(target.kind === 'map' ? item : [entry], indent, style);
    const existing = findItem(container, target);
    if (existing) return splice(text, lineStart(text, existing.start), lineEnd(text, existing.end), rendered);
    const at = lineEnd(text, rangeOf(container).end);
    return splice(text, at, at, (atLineStart(text, at) ? '' : style.eol) + rendered);
  }

  const parent = target.container.length > 1 ? doc.getIn(target.container.slice(0, -1), true) : doc.contents;
  const value = target.kind === 'map' ? item : [entry];
  if (container === undefined || container === null) {
    if (parent === null || parent === undefined || (isScalar(parent) && parent.value === null)) {
      if (target.container.length > 1) return undefined;
      // An empty or comments-only document.
      const body = text.trimEnd();
      return (body ? body + style.eol : '') + renderAt({ [containerKey]: value }, '', style);
    }
    if (!isMap(parent) || parent.flow) return undefined;
    const at = lineEnd(text, rangeOf(parent).end);
    const indent = collectionIndent(text, parent);
    return splice(text, at, at, (atLineStart(text, at) ? '' : style.eol) + renderAt({ [containerKey]: value }, indent, style));
  }
  // `key:` with no value, `key: ~`, `key: []` or `key: {}`: rewrite that one pair as a block.
  const empty = (isScalar(container) && container.value === null) || ((isMap(container) || isSeq(container)) && container.items.length === 0);
  const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === containerKey) : undefined;
  if (!empty || !pair || !isScalar(pair.key) || !pair.key.range) return undefined;
  const start = lineStart(text, pair.key.range[0]);
  const end = lineEnd(text, rangeOf(container).end);
  return splice(text, start, end, renderAt({ [containerKey]: value }, lineIndent(text, pair.key.range[0]), style));
}

function spliceRemove(text: string, doc: Document.Parsed, target: EntryTarget): string | undefined {
  const container = doc.getIn(target.container, true);
  if (!isBlockCollection(container, target.kind)) return isMap(container) || isSeq(container) ? undefined : text;
  const existing = findItem(container, target);
  if (!existing) return text;
  const out = splice(text, lineStart(text, existing.start), lineEnd(text, existing.end), '');
  if (container.items.length > 1) return out;
  // The container is now empty: mark it `[]`/`{}` so hosts that validate its type still load it.
  const parent = target.container.length > 1 ? doc.getIn(target.container.slice(0, -1), true) : doc.contents;
  const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === target.container.at(-1)) : undefined;
  if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
  const colon = text.indexOf(':', pair.key.range[1]);
  if (colon < 0) return undefined;
  return splice(out, colon + 1, colon + 1, target.kind === 'map' ? ' {}' : ' []');
}

function isBlockCollection(node: unknown, kind: EntryTarget['kind']): node is Collection {
  const matches = kind === 'map' ? isMap(node) : isSeq(node);
  return matches && !(node as Collection).flow && (node as Collection).items.length > 0;
}

/** Source offsets of our entry: a map pair from its key, a list item from its dash. */
function findItem(container: Collection, target: EntryTarget): { start: number; end: number } | undefined {
  if (isMap(container)) {
    const pair = (container.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === target.name);
    if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
    const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
    return { start: pair.key.range[0], end: valueRange ? valueRange[1] : pair.key.range[1] };
  }
  const item = container.items.find((i) => isMap(i) && i.get('name') === target.name) as YAMLMap | undefined;
  if (!item?.range) return undefined;
  return { start: item.range[0], end: item.range[1] };
}

function rangeOf(node: { range?: [number, number, number] | null }): { start: number; end: number } {
  const range = node.range ?? [0, 0, 0];
  return { start: range[0], end: range[1] };
}

/** The indentation of a block collection's items (for a list: the column of its dashes). */
function collectionIndent(text: string, node: Collection): string {
  const first = node.items[0];
  const offset = isMap(node) ? (first as Pair | undefined)?.key : first;
  const range = (offset as { range?: [number, number, number] } | undefined)?.range;
  return range ? lineIndent(text, range[0]) : '';
}

function renderAt(value: unknown, indent: string, style: Style): string {
  const yaml = new Document(value).toString({ indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0 });
  return yaml
    .split('\n')
    .slice(0, -1)
    .map((line) => (line ? indent + line : line) + style.eol)
    .join('');
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The start of the next line (or the end of the text) from `offset`, unless already at a line start. */
function lineEnd(text: string, offset: number): number {
  if (atLineStart(text, offset)) return offset;
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

function atLineStart(text: string, offset: number): boolean {
  return offset === 0 || text[offset - 1] === '\n';
}

function detectStyle(text: string): Style {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.trimStart().startsWith('#'));
  const indents = lines.map((l) => /^ */.exec(l)?.[0].length ?? 0).filter((n) => n > 0);
  const indent = indents.length ? Math.min(8, Math.min(...indents)) : 2;
  let indentSeq = true;
  for (let i = 0; i + 1 < lines.length; i++) {
    const key = /^( *)[^\s#-][^#]*:\s*$/.exec(lines[i] as string);
    const next = /^( *)- /.exec(lines[i + 1] as string);
    if (key && next) {
      indentSeq = (next[1] as string).length > (key[1] as string).length;
      break;
    }
  }
  return { eol: detectEol(text), indent, indentSeq };
}

function upsertInDocument(doc: Document.Parsed, target: EntryTarget, entry: Record<string, unknown>): void {
  const container = doc.getIn(target.container, true);
  if (target.kind === 'map') {
    if (!isMap(container)) doc.setIn(target.container, doc.createNode({}));
    doc.setIn([...target.container, target.name], doc.createNode(entry));
    return;
  }
  if (!isSeq(container)) {
    doc.setIn(target.container, doc.createNode([entry]));
    return;
  }
  const index = container.items.findIndex((i) => isMap(i) && i.get('name') === target.name);
  if (index >= 0) container.items[index] = doc.createNode(entry);
  else container.add(doc.createNode(entry));
}

function removeFromDocument(doc: Document.Parsed, target: EntryTarget): void {
  const node = doc.getIn(target.container, true);
  if (isMap(node)) node.delete(target.name);
  if (isSeq(node)) node.items = node.items.filter((i) => !(isMap(i) && i.get('name') === target.name));
}

function reserialise(doc: Document.Parsed, style: Style, change: (doc: Document.Parsed) => void): EditedText {
  change(doc);
  const text = doc.toString({ indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0 });
  return {
    text: style.eol === '\r\n' ? text.replace(/\r?\n/g, '\r\n') : text,
    notes: ['the file was re-serialised (a layout socbridge does not edit in place); its formatting outside the entry may have changed'],
  };
}
