import type { BodyReader } from '../../server/validation.js';

/** Pydantic-style readers for the body fields Calseta types as enums and string lists. */

export function readEnum<const T extends readonly string[]>(b: BodyReader, name: string, allowed: T): T[number] | null {
  const value = b.raw[name];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value;
  const expected = allowed.map((v) => `'${v}'`);
  const msg = `Input should be ${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1] ?? ''}`;
  b.issues.push({ type: 'enum', loc: ['body', name], msg, input: value, ctx: { expected: expected.join(', ') } });
  return null;
}

export function readStringList(b: BodyReader, name: string): string[] | null {
  const value = b.raw[name];
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) {
    b.issues.push({ type: 'list_type', loc: ['body', name], msg: 'Input should be a valid list', input: value });
    return null;
  }
  const bad = value.findIndex((v) => typeof v !== 'string');
  if (bad >= 0) {
    b.issues.push({ type: 'string_type', loc: ['body', name, bad], msg: 'Input should be a valid string', input: value[bad] });
    return null;
  }
  return value as string[];
}
