import { z } from 'zod';
import { path } from '../../../http/path.js';
import { defineTool } from '../../types.js';
import { APPENDS, READ_ONLY } from '../annotations.js';
import { getData, send } from '../envelope.js';
import { findingShape } from '../shape.js';
import { FINDING_CONFIDENCES } from '../vocabulary.js';
import type { WireFinding } from '../wire.js';
import { ALERT_NOT_FOUND, alertUuidArg } from './alerts.js';

/** Calseta refuses evidence over 64 KB of JSON; checking first saves a round trip and names the limit. */
const MAX_EVIDENCE_BYTES = 64 * 1024;

export const listFindings = defineTool({
  name: 'calseta_list_findings',
  title: 'List findings on an alert',
  description:
    'List the findings agents have posted on one alert: agent name, summary, confidence, recommended action, evidence and when it was posted. ' +
    'Read them before analysing an alert so you build on (or dispute) earlier work instead of repeating it. Next: calseta_post_finding.',
  input: z.object({ alert_uuid: alertUuidArg() }).strict(),
  annotations: READ_ONLY,
  scope: 'alerts:read',
  writes: false,
  notFound: ALERT_NOT_FOUND,
  async run(args, ctx) {
    const { data } = await getData<WireFinding[]>(ctx.http, path`/alerts/${args.alert_uuid}/findings`);
    return { alert_uuid: args.alert_uuid, items: data.map(findingShape), total: data.length, truncated: false };
  },
});

export const postFinding = defineTool({
  name: 'calseta_post_finding',
  title: 'Post a finding on an alert',
  description:
    'Record your analysis of one alert in Calseta as a finding that analysts and other agents see: a summary, your confidence, a recommended action and structured evidence. ' +
    'Each call adds a new finding (it never edits one). Returns the stored finding with its id. Next: calseta_update_alert_status to move the alert on.',
  input: z
    .object({
      alert_uuid: alertUuidArg(),
      agent_name: z.string().min(1).max(255).default('socbridge').describe('Who the finding is from, as analysts should see it (default "socbridge").'),
      summary: z.string().min(1).max(50_000).describe('The finding in plain language: what happened, what you checked, your conclusion.'),
      confidence: z.enum(FINDING_CONFIDENCES).optional().describe('How sure you are: low, medium or high.'),
      recommended_action: z.string().min(1).max(2000).optional().describe('What a human should do next (e.g. "Close as false positive", "Isolate host WIN-01").'),
      evidence: z
        .record(z.string().max(200), z.unknown())
        .refine((evidence) => Buffer.byteLength(JSON.stringify(evidence)) <= MAX_EVIDENCE_BYTES, { error: 'evidence must be at most 64 KB of JSON' })
        .optional()
        .describe('Structured evidence as a JSON object (indicator verdicts, log lines, counts), at most 64 KB.'),
    })
    .strict(),
  annotations: APPENDS,
  scope: 'alerts:write',
  writes: true,
  notFound: ALERT_NOT_FOUND,
  async run(args, ctx) {
    const { alert_uuid, ...body } = args;
    const { data } = await send<WireFinding>(ctx.http, { method: 'POST', path: path`/alerts/${alert_uuid}/findings`, body });
    return { alert_uuid, posted: true, finding: findingShape(data) };
  },
});
