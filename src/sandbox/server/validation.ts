/**
 * FastAPI/pydantic-style request validation: each problem becomes a `{type, loc, msg, input, ctx}`
 * entry and the whole set is answered as 422 `{"detail": [...]}`, the way AiSOC answers.
 */

export interface ValidationIssue {
  type: string;
  loc: Array<string | number>;
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

export class RequestValidationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super('request validation failed');
  }
}

interface Bounds {
  ge?: number;
  le?: number;
  gt?: number;
}

function boundsIssue(loc: Array<string | number>, value: number, input: unknown, b: Bounds): ValidationIssue | null {
  if (b.gt !== undefined && !(value > b.gt)) return { type: 'greater_than', loc, msg: `Input should be greater than ${b.gt}`, input, ctx: { gt: b.gt } };
  if (b.ge !== undefined && value < b.ge) return { type: 'greater_than_equal', loc, msg: `Input should be greater than or equal to ${b.ge}`, input, ctx: { ge: b.ge } };
  if (b.le !== undefined && value > b.le) return { type: 'less_than_equal', loc, msg: `Input should be less than or equal to ${b.le}`, input, ctx: { le: b.le } };
  return null;
}

const TRUE = new Set(['true', '1', 'yes', 'on', 't', 'y']);
const FALSE = new Set(['false', '0', 'no', 'off', 'f', 'n']);
const UUID = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;

/** Reads query and path parameters, collecting every problem before answering. */
export class ParamReader {
  readonly issues: ValidationIssue[] = [];

  constructor(private readonly query: URLSearchParams) {}

  string(name: string): string | null {
    return this.query.get(name);
  }

  int(name: string, fallback: number, bounds: Bounds = {}): number {
    return this.optionalInt(name, bounds) ?? fallback;
  }

  optionalInt(name: string, bounds: Bounds = {}): number | null {
    const raw = this.query.get(name);
    if (raw === null) return null;
    return this.parseInt(['query', name], raw, bounds);
  }

  requiredInt(name: string, bounds: Bounds = {}): number | null {
    const raw = this.query.get(name);
    if (raw === null) {
      this.issues.push({ type: 'missing', loc: ['query', name], msg: 'Field required', input: null });
      return null;
    }
    return this.parseInt(['query', name], raw, bounds);
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.query.get(name);
    if (raw === null) return fallback;
    const lower = raw.toLowerCase();
    if (TRUE.has(lower)) return true;
    if (FALSE.has(lower)) return false;
    this.issues.push({ type: 'bool_parsing', loc: ['query', name], msg: 'Input should be a valid boolean, unable to interpret input', input: raw });
    return fallback;
  }

  /** A UUID-typed value (path or query); returns it lowercased, or null after recording the issue. */
  uuid(loc: ['path' | 'query', string], raw: string): string | null {
    if (UUID.test(raw)) return normaliseUuid(raw);
    const bad = [...raw].findIndex((c) => !/[0-9a-fA-F-]/.test(c));
    const msg =
      bad >= 0
        ? `Input should be a valid UUID, invalid character: expected an optional prefix of \`urn:uuid:\` followed by [0-9a-fA-F-], found \`${raw[bad]}\` at ${bad + 1}`
        : `Input should be a valid UUID, invalid length: expected length 32 for simple format, found ${raw.replace(/-/g, '').length}`;
    this.issues.push({ type: 'uuid_parsing', loc, msg, input: raw, ctx: { error: msg.replace('Input should be a valid UUID, ', '') } });
    return null;
  }

  /** Throws the collected issues, if any. */
  done(): void {
    if (this.issues.length > 0) throw new RequestValidationError(this.issues);
  }

  private parseInt(loc: Array<string | number>, raw: string, bounds: Bounds): number | null {
    if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
      this.issues.push({ type: 'int_parsing', loc, msg: 'Input should be a valid integer, unable to parse string as an integer', input: raw });
      return null;
    }
    const value = Number.parseInt(raw, 10);
    const issue = boundsIssue(loc, value, raw, bounds);
    if (issue) {
      this.issues.push(issue);
      return null;
    }
    return value;
  }
}

