import { createScanner, parseTree, printParseErrorCode, type Node, type ParseError, type ParseErrorCode, type SyntaxKind } from 'jsonc-parser';
import { ConfigSyntaxError } from '../errors.js';
import { isRecord, sameValue } from '../document.js';
import type { EntryTarget } from '../types.js';
import { detectEol, lineAndColumn, lineIndent, splice, splitBom, type ConfigFormat, type EditedText } from './types.js';

/**
 * JSON and JSONC edited in place. jsonc-parser finds the nodes; the text is spliced here so the
 * edit is exactly our property: comments, ordering, indentation, line endings, trailing-comma
 * style and every other byte stay as they were, and uninstall undoes install byte for byte.
 * (jsonc-parser's own `modify` re-formats whole lines around an insertion.)
 */
// jsonc-parser declares these as const enums, which isolated modules cannot read: its numbers, by name.
const REASONS: Record<number, string> = {
  1: 'unexpected character', // InvalidSymbol
  2: 'invalid number', // InvalidNumberFormat
  3: 'expected a property name in double quotes', // PropertyNameExpected
  4: 'expected a value', // ValueExpected
  5: 'expected ":"', // ColonExpected
  6: 'expected ","', // CommaExpected
  7: 'expected "}"', // CloseBraceExpected
  8: 'expected "]"', // CloseBracketExpected
  9: 'unexpected content after the end of the document', // EndOfFileExpected
  10: 'invalid comment', // InvalidCommentToken
  11: 'unterminated comment', // UnexpectedEndOfComment
  12: 'unterminated string', // UnexpectedEndOfString
  13: 'unterminated number', // UnexpectedEndOfNumber
  14: 'invalid unicode escape', // InvalidUnicode
  15: 'invalid escape character', // InvalidEscapeCharacter
  16: 'invalid character in a string', // InvalidCharacter
};
const Token = {
  Comma: 5 as SyntaxKind,
  LineComment: 12 as SyntaxKind,
  BlockComment: 13 as SyntaxKind,
  LineBreak: 14 as SyntaxKind,
  Whitespace: 15 as SyntaxKind,
  EOF: 17 as SyntaxKind,
};

interface Style {
  eol: string;
  unit: string;
}

/** `strict`: the host parses plain JSON, so comments and trailing commas earn a warning. */
export function jsonFormat(strict: boolean): ConfigFormat {
  return {
    parse(text, file) {
      const root = tree(splitBom(text)[1], file);
      return root ? valueOf(root) : undefined;
    },
    upsert: (text, target, entry, owned, file) => ({ text: upsert(text, target, entry, owned, file), notes: [] }),
    remove: (text, target, file) => remove(text, target, file),
    notes(text) {
      if (!strict) return [];
      const errors: ParseError[] = [];
      parseTree(splitBom(text)[1], errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: true });
      return errors.length ? ['the file has comments or trailing commas; this host reads strict JSON and may refuse it'] : [];
    },
  };
}

function tree(body: string, file: string): Node | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const first = errors[0];
  if (first) {
    const { line, column } = lineAndColumn(body, first.offset);
    throw new ConfigSyntaxError(file, line, column, REASONS[first.error] ?? printParseErrorCode(first.error as ParseErrorCode));
  }
  return root;
}

