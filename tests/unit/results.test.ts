import { describe, expect, it } from 'vitest';
import { capResult, compact, shapeResult } from '../../src/server/results.js';

describe('compact', () => {
  it('drops nulls at every depth but keeps falsy values', () => {
    expect(compact({ a: null, b: 0, c: '', d: false, e: { f: null, g: [1, { h: null, i: 2 }] } })).toEqual({
      b: 0, c: '', d: false, e: { g: [1, { i: 2 }] },
    });
  });
});

describe('capResult', () => {
  const items = Array.from({ length: 50 }, (_, i) => ({ id: `alert-${i}`, title: `Suspicious login ${i}`.padEnd(80, '.') }));

  it('returns small results unchanged', () => {
    const result = { items: items.slice(0, 2), total: 2, truncated: false };
    expect(capResult(result, 20000)).toBe(result);
  });

  it('cuts a list at item boundaries, says so, and stays under the cap', () => {
    const out = capResult({ items, total: 500, next_page: 2, truncated: false }, 2000);
    const text = JSON.stringify(out);
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(out.truncated).toBe(true);
    const kept = (out.items as unknown[]).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(50);
    expect(out.items).toEqual(items.slice(0, kept));
    expect(out.truncation).toContain(`Showing ${kept} of the 50 items`);
    expect(out.truncation).toContain(`page size of ${kept}`);
    expect(out.total).toBe(500);
  });

  it('cuts the largest array of a detail object', () => {
    const out = capResult({ id: 'case-1', title: 'Case', timeline: items }, 1500);
    expect(JSON.stringify(out).length).toBeLessThanOrEqual(1500);
    expect(out.id).toBe('case-1');
    expect(out.truncation).toMatch(/"timeline" shows \d+ of 50 entries/);
  });

  it('shortens long strings when there is nothing to cut by item', () => {
    const out = capResult({ id: 'x', report_markdown: 'y'.repeat(10000) }, 1200);
    expect(JSON.stringify(out).length).toBeLessThanOrEqual(1200);
    expect(out.report_markdown).toMatch(/…\[\d+ chars cut\]$/);
    expect(out.truncated).toBe(true);
  });
});

describe('shapeResult', () => {
  it('returns the compacted value and exactly its JSON text, capped when over the limit', () => {
    const small = shapeResult({ id: 'a', gone: null }, 20000);
    expect(small).toEqual({ value: { id: 'a' }, text: '{"id":"a"}' });
    const items = Array.from({ length: 50 }, (_, i) => ({ id: `alert-${i}`, note: null, title: 'x'.repeat(80) }));
    const big = shapeResult({ items, truncated: false }, 2000);
    expect(big.text).toBe(JSON.stringify(big.value));
    expect(big.text.length).toBeLessThanOrEqual(2000);
    expect(big.value.truncated).toBe(true);
    expect(big.text).not.toContain('"note"');
  });
});
