import { checkShape, entriesIn, findEntry, isRecord, mergeEntry, ownedFieldsMatch, sameValue, withoutEntry } from './document.js';
import { ConfigFileError } from './errors.js';
import type { ConfigFormat } from './formats/types.js';
import type { EntryTarget } from './types.js';

/**
 * Pure planning of one edit: text in, text out, nothing touched on disk. Every result is parsed
 * again and compared with the original, so an edit that would change anything but our entry is
 * refused instead of written.
 */
export interface PlannedEdit {
  text: string;
  changed: boolean;
  /** Our entry as it was before (undefined when absent). */
  previous: unknown;
  /** Remove the file instead of writing `text` (a file that only held our entry). */
  deleteFile: boolean;
  notes: string[];
}

export interface UpsertRequest {
  format: ConfigFormat;
  file: string;
  /** Current contents; undefined when the file does not exist. */
  text: string | undefined;
  seed?: string;
  target: EntryTarget;
  entry: Record<string, unknown>;
  owned: readonly string[];
}

export function planUpsert(request: UpsertRequest): PlannedEdit {
  const { format, file, target, entry, owned } = request;
  const base = request.text ?? request.seed ?? '';
  const data = format.parse(base, file);
  checkShape(data, target, file);
  const previous = findEntry(data, target);
  const notes = format.notes?.(base) ?? [];
  if (request.text !== undefined && isRecord(previous) && ownedFieldsMatch(previous, entry, owned)) {
    return { text: base, changed: false, previous, deleteFile: false, notes };
  }
  const merged = isRecord(previous) ? mergeEntry(previous, entry, owned) : entry;
  const edited = format.upsert(base, target, merged, owned, file);
  verify(format, file, data, edited.text, target, merged);
  return { text: edited.text, changed: edited.text !== request.text, previous, deleteFile: false, notes: [...notes, ...edited.notes] };
}

export interface RemoveRequest {
  format: ConfigFormat;
  file: string;
  text: string | undefined;
  target: EntryTarget;
  ownedFile?: boolean;
}

export function planRemove(request: RemoveRequest): PlannedEdit {
  const { format, file, target } = request;
  if (request.text === undefined) return { text: '', changed: false, previous: undefined, deleteFile: false, notes: [] };
  const data = format.parse(request.text, file);
  checkShape(data, target, file);
  const previous = findEntry(data, target);
  if (previous === undefined) return { text: request.text, changed: false, previous, deleteFile: false, notes: [] };
  if (request.ownedFile && entriesIn(data, target).length === 1) {
    return { text: '', changed: true, previous, deleteFile: true, notes: [] };
  }
  const edited = format.remove(request.text, target, file);
  verify(format, file, data, edited.text, target, undefined);
  return { text: edited.text, changed: true, previous, deleteFile: false, notes: edited.notes };
}

function verify(format: ConfigFormat, file: string, before: unknown, text: string, target: EntryTarget, expected: unknown): void {
  let after: unknown;
  try {
    after = format.parse(text, file);
  } catch (error) {
    throw unsafe(file, error instanceof Error ? error.message : String(error));
  }
  if (!sameValue(withoutEntry(after, target), withoutEntry(before, target))) throw unsafe(file, 'other settings would change');
  if (!sameValue(findEntry(after, target), expected)) throw unsafe(file, 'the entry would not read back as written');
}

function unsafe(file: string, why: string): ConfigFileError {
  return new ConfigFileError(
    `socbridge could not edit ${file} safely (${why}), so it left the file unchanged; please report this with the file's layout (not its secrets)`,
    file,
  );
}
