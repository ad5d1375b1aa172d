import { z } from 'zod';
import { defineTool } from '../../types.js';
import { READ_ONLY } from '../annotations.js';
import type { WireHunt } from '../wire.js';

/** AiSOC plans and runs a hunt with an LLM and may take up to 120 s; the request gets a little more. */
const HUNT_TIMEOUT_MS = 125_000;

export const runHunt = defineTool({
  name: 'aisoc_run_hunt',
  title: 'Run a threat hunt',
  description:
    "Hunt for a hypothesis in plain language (e.g. 'password spraying against VPN accounts in the last 24 hours'): AiSOC's hunt agent plans queries over your data and returns the matches, " +
    'any parts it refused, and whether it could look at all. checked: false means the hunt could not run (unavailable_reason says why), not that nothing was found. ' +
    'Read-only: it only reads data, though planning uses an LLM and can take up to two minutes. Next: aisoc_lake_query to dig into a match.',
  input: z
    .object({ hypothesis: z.string().min(1).max(2_000).describe('What to look for, in plain language: behaviour, entities, time range.') })
    .strict(),
  annotations: READ_ONLY,
  scope: 'hunts:read',
  writes: false,
  async run(args, ctx) {
    const hunt = await ctx.http.post<WireHunt>('/agents/hunt', { hypothesis: args.hypothesis }, { timeoutMs: HUNT_TIMEOUT_MS });
    const matches = hunt.matches ?? [];
    return {
      hypothesis: hunt.hypothesis,
      checked: hunt.checked,
      ...(hunt.checked ? {} : { note: `The hunt could not run${hunt.unavailable_reason ? `: ${hunt.unavailable_reason}` : ''}. This is not a clean result.` }),
      unavailable_reason: hunt.unavailable_reason,
      match_count: matches.length,
      matches,
      refusals: hunt.refusals?.length ? hunt.refusals : undefined,
    };
  },
});