/** Like jsonc-parser's getNodeValue, but a `__proto__` key stays an ordinary property. */
function valueOf(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) Object.defineProperty(out, String(key.value), { value: valueOf(value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(valueOf);
    default:
      return node.value;
  }
}

function findNode(root: Node, path: readonly string[]): Node | undefined {
  let node: Node | undefined = root;
  for (const key of path) {
    if (node?.type !== 'object') return undefined;
    node = propertyOf(node, key)?.children?.[1];
  }
  return node;
}

function propertyOf(object: Node, key: string): Node | undefined {
  // The last duplicate wins, as in JSON.parse and in the value the host sees.
  return (object.children ?? []).findLast((p) => p.children?.[0]?.value === key);
}

function upsert(text: string, target: EntryTarget, entry: Record<string, unknown>, owned: readonly string[], file: string): string {
  const [bom, body] = splitBom(text);
  const style = detectStyle(body);
  const path = [...target.container, target.name];
  const root = tree(body, file);
  if (!root) return bom + newDocument(body, nest(path, entry), style);

  const existing = findNode(root, path);
  if (existing?.type === 'object') {
    let out = body;
    // Field by field, so fields a user or the host added to our entry survive.
    for (const field of owned) {
      const node = findNode(tree(out, file) as Node, path) as Node;
      const property = propertyOf(node, field);
      const value = entry[field];
      const current = property?.children?.[1];
      if (value === undefined) {
        if (property) out = removeProperty(out, node, property);
      } else if (!property || !current) {
        out = insertProperty(out, node, field, value, style);
      } else if (!sameValue(valueOf(current), value)) {
        out = replaceValue(out, current, value, style);
      }
    }
    return bom + out;
  }
  if (existing) return bom + replaceValue(body, existing, entry, style);

  // Create what is missing below the deepest container that exists (or replace a null one).
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const node = findNode(root, path.slice(0, depth));
    if (!node) continue;
    const rest = path.slice(depth);
    if (node.type === 'object') return bom + insertProperty(body, node, rest[0] as string, nest(rest.slice(1), entry), style);
    return bom + replaceValue(body, node, nest(rest, entry), style);
  }
  return bom + newDocument(body, nest(path, entry), style);
}

function remove(text: string, target: EntryTarget, file: string): EditedText {
  const [bom, body] = splitBom(text);
  const root = tree(body, file);
  const container = root && findNode(root, target.container);
  const property = container?.type === 'object' ? propertyOf(container, target.name) : undefined;
  if (!container || !property) return { text, notes: [] };
  return { text: bom + removeProperty(body, container, property), notes: [] };
}

