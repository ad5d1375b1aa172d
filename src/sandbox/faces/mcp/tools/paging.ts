import { z } from 'zod';

/** Small pages by default: a model pays for every item it is shown. */
export const pageInput = {
  limit: z.number().int().min(1).max(25).default(10).describe('items per page, 1–25'),
  cursor: z.string().regex(/^\d{1,6}$/, 'a cursor is the next_cursor of a previous page').optional().describe('next_cursor from the previous page'),
};

/** `{items, total, next_cursor?}` over an already ordered list. */
export function page<T, V>(all: readonly T[], limit: number, cursor: string | undefined, view: (item: T) => V): { items: V[]; total: number; next_cursor?: string } {
  const start = cursor === undefined ? 0 : Number(cursor);
  const items = all.slice(start, start + limit).map(view);
  const next = start + limit;
  return { items, total: all.length, ...(next < all.length ? { next_cursor: String(next) } : {}) };
}

export function pageOutput<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), next_cursor: z.string().optional() });
}
