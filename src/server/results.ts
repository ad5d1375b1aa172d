/**
 * Results an agent can afford: nulls dropped, compact JSON, and a hard cap on size that cuts
 * at item boundaries and says how to get the rest.
 */
export type JsonObject = Record<string, unknown>;

/** Drops null and undefined values from objects, recursively (arrays keep their positions). */
export function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value && typeof value === 'object') {
    // for...in, not Object.entries: on the per-call path every [key, value] pair array showed up
    // as garbage (about 15 kB a call). Results are plain JSON objects, with nothing inherited.
    const record = value as JsonObject;
    const out: JsonObject = {};
    for (const key in record) {
      const inner = record[key];
      if (inner === null || inner === undefined) continue;
      out[key] = compact(inner);
    }
    return out;
  }
  return value;
}

const size = (value: unknown) => JSON.stringify(value).length;

/**
 * Fits a result under `maxChars` of JSON. A list (`items`) loses items from the end; any other
 * object loses items from its largest array, then characters from its longest strings.
 */
export function capResult(result: JsonObject, maxChars: number): JsonObject {
  if (size(result) <= maxChars) return result;
  const arrayKey = Array.isArray(result.items) ? 'items' : largestArrayKey(result);
  if (arrayKey) {
    const cut = cutArray(result, arrayKey, maxChars);
    if (cut) return cut;
  }
  return cutStrings(result, maxChars);
}

function largestArrayKey(result: JsonObject): string | undefined {
  let best: string | undefined;
  let bestSize = 0;
  for (const [key, value] of Object.entries(result)) {
    if (Array.isArray(value) && value.length > 0) {
      const s = size(value);
      if (s > bestSize) [best, bestSize] = [key, s];
    }
  }
  return best;
}

function cutArray(result: JsonObject, key: string, maxChars: number): JsonObject | undefined {
  const all = result[key] as unknown[];
  const build = (kept: number): JsonObject => {
    const out: JsonObject = { ...result, [key]: all.slice(0, kept), truncated: true };
    out.truncation = key === 'items'
      ? `Showing ${kept} of the ${all.length} items on this page to stay under ${maxChars} characters. ` +
        `To see the rest without gaps, call again with a page size of ${Math.max(1, kept)} (and page through), or narrow the filters.`
      : `"${key}" shows ${kept} of ${all.length} entries to stay under ${maxChars} characters; ask for a narrower view to see the rest.`;
    return out;
  };
  // Binary search the largest prefix that fits, hint included.
  let lo = 0;
  let hi = all.length - 1;
  if (size(build(0)) > maxChars) return undefined;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (size(build(mid)) <= maxChars) lo = mid;
    else hi = mid - 1;
  }
  const out = build(lo);
  return size(out) <= maxChars ? out : undefined;
}

/** Last resort: shorten the longest strings anywhere in the result until it fits. */
function cutStrings(result: JsonObject, maxChars: number): JsonObject {
  let out = structuredClone(result);
  out.truncated = true;
  out.truncation = `Long text fields were shortened to stay under ${maxChars} characters.`;
  for (let guard = 0; guard < 200 && size(out) > maxChars; guard++) {
    const longest = findLongestString(out);
    if (!longest || longest.value.length < 80) break;
    const excess = size(out) - maxChars;
    const keep = Math.max(40, longest.value.length - excess - 40);
    longest.set(`${longest.value.slice(0, keep)}…[${longest.value.length - keep} chars cut]`);
  }
  if (size(out) > maxChars) {
    // Nothing left to shorten sensibly: say so rather than exceed the host's budget.
    out = { truncated: true, truncation: `The result was larger than ${maxChars} characters even after cutting; narrow the request.` };
  }
  return out;
}

function findLongestString(root: unknown): { value: string; set(v: string): void } | undefined {
  let best: { value: string; set(v: string): void } | undefined;
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        if (typeof child === 'string') consider(child, (v) => (node[i] = v));
        else visit(child);
      });
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node as JsonObject)) {
        if (typeof child === 'string') consider(child, (v) => ((node as JsonObject)[key] = v));
        else visit(child);
      }
    }
  };
  const consider = (value: string, set: (v: string) => void) => {
    if (!best || value.length > best.value.length) best = { value, set };
  };
  visit(root);
  return best;
}

/**
 * What a result becomes for the model: compacted, capped, and its JSON text. The text is
 * rendered once; a result over the cap is rendered again after cutting.
 */
export function shapeResult(output: JsonObject, maxChars: number): { value: JsonObject; text: string } {
  const value = compact(output) as JsonObject;
  const text = JSON.stringify(value);
  if (text.length <= maxChars) return { value, text };
  const capped = capResult(value, maxChars);
  return { value: capped, text: JSON.stringify(capped) };
}
