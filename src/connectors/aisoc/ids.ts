import { z } from 'zod';

/**
 * Identifier arguments. Every id a tool takes is matched against the exact form AiSOC issues, so
 * a model can never pass free text (a title, a path, a SQL fragment) where an id belongs.
 */
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
// Cases are addressed by UUID or by their case number (INC-001); the reference package only took UUIDs.
const CASE_ID = /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[A-Z]+-\d{1,12})$/;
// AiSOC's own rule for vendor ids and capability verbs (live_actions.py `_IDENTIFIER`).
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function uuidArg(description: string) {
  return z.string().regex(UUID, { error: 'must be a UUID (8-4-4-4-12 hex digits) exactly as a list tool returned it' }).describe(description);
}

export function caseIdArg(description: string) {
  return z
    .string()
    .max(64)
    .regex(CASE_ID, { error: 'must be a case UUID or a case number such as INC-001' })
    .describe(description);
}

export function identifierArg(description: string) {
  return z
    .string()
    .regex(IDENTIFIER, { error: 'must be a short identifier: letters, digits, dot, dash or underscore, at most 64 characters' })
    .describe(description);
}
