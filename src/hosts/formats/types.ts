import type { EntryTarget } from '../types.js';

export interface EditedText {
  text: string;
  /** Something the user should know about the edit (shown as a note). */
  notes: string[];
}

/**
 * A format-preserving editor: it changes the bytes of our entry and nothing else. Every method
 * works on text, so the caller can compare before and after, and write only when they differ.
 */
export interface ConfigFormat {
  /** The document as plain data (undefined when empty); throws ConfigSyntaxError with line and column. */
  parse(text: string, file: string): unknown;
  /** Sets the entry to `entry` (already merged with fields we keep), creating containers as needed. */
  upsert(text: string, target: EntryTarget, entry: Record<string, unknown>, owned: readonly string[], file: string): EditedText;
  /** Removes the entry; the text is unchanged when it is not there. */
  remove(text: string, target: EntryTarget, file: string): EditedText;
  /** Remarks on a file that parses but that its host may not accept. */
  notes?(text: string): string[];
}

/** 1-based line and column of an offset, as editors show them. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

export function splitBom(text: string): [bom: string, body: string] {
  return text.startsWith('\uFEFF') ? ['\uFEFF', text.slice(1)] : ['', text];
}

export function detectEol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The whitespace at the start of the line containing `offset`. */
export function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

export function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}
