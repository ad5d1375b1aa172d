import type { Connector } from '../types.js';
import { aisocTools } from './catalog.js';
import { aisocDoctor } from './doctor.js';
import { fastApiErrorMessage } from './error-message.js';

const instructions = `socbridge connects you to AiSOC, an AI security operations platform. The API key decides which data you see; no tool takes a tenant or organisation.

Workflows:
- Triage: aisoc_list_alerts (filter by severity, status, confidence) → aisoc_get_alert → aisoc_get_triage_verdict. An alert nothing has triaged is unknown, not benign.
- Investigation: aisoc_list_cases → aisoc_get_case (include_timeline for its history) → aisoc_run_investigation, which starts AiSOC's AI on the case, reports each step as progress and returns the verdict, or a run_id to check later with aisoc_get_investigation.
- Audit what the AI did: aisoc_list_investigations → aisoc_replay_decision (every step, by seq) → aisoc_explain_step (prompt, response and evidence of one step). aisoc_list_replay_reports / aisoc_get_replay_report show how AiSOC's triage scored against the analysts' own decisions.
- Detection and hunting: aisoc_query_detections → aisoc_get_detection_rule; aisoc_lake_schema → aisoc_lake_query (one read-only SELECT; AiSOC audits every query); aisoc_run_hunt for a hypothesis in plain language.
- Response: aisoc_list_actions → aisoc_preview_action, a dry run only; no tool performs an action.

Results are compact JSON. Lists page with next_page (pass it as page) or next_cursor (pass it as offset or since_seq). Raw events, payloads and artifacts are left out unless you ask with include_raw / include_payloads.`;

const scopeHelp =
  'Mint an AiSOC API key that has it: in the AiSOC console open Settings → API keys → Create key and tick the scope, ' +
  'or call POST /api/v1/api-keys with {"name": "socbridge", "scopes": ["alerts:read", …]} as a user holding users:write (the key, aisoc_…, is shown once). ' +
  'The scopes these tools use that a key can be given one by one: alerts:read, cases:read, rules:read, reports:read, actions:read, lake:query, hunts:read; "*" grants everything. ' +
  'lake:read_schema (aisoc_lake_schema) and actions:execute (aisoc_preview_action) cannot be minted on their own: they come only with "*".';

export const aisocConnector: Connector = {
  id: 'aisoc',
  label: 'AiSOC',
  apiPrefix: '/api/v1',
  instructions,
  authHeaders: (apiKey) => ({ Authorization: `Bearer ${apiKey}` }),
  errorMessage: fastApiErrorMessage,
  scopeHelp,
  tools: aisocTools,
  doctor: aisocDoctor,
};
