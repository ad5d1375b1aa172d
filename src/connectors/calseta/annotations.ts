import type { ToolAnnotations } from '../types.js';

/**
 * Annotation sets for Calseta tools. Every tool talks to a live deployment whose data moves (and
 * enrichment reaches third-party providers), hence openWorldHint throughout.
 */

/** Changes nothing in Calseta; repeating it has no further effect. */
export const READ_ONLY: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };

/** Adds a record (a finding) without touching existing ones; each call adds another. */
export const APPENDS: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };

/** Overwrites a field (status, malice); sending the same values again changes nothing more. */
export const OVERWRITES: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true };

/** Starts work that acts on the outside world (a workflow can block an IP or disable an account). */
export const ACTS: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };
