import pkg from '../../package.json' with { type: 'json' };
import { fail, ok, warn } from './outcome.js';
import type { CheckOutcome } from './types.js';

type Version = [number, number, number];
const OPERATORS = ['>=', '<=', '>', '<', '='] as const;

/** Node's version against package.json `engines.node`, and the platform hosts will start us on. */
export function checkRuntime(): CheckOutcome {
  const range = pkg.engines.node;
  const where = `${process.platform} ${process.arch}`;
  const verdict = satisfies(process.versions.node, range);
  if (verdict === undefined) return warn(`Node ${process.versions.node} on ${where}; cannot read the engines range "${range}"`, 'report this as a socbridge bug');
  if (!verdict) {
    return fail(
      `Node ${process.versions.node} on ${where} does not satisfy ${range}`,
      `install Node.js ${range.replace(/^>=/, '')} or newer (nodejs.org, or \`nvm install 22\`), and make it the node your MCP hosts start`,
    );
  }
  return ok(`Node ${process.versions.node} satisfies ${range}; ${where}`);
}

/** `range` is space-separated comparators (`>=20.18.1 <23`), all of which must hold; undefined when unreadable. */
export function satisfies(version: string, range: string): boolean | undefined {
  const have = parse(version);
  const comparators = range.trim().split(/\s+/);
  if (!have || comparators.length === 0) return undefined;
  let result = true;
  for (const comparator of comparators) {
    const operator = OPERATORS.find((op) => comparator.startsWith(op)) ?? '=';
    const want = parse(comparator.slice(comparator.startsWith(operator) ? operator.length : 0));
    if (!want) return undefined;
    const order = compare(have, want);
    const holds = { '>=': order >= 0, '<=': order <= 0, '>': order > 0, '<': order < 0, '=': order === 0 }[operator];
    result &&= holds;
  }
  return result;
}

function parse(text: string): Version | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : undefined;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
