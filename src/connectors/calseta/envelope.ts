import { BackendError } from '../../http/errors.js';
import type { HttpClient, HttpRequest } from '../../http/types.js';
import type { ListResult } from '../types.js';
import type { Envelope, Json, PageMeta } from './wire.js';

/**
 * Calseta wraps every success in `{data, meta}`. Tools read through these helpers so a body
 * without the envelope (another service on the port, a proxy's JSON) is an explained error rather
 * than `undefined` fields deep in a mapper.
 */
export async function send<T>(http: HttpClient, req: HttpRequest): Promise<Envelope<T>> {
  const { status, body } = await http.request<unknown>(req);
  if (!isEnvelope(body)) {
    throw new BackendError('Calseta answered without its {data, meta} envelope', {
      kind: 'http',
      status,
      method: req.method ?? 'GET',
      path: req.path,
      backendMessage: 'JSON without the {"data": …} envelope every Calseta route sends, so --url may point at another service',
    });
  }
  return body as Envelope<T>;
}

export async function getData<T>(http: HttpClient, path: string, query?: HttpRequest['query']): Promise<Envelope<T>> {
  return send<T>(http, { method: 'GET', path, ...(query ? { query } : {}) });
}

/** A page-numbered list from `meta`: `next_page` only when another page exists. */
export function pagedList<T>(items: T[], meta: Json | undefined): ListResult<T> {
  const page = readPageMeta(meta);
  if (!page) return { items, total: items.length, truncated: false };
  return {
    items,
    total: page.total,
    page: page.page,
    pages: page.total_pages,
    ...(page.page < page.total_pages ? { next_page: page.page + 1 } : {}),
    truncated: false,
  };
}

export function readPageMeta(meta: Json | undefined): PageMeta | undefined {
  if (!meta) return undefined;
  const { total, page, page_size, total_pages } = meta;
  if (typeof total !== 'number' || typeof page !== 'number' || typeof total_pages !== 'number') return undefined;
  return { total, page, page_size: typeof page_size === 'number' ? page_size : 0, total_pages };
}

/** Calseta takes multi-value filters as one comma-separated parameter (`status=Open,Triaging`). */
export function commaList(values: readonly string[] | undefined): string | undefined {
  return values && values.length ? values.join(',') : undefined;
}

function isEnvelope(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && 'data' in body;
}
