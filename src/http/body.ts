import type { IncomingMessage } from 'node:http';
import { BackendError } from './errors.js';

/**
 * Reads a response body, refusing to buffer past `maxBytes` (a runaway export must not eat the
 * host's memory). Plain 'data'/'end' events: an async iterator over the stream allocates several
 * objects per chunk, which showed up in the per-call profile.
 */
export function readCapped(body: IncomingMessage, maxBytes: number, where: { method: string; path: string; status: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new BackendError(`response body exceeded ${maxBytes} bytes`, { kind: 'too_large', ...where }));
        body.destroy();
        return;
      }
      chunks.push(chunk);
    });
    body.once('end', () => resolve(Buffer.concat(chunks, size)));
    body.once('error', reject);
    // A connection closed before the body ended, with no error of its own.
    body.once('close', () => {
      if (!body.complete) reject(Object.assign(new Error('the connection closed before the response ended'), { code: 'ECONNRESET' }));
    });
  });
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
