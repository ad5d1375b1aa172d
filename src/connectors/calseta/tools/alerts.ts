import { z } from 'zod';
import { path } from '../../../http/path.js';
import type { HttpClient } from '../../../http/types.js';
import { defineTool, type ToolOutput } from '../../types.js';
import { READ_ONLY } from '../annotations.js';
import { commaList, getData, pagedList } from '../envelope.js';
import { uuidArg } from '../ids.js';
import { agentReadyAlert, alertSummary } from '../shape.js';
import { ALERT_SEVERITIES, ALERT_SORT_FIELDS, ALERT_STATUSES, ENRICHMENT_STATUSES, SORT_ORDERS } from '../vocabulary.js';
import type { Json, WireAlertDetail, WireAlertMeta, WireAlertSummary, WireContextDocument } from '../wire.js';

export const ALERT_NOT_FOUND = { what: 'alert', idArg: 'alert_uuid', listTool: 'calseta_search_alerts' };

export const alertUuidArg = () => uuidArg('Alert UUID, the uuid field of a calseta_search_alerts item.');

const MAX_FILTER_VALUES = 10;
const isoTime = (description: string) => z.iso.datetime({ offset: true }).describe(description);

export const searchAlertsInput = z
  .object({
    status: z.array(z.enum(ALERT_STATUSES)).min(1).max(ALERT_STATUSES.length).optional().describe('Only alerts in any of these statuses, e.g. ["Open", "Triaging"].'),
    severity: z.array(z.enum(ALERT_SEVERITIES)).min(1).max(ALERT_SEVERITIES.length).optional().describe('Only alerts of any of these severities, e.g. ["High", "Critical"].'),
    source_name: z.array(z.string().min(1).max(100)).min(1).max(MAX_FILTER_VALUES).optional().describe('Only alerts from any of these sources, as Calseta names them (e.g. "sentinel", "elastic", "splunk").'),
    enrichment_status: z.array(z.enum(ENRICHMENT_STATUSES)).min(1).max(ENRICHMENT_STATUSES.length).optional().describe('Only alerts whose enrichment is in any of these states.'),
    is_enriched: z.boolean().optional().describe('Only enriched (true) or not yet enriched (false) alerts.'),
    detection_rule_uuid: uuidArg('Only alerts raised by this detection rule (uuid from calseta_search_detection_rules).').optional(),
    from_time: isoTime('Only alerts that occurred at or after this ISO 8601 time, with offset (e.g. 2026-03-01T00:00:00Z).').optional(),
    to_time: isoTime('Only alerts that occurred at or before this ISO 8601 time, with offset.').optional(),
    tags: z.array(z.string().min(1).max(100)).min(1).max(MAX_FILTER_VALUES).optional().describe('Only alerts carrying every one of these tags.'),
    sort_by: z.enum(ALERT_SORT_FIELDS).default('occurred_at').describe('Field to sort by (default occurred_at).'),
    sort_order: z.enum(SORT_ORDERS).default('desc').describe('asc or desc (default desc: newest first).'),
    page: z.number().int().min(1).max(10_000).default(1).describe('Page number, from 1. Use next_page from the previous result.'),
    page_size: z.number().int().min(1).max(100).default(25).describe('Alerts per page, 1–100 (default 25).'),
  })
  .strict();

export const searchAlerts = defineTool({
  name: 'calseta_search_alerts',
  title: 'Search alerts',
  description:
    'Search Calseta alerts (normalized from every connected SIEM) as compact summaries: uuid, title, severity, status, enrichment status, source, when it occurred, tags, close classification; with total and paging. ' +
    'Start triage here. Filters combine (AND); list filters match any listed value; tags must all match. Newest first unless sort_by/sort_order say otherwise; page with next_page. ' +
    'Next: calseta_get_alert for the agent-ready payload.',
  input: searchAlertsInput,
  annotations: READ_ONLY,
  scope: 'alerts:read',
  writes: false,
  run: async (args, ctx) => searchAlertPage(ctx.http, args),
});

