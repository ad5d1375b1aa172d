import { z } from 'zod';

/**
 * Calseta addresses every record by a UUID. Matching the exact form keeps free text (a title, a
 * path) out of URLs and gives the model a precise correction instead of a 404.
 */
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function uuidArg(description: string) {
  return z.string().regex(UUID, { error: 'must be a UUID (8-4-4-4-12 hex digits) exactly as a Calseta tool returned it' }).describe(description);
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
