import type { Connector } from '../types.js';
import { calsetaTools } from './catalog.js';
import { calsetaDoctor } from './doctor.js';
import { calsetaErrorMessage, calsetaMissingScope } from './error-message.js';
import { calsetaResources } from './resources.js';

const instructions = `socbridge connects you to Calseta, the data layer between a team's SIEMs (Sentinel, Elastic, Splunk…) and its agents: normalized alerts, enriched indicators, documented detection rules, the team's runbooks, and response workflows.

Workflows:
- Triage: calseta_search_alerts (status, severity, source, time, tags) → calseta_get_alert (one payload: indicators with every provider's verdict, detection rule with MITRE mapping, matching runbook titles, findings so far) → calseta_get_alert_context for the full runbooks → calseta_list_findings and calseta_get_alert_activity for what others already did.
- Record and decide: calseta_post_finding with your analysis, then calseta_update_alert_status (Closed needs a close_classification) and calseta_set_alert_malice.
- Indicators: calseta_enrich_indicator looks one up with every configured provider (private addresses are skipped by design); calseta_list_enrichment_providers says which providers exist.
- Detections and knowledge: calseta_search_detection_rules (also by MITRE tactic or technique) → calseta_get_detection_rule; calseta_list_context_documents → calseta_get_context_document.
- Response: calseta_list_workflows → calseta_get_workflow → calseta_execute_workflow (with reason and confidence). Many workflows need a human's approval: then nothing runs until someone approves it in Calseta. Follow runs with calseta_list_workflow_runs.
- Overview: calseta_get_metrics_summary.

Results are compact JSON. Lists page with next_page (pass it as page). Raw SIEM payloads and workflow code are left out unless you ask (include_raw, include_code). If a call is refused for a missing scope, the tools needing that scope disappear for the rest of the session.`;

const scopeHelp =
  'Mint a Calseta API key that has it: in the Calseta UI open Settings → API keys, or POST /v1/api-keys as an admin with {"name": "socbridge", "scopes": ["alerts:read", …]} (the key, cai_…, is shown once). ' +
  'Scopes these tools use: alerts:read, alerts:write, enrichments:read, workflows:read, workflows:execute; "admin" grants everything.';

export const calsetaConnector: Connector = {
  id: 'calseta',
  label: 'Calseta',
  apiPrefix: '/v1',
  instructions,
  authHeaders: (apiKey) => ({ Authorization: `Bearer ${apiKey}` }),
  errorMessage: calsetaErrorMessage,
  nonJsonHint: "this URL serves the Calseta UI, not its API: use the API port (8000 by default, e.g. http://calseta.example:8000) in --url",
  scopeHelp,
  tools: calsetaTools,
  resources: calsetaResources,
  missingScopeOf: calsetaMissingScope,
  doctor: calsetaDoctor,
};
