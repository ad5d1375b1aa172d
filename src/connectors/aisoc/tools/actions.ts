import { z } from 'zod';
import { defineTool } from '../../types.js';
import { READ_ONLY } from '../annotations.js';
import { identifierArg, uuidArg } from '../ids.js';
import { liveActionSummary } from '../shape.js';
import type { WireDryRun, WireLiveActionCatalog } from '../wire.js';

/**
 * Response actions, discovered and previewed, never performed: the only action path named here
 * is `/live-actions/dry-run`, which AiSOC forces to `dry_run: true` server-side whatever the body
 * says. Performing an action needs AiSOC's approval flow, deliberately out of an agent's reach.
 */
const DRY_RUN_PATH = '/live-actions/dry-run';
const MAX_PARAMS = 50;

export const listActions = defineTool({
  name: 'aisoc_list_actions',
  title: 'List response actions',
  description:
    'List the response actions this AiSOC deployment can perform (isolate a host, disable an account, block an IP…): vendor, capability, description, ' +
    'impact on the estate if the finding is wrong, approval it needs, whether credentials are required; plus all vendor ids and capabilities. ' +
    'Listing performs nothing. Next: aisoc_preview_action to see what one would do.',
  input: z
    .object({
      vendor_id: identifierArg('Only actions implemented by this vendor (e.g. crowdstrike, okta).').optional(),
      capability: identifierArg('Only implementations of this capability verb (e.g. isolate_host).').optional(),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'actions:read',
  writes: false,
  async run(args, ctx) {
    const catalog = await ctx.http.get<WireLiveActionCatalog>('/live-actions', { ...args });
    return {
      items: catalog.executors.map(liveActionSummary),
      total: catalog.executors.length,
      vendors: catalog.vendors,
      capabilities: catalog.capabilities,
      truncated: false,
    };
  },
});

export const previewAction = defineTool({
  name: 'aisoc_preview_action',
  title: 'Preview a response action (dry run)',
  description:
    'Dry-run one AiSOC response action: what the vendor executor would do to the target, its blast radius, whether it needs approval, and the simulated result. ' +
    'Read-only in effect: AiSOC forces dry_run on this route, no vendor is contacted and nothing is performed; no tool here can perform an action. ' +
    'Take vendor_id and capability from aisoc_list_actions. Use it to tell an analyst what containment would mean before anyone approves it.',
  input: z
    .object({
      vendor_id: identifierArg('Vendor whose implementation to preview, from aisoc_list_actions.'),
      capability: identifierArg('Capability verb to preview (e.g. isolate_host), from aisoc_list_actions.'),
      target: z.string().min(1).max(500).optional().describe('What the action would act on: a hostname, user, IP, hash…'),
      params: z
        .record(z.string().max(100), z.unknown())
        .refine((params) => Object.keys(params).length <= MAX_PARAMS, { error: `at most ${MAX_PARAMS} parameters` })
        .default({})
        .describe('Extra parameters for the executor, e.g. {"hostname": "WIN-DC-01"}.'),
      confidence: z.number().min(0).max(1).optional().describe('How sure you are (0–1) that the finding behind the action is real; the approval tier depends on it.'),
      case_id: uuidArg('Case UUID the action would belong to, for the audit trail.').optional(),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'actions:execute',
  writes: false,
  notFound: { what: 'live action for vendor', idArg: 'vendor_id', listTool: 'aisoc_list_actions' },
  async run(args, ctx) {
    // dry_run is sent as well as forced upstream: belt and braces on the one field that decides
    // whether an estate is touched. Safe to retry, since a dry run changes nothing.
    const preview = await ctx.http.post<WireDryRun>(DRY_RUN_PATH, { ...args, dry_run: true }, { idempotent: true });
    return {
      executed: false,
      mode: preview.mode,
      result: preview.result,
      note: 'Dry run only: nothing was performed and no vendor was contacted. Performing it needs an approval in AiSOC.',
    };
  },
});