export function normaliseUuid(raw: string): string {
  const hex = raw.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Parses a JSON request body the way FastAPI does: a decode error is `json_invalid` (raised before
 * authentication, as FastAPI reads the body first); a missing body is `missing`.
 */
export function parseJsonBody(text: string | null): { present: false } | { present: true; value: unknown } {
  if (text === null || text.length === 0) return { present: false };
  try {
    return { present: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    // Python reports where decoding stopped; V8 says so only sometimes, and an early end is the input's end.
    const position = /position (\d+)/.exec(message)?.[1] ?? (/end of (JSON )?input/i.test(message) ? String(text.length) : '0');
    throw new RequestValidationError([{ type: 'json_invalid', loc: ['body', Number(position)], msg: 'JSON decode error', input: {}, ctx: { error: 'Expecting value' } }]);
  }
}

/** Reads fields of a JSON object body (a pydantic model), collecting every problem. */
export class BodyReader {
  readonly issues: ValidationIssue[] = [];
  private readonly fields: Record<string, unknown>;

  constructor(body: { present: false } | { present: true; value: unknown }, kind: 'model' | 'dict' = 'model') {
    if (!body.present) {
      this.issues.push({ type: 'missing', loc: ['body'], msg: 'Field required', input: null });
      this.fields = {};
    } else if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
      this.issues.push(
        kind === 'model'
          ? { type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: body.value }
          : { type: 'dict_type', loc: ['body'], msg: 'Input should be a valid dictionary', input: body.value },
      );
      this.fields = {};
    } else {
      this.fields = body.value as Record<string, unknown>;
    }
  }

  get raw(): Record<string, unknown> {
    return this.fields;
  }

  string(name: string, options: { required: boolean; min?: number; max?: number }): string | null {
    const value = this.fields[name];
    const loc = ['body', name];
    if (value === undefined || (value === null && options.required)) {
      if (options.required) this.issues.push({ type: value === null ? 'string_type' : 'missing', loc, msg: value === null ? 'Input should be a valid string' : 'Field required', input: value === undefined ? this.fields : null });
      return null;
    }
    if (value === null) return null;
    if (typeof value !== 'string') {
      this.issues.push({ type: 'string_type', loc, msg: 'Input should be a valid string', input: value });
      return null;
    }
    if (options.min !== undefined && value.length < options.min) {
      this.issues.push({ type: 'string_too_short', loc, msg: `String should have at least ${options.min} character${options.min === 1 ? '' : 's'}`, input: value, ctx: { min_length: options.min } });
      return null;
    }
    if (options.max !== undefined && value.length > options.max) {
      this.issues.push({ type: 'string_too_long', loc, msg: `String should have at most ${options.max} characters`, input: value, ctx: { max_length: options.max } });
      return null;
    }
    return value;
  }

  optionalInt(name: string, bounds: Bounds = {}): number | null {
    const value = this.fields[name];
    if (value === undefined || value === null) return null;
    const loc = ['body', name];
    const n = typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number.parseInt(value, 10) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      this.issues.push({ type: 'int_parsing', loc, msg: 'Input should be a valid integer, unable to parse string as an integer', input: value });
      return null;
    }
    if (!Number.isInteger(n)) {
      this.issues.push({ type: 'int_from_float', loc, msg: 'Input should be a valid integer, got a number with a fractional part', input: value });
      return null;
    }
    const issue = boundsIssue(loc, n, value, bounds);
    if (issue) {
      this.issues.push(issue);
      return null;
    }
    return n;
  }

  optionalNumber(name: string, bounds: Bounds = {}): number | null {
    const value = this.fields[name];
    if (value === undefined || value === null) return null;
    const loc = ['body', name];
    const n = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      this.issues.push({ type: 'float_parsing', loc, msg: 'Input should be a valid number, unable to parse string as a number', input: value });
      return null;
    }
    const issue = boundsIssue(loc, n, value, bounds);
    if (issue) {
      this.issues.push(issue);
      return null;
    }
    return n;
  }

  optionalObject(name: string): Record<string, unknown> | null {
    const value = this.fields[name];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.issues.push({ type: 'dict_type', loc: ['body', name], msg: 'Input should be a valid dictionary', input: value });
      return null;
    }
    return value as Record<string, unknown>;
  }

  done(): void {
    if (this.issues.length > 0) throw new RequestValidationError(this.issues);
  }
}
