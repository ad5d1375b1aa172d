import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { planRemove, planUpsert } from '../../src/hosts/edit.js';
import { ConfigSyntaxError } from '../../src/hosts/errors.js';
import { formatOf } from '../../src/hosts/formats/index.js';
import { install } from '../../src/hosts/install.js';
import type { EntryTarget } from '../../src/hosts/types.js';
import { installRequest, machineContext, runtimeFor, tempMachine } from '../helpers/hosts.js';

/**
 * Generated JSONC documents (seeded, so a failure reproduces): comments anywhere, trailing
 * commas, tabs or spaces, CRLF or LF, one-line files, unicode and escapes, other servers.
 * Install then uninstall must give the original bytes back; a broken document is never touched.
 */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Style {
  eol: string;
  unit: string;
  oneLine: boolean;
  trailingCommas: boolean;
  comments: number;
}

const KEYS = ['theme', 'naïve', 'a"quote', 'back\\slash', 'emoji 🚀', 'mcp', 'servers', 'x-1', '日本語', '__proto__', 'tab\there', ''];
const STRINGS = ['', 'plain', 'ünïcødé ✓', 'line\nbreak', 'quote " inside', '\\path\\to', '\u2028', '🚀 rocket', '/* not a comment */', '// nor this'];

class Generator {
  constructor(
    private readonly next: () => number,
    private readonly style: Style,
  ) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  value(depth: number): unknown {
    const roll = this.next();
    if (depth > 2 || roll < 0.45) return this.pick<unknown>([0, -1.5, 1e21, 42, true, false, null, ...STRINGS]);
    if (roll < 0.7) return Array.from({ length: Math.floor(this.next() * 4) }, () => this.value(depth + 1));
    return this.object(depth + 1, Math.floor(this.next() * 4));
  }

  object(depth: number, size: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < size; i++) Object.defineProperty(out, this.pick(KEYS) + (i ? String(i) : ''), { value: this.value(depth), enumerable: true, writable: true, configurable: true });
    return out;
  }

  document(): { text: string; hasContainer: boolean } {
    const root = this.object(0, Math.floor(this.next() * 4));
    const hasContainer = this.next() < 0.7;
    const entries = Object.entries(root);
    if (hasContainer) {
      const servers: Record<string, unknown> = {};
      for (let i = 0; i < Math.floor(this.next() * 3); i++) servers[`server-${i}`] = { command: this.pick(['npx', 'uvx', 'C:\\bin\\tool.exe']), args: ['-y', this.pick(STRINGS)] };
      entries.splice(Math.floor(this.next() * (entries.length + 1)), 0, ['mcpServers', servers]);
    }
    const lead = this.style.comments > 0.5 ? `// generated ${this.pick(STRINGS).replace(/\n|\u2028/g, ' ')}${this.style.eol}` : '';
    return { text: lead + this.print(entries, '') + (this.next() < 0.8 ? this.style.eol : ''), hasContainer };
  }

  private gap(canBreak: boolean): string {
    if (this.next() > this.style.comments) return '';
    if (canBreak && !this.style.oneLine && this.next() < 0.5) return ` // note ${this.pick(['', 'é', '{', '}'])}`;
    return ` /* ${this.pick(['c', 'ü', '[,]', ''])} */`;
  }

  private print(entries: Array<[string, unknown]>, indent: string): string {
    if (entries.length === 0) return '{}';
    const { eol, unit, oneLine, trailingCommas } = this.style;
    const inner = indent + unit;
    if (oneLine) return `{${entries.map(([k, v]) => `${this.gap(false)}${JSON.stringify(k)}:${this.printValue(v, inner)}`).join(',')}}`;
    const members = entries.map(([k, v], i) => {
      const last = i === entries.length - 1;
      const comma = !last || trailingCommas ? ',' : '';
      return `${inner}${JSON.stringify(k)}: ${this.printValue(v, inner)}${comma}${this.gap(true)}`;
    });
    return `{${this.gap(true)}${eol}${members.join(eol)}${eol}${indent}}`;
  }

  private printValue(value: unknown, indent: string): string {
    if (Array.isArray(value)) {
      const items = value.map((v) => this.printValue(v, indent + this.style.unit));
      return `[${items.join(', ')}${items.length && this.style.trailingCommas ? ',' : ''}]`;
    }
    if (typeof value === 'object' && value !== null) return this.print(Object.entries(value), indent);
    return JSON.stringify(value);
  }
}

function generate(seed: number): { text: string; hasContainer: boolean } {
  const next = random(seed);
  const style: Style = {
    eol: next() < 0.3 ? '\r\n' : '\n',
    unit: ['  ', '    ', '\t'][Math.floor(next() * 3)] as string,
    oneLine: next() < 0.15,
    trailingCommas: next() < 0.3,
    comments: next() * 0.6,
  };
  return new Generator(next, style).document();
}

