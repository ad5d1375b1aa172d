import type { ToolAnnotations } from '../types.js';

/**
 * Annotations for tools that change nothing on the backend. Every AiSOC tool talks to a live
 * deployment whose data moves, hence openWorldHint; repeating a read has no further effect.
 */
export const READ_ONLY: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
