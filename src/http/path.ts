/**
 * Tagged template for request paths: every interpolated value becomes exactly one
 * URL-encoded path segment, so an id such as `../../admin` can never change the route.
 *
 *   path`/alerts/${id}/timeline`
 */
export function path(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += encodeSegment(String(value)) + (strings[i + 1] ?? '');
  });
  return out;
}

export class UnsafePathSegmentError extends Error {
  constructor(segment: string) {
    super(`"${segment}" is not a valid identifier`);
    this.name = 'UnsafePathSegmentError';
  }
}

function encodeSegment(segment: string): string {
  // URL parsers treat "." and ".." (and their %2e forms) as dot-segments even when encoded.
  if (segment === '' || segment === '.' || segment === '..') throw new UnsafePathSegmentError(segment);
  return encodeURIComponent(segment);
}
