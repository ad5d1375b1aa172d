import type { CallToolResult } from '@modelcontextprotocol/client';
import { capResult, type JsonObject } from '../server/results.js';

type Block = CallToolResult['content'][number];

/**
 * --max-result-chars for a remote tool's result. The structured content and the text blocks are
 * two renderings of one answer, so each gets the whole budget: `structuredContent` is cut like a
 * REST result (at item boundaries, with `truncated` and a hint), a text block that mirrors it is
 * re-rendered from the cut object, and other text is cut at the end with a note saying so. Images,
 * audio and links pass as they are. A result within the budget is returned untouched.
 */
export function capRemoteResult(result: CallToolResult, maxChars: number): CallToolResult {
  const structured = isObject(result.structuredContent) ? result.structuredContent : undefined;
  const structuredText = structured ? JSON.stringify(structured) : undefined;
  const textChars = result.content.reduce((sum, block) => sum + blockText(block).length, 0);
  const structuredFits = structuredText === undefined || structuredText.length <= maxChars;
  if (structuredFits && textChars <= maxChars) return result;

  const cutStructured = structured && !structuredFits ? capResult(structured, maxChars) : structured;
  let budget = maxChars;
  const content = result.content.map((block): Block => {
    if (block.type !== 'text') return block;
    if (cutStructured && structuredText !== undefined && block.text === structuredText) {
      const text = JSON.stringify(cutStructured);
      budget -= text.length;
      return { ...block, text };
    }
    const text = cutText(block.text, Math.max(0, budget), maxChars);
    budget -= text.length;
    return { ...block, text };
  });
  return { ...result, content, ...(cutStructured ? { structuredContent: cutStructured } : {}) };
}

type ReadResult = { contents: Array<{ uri: string; text?: string; blob?: string; [key: string]: unknown }>; [key: string]: unknown };

/**
 * --max-result-chars for a remote resource read: text contents share the budget in order and are
 * cut at the end with the same note as tool text; binary (blob) contents pass as they are.
 */
export function capResourceContents<T extends ReadResult>(result: T, maxChars: number): T {
  const total = result.contents.reduce((sum, item) => sum + (typeof item.text === 'string' ? item.text.length : 0), 0);
  if (total <= maxChars) return result;
  let budget = maxChars;
  const contents = result.contents.map((item) => {
    if (typeof item.text !== 'string') return item;
    const text = cutText(item.text, Math.max(0, budget), maxChars);
    budget -= text.length;
    return { ...item, text };
  });
  return { ...result, contents };
}

function cutText(text: string, room: number, maxChars: number): string {
  if (text.length <= room) return text;
  const note = `\n…[socbridge cut ${text.length - room} of ${text.length} characters to stay under --max-result-chars ${maxChars}; ask for less (a smaller page, narrower filters) to see the rest]`;
  const keep = Math.max(0, room - note.length);
  return `${text.slice(0, keep)}${note}`;
}

function blockText(block: Block): string {
  return block.type === 'text' ? block.text : '';
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
