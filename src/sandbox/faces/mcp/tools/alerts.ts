import { z } from 'zod';
import { ALERT_STATUSES, SEVERITIES, type Alert } from '../../../dataset/types.js';
import { alertDetail, alertSummary } from '../shapes.js';
import { defineTool, ok, READ, refuse, type ToolEnv } from './define.js';
import { page, pageInput, pageOutput } from './paging.js';

const AlertItem = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  status: z.enum(ALERT_STATUSES),
  category: z.string(),
  created_at: z.string(),
  case_id: z.string().optional(),
});

/** The caller's workspace alerts, newest first. */
function alerts(env: ToolEnv): Alert[] {
  return env.dataset.alerts.filter((a) => a.tenantId === env.principal.tenantId).sort((a, b) => b.createdAtMs - a.createdAtMs || a.id.localeCompare(b.id));
}

export const listAlerts = defineTool({
  name: 'list_alerts',
  title: 'List alerts',
  description:
    'Lists alerts in the workspace, newest first, filtered by severity, status or a text query on the title. Returns {items, total, next_cursor}; pass next_cursor back for the next page. Call get_alert for an alert\'s indicators, MITRE mapping and affected assets.',
  scope: 'mcp:tools:read',
  annotations: READ,
  input: z.object({
    severity: z.enum(SEVERITIES).optional(),
    status: z.enum(ALERT_STATUSES).optional(),
    query: z.string().min(1).max(200).optional().describe('case-insensitive text to find in the alert title'),
    ...pageInput,
  }),
  output: pageOutput(AlertItem),
  run(args, env) {
    const query = args.query?.toLowerCase();
    const matching = alerts(env).filter((a) => (!args.severity || a.severity === args.severity) && (!args.status || a.status === args.status) && (!query || a.title.toLowerCase().includes(query)));
    return ok(page(matching, args.limit, args.cursor, alertSummary));
  },
});

export const getAlert = defineTool({
  name: 'get_alert',
  title: 'Get alert',
  description: 'Returns one alert in full: description, AI summary and score, MITRE techniques, affected hosts/users/IPs, indicators and recommended actions. Use enrich_indicator on an indicator for threat-intel detail.',
  scope: 'mcp:tools:read',
  annotations: READ,
  input: z.object({ alert_id: z.string().min(1).max(64).describe('the alert id from list_alerts') }),
  run(args, env) {
    const alert = alerts(env).find((a) => a.id === args.alert_id.trim().toLowerCase());
    if (!alert) return refuse(`No alert with id "${args.alert_id}" in this workspace. Call list_alerts to find alert ids.`);
    return ok(alertDetail(alert));
  },
});