const target: EntryTarget = { container: ['mcpServers'], kind: 'map', name: 'socbridge' };
const entryFor = (version: string) => ({ command: 'npx', args: ['-y', `socbridge@${version}`, 'serve', '--profile', 'aisoc-soc.example.com'], env: { NO_PROXY: 'localhost' } });
const owned = ['command', 'args', 'env'];
const format = formatOf('jsonc');
const upsert = (text: string, version = '1.2.3') => planUpsert({ format, file: 'generated.json', text, target, entry: entryFor(version), owned });

function commonHead(a: string, b: string): number {
  let head = 0;
  while (head < a.length && a[head] === b[head]) head++;
  return head;
}

function commonEnds(a: string, b: string): number {
  const head = commonHead(a, b);
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return head + tail;
}

/** `after` is `before` with one contiguous insertion, plus at most one comma for the member before it. */
function isInsertion(before: string, after: string): boolean {
  if (commonEnds(before, after) >= before.length) return true;
  const head = commonHead(before, after);
  return after[head] === ',' && commonEnds(before, after.slice(0, head) + after.slice(head + 1)) >= before.length;
}

function parses(text: string): boolean {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true, allowEmptyContent: true });
  return errors.length === 0;
}

// SOCBRIDGE_PROPERTY_SEEDS=20000 for a deeper local run.
const SEEDS = Array.from({ length: Number(process.env.SOCBRIDGE_PROPERTY_SEEDS ?? 400) }, (_, i) => i + 1);

describe('generated JSONC documents', () => {
  it('generates valid documents (the generator itself is sound)', () => {
    for (const seed of SEEDS) expect(parses(generate(seed).text), `seed ${seed}`).toBe(true);
  });

  it('install adds only our entry, a second install writes nothing, uninstall gives the bytes back', () => {
    let withContainer = 0;
    for (const seed of SEEDS) {
      const { text, hasContainer } = generate(seed);
      const installed = upsert(text);
      expect(installed.changed, `seed ${seed}`).toBe(true);
      expect(isInsertion(text, installed.text), `seed ${seed}`).toBe(true);
      expect(upsert(installed.text).changed, `seed ${seed}`).toBe(false);

      const updated = upsert(installed.text, '9.9.9');
      expect(updated.changed, `seed ${seed}`).toBe(true);
      const removed = planRemove({ format, file: 'generated.json', text: updated.text, target });
      if (hasContainer) {
        withContainer++;
        expect(removed.text, `seed ${seed}`).toBe(text);
      } else {
        // What remains is the original plus the emptied container the host needs.
        expect(isInsertion(text, removed.text), `seed ${seed}`).toBe(true);
        expect(format.parse(removed.text, 'x')).toEqual({ ...(format.parse(text, 'x') as object), mcpServers: {} });
      }
    }
    expect(withContainer).toBeGreaterThan(SEEDS.length / 2);
  });

  it('refuses every malformed document, in memory and on disk, without touching it', async () => {
    const machine = tempMachine();
    const ctx = machineContext(machine, 'linux');
    const file = path.join(machine.home, '.cursor', 'mcp.json');
    mkdirSync(path.dirname(file), { recursive: true });
    let refused = 0;
    try {
      for (const seed of SEEDS) {
        const next = random(seed * 7919);
        const { text } = generate(seed);
        const at = Math.floor(next() * text.length);
        const corruptions = [text.slice(0, at), text.slice(0, at) + text.slice(at + 1), text.slice(0, at) + '{,:"]'[Math.floor(next() * 5)] + text.slice(at)];
        const broken = corruptions[Math.floor(next() * corruptions.length)] as string;
        if (parses(broken)) continue;
        refused++;
        expect(() => upsert(broken), `seed ${seed}`).toThrow(ConfigSyntaxError);
        if (refused % 10 !== 0) continue;
        // Through the whole install path, on a real file: same bytes, same mtime, no backup.
        writeFileSync(file, broken);
        const before = statSync(file).mtimeMs;
        await expect(install(installRequest({ host: 'cursor' }), runtimeFor(ctx)), `seed ${seed}`).rejects.toThrow(ConfigSyntaxError);
        expect(readFileSync(file, 'utf8')).toBe(broken);
        expect(statSync(file).mtimeMs).toBe(before);
        expect(existsSync(`${file}.socbridge.bak`)).toBe(false);
      }
    } finally {
      machine.cleanup();
    }
    expect(refused).toBeGreaterThan(SEEDS.length / 2);
  });
});