export async function searchAlertPage(http: HttpClient, args: z.infer<typeof searchAlertsInput>): Promise<ToolOutput> {
  const query = {
    ...args,
    status: commaList(args.status),
    severity: commaList(args.severity),
    source_name: commaList(args.source_name),
    enrichment_status: commaList(args.enrichment_status),
  };
  const { data, meta } = await getData<WireAlertSummary[]>(http, '/alerts', query);
  return pagedList(data.map(alertSummary), meta);
}

export const getAlert = defineTool({
  name: 'calseta_get_alert',
  title: 'Get an alert, agent-ready',
  description:
    'Get one Calseta alert as an agent-ready payload: the alert; each indicator (IP, domain, hash, account…) with its malice and every enrichment provider’s verdict summarized; ' +
    'the detection rule with its MITRE tactics/techniques and the start of its documentation; the titles of the context documents (runbooks, SOPs) that apply; the findings agents posted so far; and where enrichment stands. ' +
    'The raw source payload is left out unless include_raw is true. Next: calseta_get_alert_context for the full runbooks, calseta_post_finding to record your analysis.',
  input: z
    .object({
      alert_uuid: alertUuidArg(),
      include_raw: z.boolean().default(false).describe('Also return the raw SIEM payload (large).'),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'alerts:read',
  writes: false,
  notFound: ALERT_NOT_FOUND,
  run: async (args, ctx) => readAgentReadyAlert(ctx.http, args.alert_uuid, args.include_raw),
});

export async function readAgentReadyAlert(http: HttpClient, alertUuid: string, includeRaw: boolean): Promise<ToolOutput> {
  const { data, meta } = await getData<WireAlertDetail>(http, path`/alerts/${alertUuid}`);
  return agentReadyAlert(data, meta as WireAlertMeta | undefined, includeRaw);
}

export const getAlertContext = defineTool({
  name: 'calseta_get_alert_context',
  title: 'Get the runbooks for an alert',
  description:
    'Get the full context documents Calseta matched to one alert (runbooks, IR plans, SOPs, playbooks, detection guides), content included, in the order Calseta ranks them. ' +
    'Use it after calseta_get_alert lists their titles, to follow the team’s own procedure for this kind of alert.',
  input: z.object({ alert_uuid: alertUuidArg() }).strict(),
  annotations: READ_ONLY,
  scope: 'alerts:read',
  writes: false,
  notFound: ALERT_NOT_FOUND,
  run: async (args, ctx) => readAlertContext(ctx.http, args.alert_uuid),
});

export async function readAlertContext(http: HttpClient, alertUuid: string): Promise<ToolOutput> {
  const { data } = await getData<WireContextDocument[]>(http, path`/alerts/${alertUuid}/context`);
  const items = data.map((doc) => ({
    uuid: doc.uuid,
    title: doc.title,
    document_type: doc.document_type,
    is_global: doc.is_global,
    description: doc.description,
    content: doc.content,
  }));
  return { alert_uuid: alertUuid, items, total: items.length, truncated: false };
}

export const getAlertActivity = defineTool({
  name: 'calseta_get_alert_activity',
  title: 'Get the activity log of an alert',
  description:
    'Get the audit trail of one alert, newest first: ingestion, deduplication, enrichment, status and severity changes, findings, malice updates, workflows triggered and approvals, ' +
    'each with the actor type and key prefix that did it. Use it to see what humans and agents already did before acting. Page with next_page.',
  input: z
    .object({
      alert_uuid: alertUuidArg(),
      page: z.number().int().min(1).max(10_000).default(1).describe('Page number, from 1. Use next_page from the previous result.'),
      page_size: z.number().int().min(1).max(100).default(25).describe('Events per page, 1–100 (default 25).'),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'alerts:read',
  writes: false,
  notFound: ALERT_NOT_FOUND,
  run: async (args, ctx) => readAlertActivity(ctx.http, args.alert_uuid, args.page, args.page_size),
});

export async function readAlertActivity(http: HttpClient, alertUuid: string, page: number, pageSize: number): Promise<ToolOutput> {
  const { data, meta } = await getData<Json[]>(http, path`/alerts/${alertUuid}/activity`, { page, page_size: pageSize });
  return { alert_uuid: alertUuid, ...pagedList(data, meta) };
}
