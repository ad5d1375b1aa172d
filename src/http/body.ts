import type { Readable } from 'node:stream';
import { BackendError } from './errors.js';

/** Reads a response body, refusing to buffer past `maxBytes` (a runaway export must not eat the host's memory). */
export async function readCapped(body: Readable & { destroy(): void }, maxBytes: number, where: { method: string; path: string; status: number }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) {
      body.destroy();
      throw new BackendError(`response body exceeded ${maxBytes} bytes`, { kind: 'too_large', ...where });
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size);
}

export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

/** A short, single-line excerpt of a non-JSON body for error text (an HTML page's <title> when there is one). */
export function describeText(text: string): string {
  const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(text)?.[1];
  const source = title ?? text;
  const line = source.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}
