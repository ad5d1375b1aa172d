import { z } from 'zod';
import { BackendError } from '../../../http/errors.js';
import { path } from '../../../http/path.js';
import type { HttpClient } from '../../../http/types.js';
import { defineTool } from '../../types.js';
import { READ_ONLY } from '../annotations.js';
import { uuidArg } from '../ids.js';
import { alertDetail, alertSummary, pagedList, triageVerdict } from '../shape.js';
import { ALERT_STATUSES, CONFIDENCE_LABELS, SEVERITIES } from '../vocabulary.js';
import type { Json, WireAlertDetail, WireAlertList, WireRunSummary } from '../wire.js';

const ALERT_NOT_FOUND = { what: 'alert', idArg: 'alert_id', listTool: 'aisoc_list_alerts' };

const alertIdArg = uuidArg('Alert UUID, the id field of an aisoc_list_alerts item.');

export const listAlerts = defineTool({
  name: 'aisoc_list_alerts',
  title: 'List alerts',
  description:
    'List AiSOC alerts, newest first, as compact summaries (id, title, severity, status, confidence, AI score, disposition, case, MITRE techniques, affected hosts/users/IPs) with total and paging. ' +
    'Start triage here: filter by severity, status, category, confidence or a search term; page with next_page. ' +
    'Next: aisoc_get_alert for the full record, aisoc_get_triage_verdict for what the AI decided.',
  input: z
    .object({
      page: z.number().int().min(1).max(10_000).default(1).describe('Page number, from 1. Use next_page from the previous result.'),
      page_size: z.number().int().min(1).max(100).default(25).describe('Alerts per page, 1–100 (default 25).'),
      severity: z.enum(SEVERITIES).optional().describe('Only alerts of this severity.'),
      status: z.enum(ALERT_STATUSES).optional().describe('Only alerts in this workflow status.'),
      category: z.string().min(1).max(100).optional().describe('Only alerts of this category, exactly as AiSOC names it (e.g. "identity", "malware").'),
      search: z.string().min(1).max(200).optional().describe('Free-text search over alert titles and descriptions.'),
      assigned_to_me: z.boolean().optional().describe('Only alerts assigned to the user who owns the API key.'),
      min_confidence: z.number().int().min(0).max(100).optional().describe('Only alerts whose fusion confidence (0–100) is at least this. Alerts without a confidence never match.'),
      confidence_label: z.enum(CONFIDENCE_LABELS).optional().describe('Only alerts in this confidence band.'),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'alerts:read',
  writes: false,
  async run(args, ctx) {
    const list = await ctx.http.get<WireAlertList>('/alerts', { ...args });
    return { ...pagedList(list.items.map(alertSummary), list), facets: list.facets };
  },
});

export const getAlert = defineTool({
  name: 'aisoc_get_alert',
  title: 'Get an alert',
  description:
    'Get one AiSOC alert in full: description, MITRE tactics and techniques, affected entities, AI summary and recommendations, confidence with its rationale, ' +
    'disposition, the correlation narrative, related entities, a mini timeline and recommended actions. The raw source event is left out unless include_raw is true. ' +
    'Next: aisoc_get_triage_verdict for the verdict alone, aisoc_get_case with the case_id to see the incident.',
  input: z
    .object({
      alert_id: alertIdArg,
      include_raw: z.boolean().default(false).describe('Also return the raw source event and timeline payloads (large).'),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'alerts:read',
  writes: false,
  notFound: ALERT_NOT_FOUND,
  async run(args, ctx) {
    const alert = await ctx.http.get<WireAlertDetail>(path`/alerts/${args.alert_id}`);
    return alertDetail(alert, args.include_raw);
  },
});

export const getTriageVerdict = defineTool({
  name: 'aisoc_get_triage_verdict',
  title: 'Get the AI triage verdict for an alert',
  description:
    "What AiSOC's AI triage decided about one alert, and how far to trust it: whether it was triaged at all, AI summary and score (0–1), " +
    'confidence (0–100) with its band and rationale, the analyst disposition, recommendations and recommended actions, ' +
    'plus the case and the latest investigation run it belongs to when AiSOC links one. An untriaged alert is reported as such, never as benign. ' +
    'Next: aisoc_replay_decision with the run_id to audit the agent, or aisoc_run_investigation on the case.',
  input: z.object({ alert_id: alertIdArg }).strict(),
  annotations: READ_ONLY,
  scope: 'alerts:read',
  writes: false,
  notFound: ALERT_NOT_FOUND,
  async run(args, ctx) {
    const alert = await ctx.http.get<WireAlertDetail>(path`/alerts/${args.alert_id}`);
    return { ...triageVerdict(alert), ...(await latestInvestigation(ctx.http, alert)) };
  },
});

/**
 * The newest investigation run for an alert. AiSOC keys runs by an external case id: automatic
 * triage files them under the alert's id, analyst-launched runs under the case's. Reading runs
 * needs cases:read, which an alerts-only key lacks; the verdict is still worth returning, so a
 * 403 here is reported in the result instead of failing the call.
 */
async function latestInvestigation(http: HttpClient, alert: WireAlertDetail): Promise<Json> {
  const keys = [alert.id, alert.case_id].filter((key): key is string => typeof key === 'string' && key !== '');
  try {
    const lists = await Promise.all(keys.map((case_id) => http.get<WireRunSummary[]>('/investigations', { case_id, limit: 5 })));
    const newest = lists.flat().sort((a, b) => String(b.started_at).localeCompare(String(a.started_at)))[0];
    if (!newest) return {};
    return {
      latest_investigation: { run_id: newest.id, status: newest.status, started_at: newest.started_at, completed_at: newest.completed_at },
      next_call: { tool: 'aisoc_replay_decision', arguments: { run_id: newest.id } },
    };
  } catch (error) {
    if (error instanceof BackendError && error.status === 403) {
      return { investigation_lookup: 'skipped: this API key lacks cases:read, so investigation runs cannot be listed' };
    }
    throw error;
  }
}
