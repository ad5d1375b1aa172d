import { z } from 'zod';

/**
 * Scripted faults for tests: each rule matches requests by method and a path regex and fires its
 * fault on the next `times` matching requests, rules consumed in the order they were added.
 */

const Fault = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('status'),
    status: z.number().int().min(100).max(599),
    retryAfter: z.number().nonnegative().optional(),
    body: z.unknown().optional(),
    contentType: z.string().min(1).optional(),
  }),
  z.object({ type: z.literal('reset') }),
  z.object({ type: z.literal('hang') }),
  z.object({ type: z.literal('delay'), ms: z.number().int().min(0).max(600_000) }),
  z.object({ type: z.literal('html') }),
  z.object({ type: z.literal('non_json') }),
  z.object({ type: z.literal('oversize'), bytes: z.number().int().min(1).max(1024 * 1024 * 1024) }),
]);

const FaultRuleInput = z.object({
  method: z.string().min(1).optional(),
  path: z.string().min(1),
  times: z.number().int().min(1).optional(),
  fault: Fault,
});

export type Fault = z.infer<typeof Fault>;

interface FaultRule {
  id: string;
  method: string | null;
  path: RegExp;
  remaining: number;
  fault: Fault;
}

export class FaultQueue {
  private rules: FaultRule[] = [];
  private counter = 0;

  /** Adds a rule; throws with a readable message when the body or the regex is invalid. */
  add(input: unknown): string {
    const parsed = FaultRuleInput.safeParse(input);
    if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
    let path: RegExp;
    try {
      path = new RegExp(parsed.data.path);
    } catch (error) {
      throw new Error(`path is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`);
    }
    const id = `fault-${++this.counter}`;
    this.rules.push({ id, method: parsed.data.method?.toUpperCase() ?? null, path, remaining: parsed.data.times ?? 1, fault: parsed.data.fault });
    return id;
  }

  /** The fault for this request, if a rule matches; consumes one use of that rule. */
  take(method: string, path: string): Fault | undefined {
    const rule = this.rules.find((r) => (r.method === null || r.method === method) && r.path.test(path));
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule.fault;
  }

  clear(): number {
    const count = this.rules.length;
    this.rules = [];
    return count;
  }
}