function nest(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

/** An empty (or comments-only) file gets a fresh document after whatever it held. */
function newDocument(body: string, value: unknown, style: Style): string {
  const doc = render(value, '', style) + style.eol;
  return body.trim() === '' ? doc : body.trimEnd() + style.eol + doc;
}

function insertProperty(text: string, object: Node, key: string, value: unknown, style: Style): string {
  const properties = object.children ?? [];
  const open = object.offset + 1;
  const close = object.offset + object.length - 1;
  const objectIndent = lineIndent(text, object.offset);
  const member = (indent: string) => `${JSON.stringify(key)}: ${render(value, indent, style)}`;

  const last = properties.at(-1);
  if (!last) {
    const indent = objectIndent + style.unit;
    const inner = text.slice(open, close);
    if (inner.trim() === '') return splice(text, open, close, `${style.eol}${indent}${member(indent)}${style.eol}${objectIndent}`);
    // Only comments inside: our property goes on a line of its own after them.
    const at = open + inner.trimEnd().length;
    return splice(text, at, at, `${style.eol}${indent}${member(indent)}`);
  }

  const lastEnd = last.offset + last.length;
  const after = nextToken(text, lastEnd);
  const trailingComma = after.kind === Token.Comma;
  if (!text.slice(object.offset, close).includes('\n')) {
    const compactMember = `${JSON.stringify(key)}: ${compact(value)}`;
    return trailingComma ? splice(text, after.end, after.end, ` ${compactMember},`) : splice(text, lastEnd, lastEnd, `, ${compactMember}`);
  }
  const indent = startsLine(text, last.offset) ? lineIndent(text, last.offset) : objectIndent + style.unit;
  // After the last member's comma and any comment on its line, on a new line.
  const at = endOfLineTrivia(text, trailingComma ? after.end : lastEnd);
  const out = splice(text, at, at, `${style.eol}${indent}${member(indent)}${trailingComma ? ',' : ''}`);
  return trailingComma ? out : splice(out, lastEnd, lastEnd, ',');
}

/** The exact inverse of insertProperty, and a tidy removal for entries written by hand. */
function removeProperty(text: string, object: Node, property: Node): string {
  const properties = object.children ?? [];
  const index = properties.indexOf(property);
  const start = property.offset;
  const end = property.offset + property.length;
  const after = nextToken(text, end);
  const ownComma = after.kind === Token.Comma;
  const endWithComma = ownComma ? after.end : end;
  const open = object.offset + 1;
  const close = object.offset + object.length - 1;

  if (properties.length === 1 && (text.slice(open, start) + text.slice(endWithComma, close)).trim() === '') {
    return splice(text, open, close, '');
  }
  const previous = properties[index - 1];
  const isLast = index === properties.length - 1;
  const lineBreak = precedingLineBreak(text, start);
  if (lineBreak !== undefined) {
    const out = splice(text, lineBreak, endWithComma, '');
    if (!isLast || ownComma || !previous) return out;
    // We were last without a trailing comma: the comma after the previous member was ours.
    const comma = nextToken(out, previous.offset + previous.length);
    return comma.kind === Token.Comma ? splice(out, comma.offset, comma.end, '') : out;
  }
  const next = properties[index + 1];
  if (next) return splice(text, start, next.offset, '');
  if (!previous) return splice(text, start, endWithComma, '');
  const comma = nextToken(text, previous.offset + previous.length);
  return ownComma ? splice(text, comma.end, endWithComma, '') : splice(text, comma.offset, end, '');
}

function replaceValue(text: string, node: Node, value: unknown, style: Style): string {
  const old = text.slice(node.offset, node.offset + node.length);
  const parentObject = node.parent?.parent;
  const inlineParent = parentObject !== undefined && !text.slice(parentObject.offset, parentObject.offset + parentObject.length).includes('\n');
  const multiline = !inlineParent && (old.includes('\n') || (isRecord(value) && Object.keys(value).length > 0));
  const rendered = multiline ? render(value, lineIndent(text, node.offset), style) : compact(value);
  return splice(text, node.offset, node.offset + node.length, rendered);
}

interface ScannedToken {
  kind: SyntaxKind;
  offset: number;
  end: number;
}

function nextToken(text: string, position: number): ScannedToken {
  const scanner = createScanner(text, true);
  scanner.setPosition(position);
  const kind = scanner.scan();
  return { kind, offset: scanner.getTokenOffset(), end: scanner.getTokenOffset() + scanner.getTokenLength() };
}

/** From `position`, past spaces and comments that end on the same line. */
function endOfLineTrivia(text: string, position: number): number {
  const scanner = createScanner(text, false);
  scanner.setPosition(position);
  let at = position;
  for (;;) {
    const kind = scanner.scan();
    const offset = scanner.getTokenOffset();
    const token = text.slice(offset, offset + scanner.getTokenLength());
    const sameLineTrivia =
      kind === Token.Whitespace || kind === Token.LineComment || (kind === Token.BlockComment && !token.includes('\n'));
    if (!sameLineTrivia) return kind === Token.LineBreak || kind === Token.EOF ? offset : at;
    at = offset + token.length;
  }
}

function startsLine(text: string, offset: number): boolean {
  return precedingLineBreak(text, offset) !== undefined;
}

/** The offset of the line break before `offset` when only spaces separate them. */
function precedingLineBreak(text: string, offset: number): number | undefined {
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (text[i] !== '\n') return undefined;
  return text[i - 1] === '\r' ? i - 1 : i;
}

/** Indentation as the file has it: tabs, or the smallest indent of a member line (2 spaces for a new file). */
function detectStyle(body: string): Style {
  const indents = body
    .split('\n')
    .map((line) => /^([ \t]+)["{}[\]]/.exec(line)?.[1])
    .filter((indent): indent is string => indent !== undefined);
  const eol = detectEol(body);
  if (indents.length === 0) return { eol, unit: '  ' };
  if (indents[0]?.startsWith('\t')) return { eol, unit: '\t' };
  return { eol, unit: ' '.repeat(Math.min(8, ...indents.map((i) => i.length))) };
}

/** Objects one member per line; arrays of plain values on one line, as people write them. */
function render(value: unknown, indent: string, style: Style): string {
  const inner = indent + style.unit;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) return compact(value);
    return `[${style.eol}${value.map((v) => inner + render(v, inner, style)).join(`,${style.eol}`)}${style.eol}${indent}]`;
  }
  if (isRecord(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    return `{${style.eol}${keys.map((k) => `${inner}${JSON.stringify(k)}: ${render(value[k], inner, style)}`).join(`,${style.eol}`)}${style.eol}${indent}}`;
  }
  return JSON.stringify(value);
}

function compact(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compact).join(', ')}]`;
  if (isRecord(value)) return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}: ${compact(value[k])}`).join(', ')}}`;
  return JSON.stringify(value);
}
