/**
 * The changed lines between two versions of a file, with a little context: what `--dry-run`
 * shows. An edit here is one contiguous change, so one hunk says it all.
 */
export interface DiffLine {
  kind: ' ' | '-' | '+';
  text: string;
}

export function changedLines(before: string, after: string, context = 2): DiffLine[] {
  const a = before === '' ? [] : before.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const b = after === '' ? [] : after.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const from = Math.max(0, head - context);
  return [
    ...a.slice(from, head).map((text): DiffLine => ({ kind: ' ', text })),
    ...a.slice(head, a.length - tail).map((text): DiffLine => ({ kind: '-', text })),
    ...b.slice(head, b.length - tail).map((text): DiffLine => ({ kind: '+', text })),
    ...a.slice(a.length - tail, a.length - tail + context).map((text): DiffLine => ({ kind: ' ', text })),
  ];
}
