import { z } from 'zod';
import { path } from '../../../http/path.js';
import { ToolInputError } from '../../errors.js';
import { defineTool } from '../../types.js';
import { OVERWRITES } from '../annotations.js';
import { send } from '../envelope.js';
import { alertSummary } from '../shape.js';
import { ALERT_STATUSES, CLOSE_CLASSIFICATIONS, MALICE_LEVELS } from '../vocabulary.js';
import type { WireAlertDetail } from '../wire.js';
import { ALERT_NOT_FOUND, alertUuidArg } from './alerts.js';

/**
 * Changes to an alert's triage state, both through `PATCH /v1/alerts/{uuid}`. They answer with
 * the alert summary after the change so the model can confirm what Calseta now holds.
 */

export const updateAlertStatus = defineTool({
  name: 'calseta_update_alert_status',
  title: 'Update an alert’s status',
  description:
    'Move one Calseta alert to Open, Triaging, Escalated or Closed. Closing requires close_classification, one of: ' +
    `${CLOSE_CLASSIFICATIONS.map((c) => `"${c}"`).join(', ')}. ` +
    'Returns the alert as Calseta now holds it. Post your reasoning first with calseta_post_finding.',
  input: z
    .object({
      alert_uuid: alertUuidArg(),
      status: z.enum(ALERT_STATUSES).describe('The new status.'),
      close_classification: z.enum(CLOSE_CLASSIFICATIONS).optional().describe('Why the alert is closed; required when status is Closed, refused otherwise.'),
    })
    .strict(),
  annotations: OVERWRITES,
  scope: 'alerts:write',
  writes: true,
  notFound: ALERT_NOT_FOUND,
  async run(args, ctx) {
    assertClassification(args.status, args.close_classification);
    const { alert_uuid, ...body } = args;
    const { data } = await send<WireAlertDetail>(ctx.http, { method: 'PATCH', path: path`/alerts/${alert_uuid}`, body });
    return { updated: true, alert: alertSummary(data) };
  },
});

/** Calseta answers a Closed without classification with a 422; saying so first names every allowed value. */
export function assertClassification(status: string, classification: string | undefined): void {
  const allowed = CLOSE_CLASSIFICATIONS.map((c) => `"${c}"`).join(', ');
  if (status === 'Closed' && !classification) {
    throw new ToolInputError(`Refused before any request: closing an alert needs close_classification, one of ${allowed}. Call calseta_update_alert_status again with one of them.`);
  }
  if (status !== 'Closed' && classification) {
    throw new ToolInputError(`Refused before any request: close_classification only applies when status is "Closed" (status was "${status}"). Drop close_classification or set status to "Closed".`);
  }
}

export const setAlertMalice = defineTool({
  name: 'calseta_set_alert_malice',
  title: 'Set an alert’s malice verdict',
  description:
    'Override the malice verdict Calseta computed for one alert from its indicators (Pending, Benign, Suspicious, Malicious), recording that an analyst or agent decided it; ' +
    'or, with reset: true, drop the override so the computed verdict applies again. Returns the alert summary with its malice fields.',
  input: z
    .object({
      alert_uuid: alertUuidArg(),
      malice: z.enum(MALICE_LEVELS).optional().describe('The verdict to set. Leave out when reset is true.'),
      reset: z.boolean().default(false).describe('Remove an earlier override instead of setting one.'),
    })
    .strict(),
  annotations: OVERWRITES,
  scope: 'alerts:write',
  writes: true,
  notFound: ALERT_NOT_FOUND,
  async run(args, ctx) {
    if (args.reset === (args.malice !== undefined)) {
      throw new ToolInputError('Refused before any request: pass either malice (to set a verdict) or reset: true (to remove the override), not both and not neither.');
    }
    const body = args.reset ? { reset_malice_override: true } : { malice_override: args.malice };
    const { data } = await send<WireAlertDetail>(ctx.http, { method: 'PATCH', path: path`/alerts/${args.alert_uuid}`, body });
    return {
      updated: true,
      alert: { ...alertSummary(data), malice: data.malice, malice_override: data.malice_override, malice_override_source: data.malice_override_source },
    };
  },
});
