import { ToolInputError } from '../errors.js';
import type { ResourceSpec } from '../types.js';
import { isUuid } from './ids.js';
import { readAgentReadyAlert, readAlertActivity, readAlertContext, searchAlertPage, searchAlertsInput } from './tools/alerts.js';
import { listDocuments, listDocumentsInput, readDocument } from './tools/context-documents.js';
import { readRule, searchRules, searchRulesInput } from './tools/detection-rules.js';
import { enrichNow } from './tools/enrichment.js';
import { readMetricsSummary } from './tools/metrics.js';
import { listWorkflowPage, listWorkflowsInput, readWorkflow } from './tools/workflows.js';
import { INDICATOR_TYPES, type IndicatorType } from './vocabulary.js';

/**
 * The `calseta://` resources Calseta's own MCP server offers, same URIs, so prompts and host
 * configs written for it keep working. Each reads through the same functions as the tools.
 */

/** A template variable that must be a UUID: checked here, since no schema guards resource URIs. */
function uuidVar(vars: Record<string, string>, name: string): string {
  const value = vars[name] ?? '';
  if (!isUuid(value)) throw new ToolInputError(`Refused before any request: "${value}" in the URI is not a UUID; use the uuid field a Calseta list returns.`);
  return value;
}

function indicatorType(value: string | undefined): IndicatorType {
  const found = INDICATOR_TYPES.find((t) => t === value);
  if (!found) throw new ToolInputError(`Refused before any request: "${value ?? ''}" is not an indicator type; use one of ${INDICATOR_TYPES.join(', ')}.`);
  return found;
}

/** The template matcher hands over the value still percent-encoded (a URL indicator must be encoded to fit one segment). */
function indicatorValue(value: string | undefined): string {
  let text: string;
  try {
    text = decodeURIComponent(value ?? '').trim();
  } catch {
    throw new ToolInputError(`Refused before any request: "${value ?? ''}" is not valid percent-encoding; encode the indicator with encodeURIComponent.`);
  }
  if (!text) throw new ToolInputError('Refused before any request: the URI names no indicator value; use calseta://enrichments/{type}/{value}.');
  return text;
}

export const calsetaResources: ResourceSpec[] = [
  {
    name: 'alerts',
    uri: 'calseta://alerts',
    title: 'Recent alerts',
    description: 'The 25 most recent Calseta alerts as compact summaries (calseta_search_alerts with no filters).',
    scope: 'alerts:read',
    read: (_vars, ctx) => searchAlertPage(ctx.http, searchAlertsInput.parse({})),
  },
  {
    name: 'alert',
    uri: 'calseta://alerts/{uuid}',
    title: 'Alert, agent-ready',
    description: 'One alert with indicators and provider verdicts, detection rule, matched context document titles, findings and enrichment status.',
    scope: 'alerts:read',
    read: (vars, ctx) => readAgentReadyAlert(ctx.http, uuidVar(vars, 'uuid'), false),
  },
  {
    name: 'alert-context',
    uri: 'calseta://alerts/{uuid}/context',
    title: 'Runbooks for an alert',
    description: 'The full context documents (runbooks, SOPs, IR plans) Calseta matched to one alert.',
    scope: 'alerts:read',
    read: (vars, ctx) => readAlertContext(ctx.http, uuidVar(vars, 'uuid')),
  },
  {
    name: 'alert-activity',
    uri: 'calseta://alerts/{uuid}/activity',
    title: 'Alert activity',
    description: 'The newest 50 entries of one alert’s audit trail.',
    scope: 'alerts:read',
    read: (vars, ctx) => readAlertActivity(ctx.http, uuidVar(vars, 'uuid'), 1, 50),
  },
  {
    name: 'detection-rules',
    uri: 'calseta://detection-rules',
    title: 'Detection rules',
    description: 'The first 25 detection rules with their MITRE mapping.',
    scope: 'alerts:read',
    read: (_vars, ctx) => searchRules(ctx.http, searchRulesInput.parse({})),
  },
  {
    name: 'detection-rule',
    uri: 'calseta://detection-rules/{uuid}',
    title: 'Detection rule',
    description: 'One detection rule in full, documentation included.',
    scope: 'alerts:read',
    read: (vars, ctx) => readRule(ctx.http, uuidVar(vars, 'uuid')),
  },
  {
    name: 'context-documents',
    uri: 'calseta://context-documents',
    title: 'Context documents',
    description: 'The first 25 context documents (runbooks, SOPs, IR plans) without content.',
    scope: 'alerts:read',
    read: (_vars, ctx) => listDocuments(ctx.http, listDocumentsInput.parse({})),
  },
  {
    name: 'context-document',
    uri: 'calseta://context-documents/{uuid}',
    title: 'Context document',
    description: 'One context document with its content and targeting rules.',
    scope: 'alerts:read',
    read: (vars, ctx) => readDocument(ctx.http, uuidVar(vars, 'uuid')),
  },
  {
    name: 'workflows',
    uri: 'calseta://workflows',
    title: 'Workflows',
    description: 'The first 25 response workflows without code.',
    scope: 'workflows:read',
    read: (_vars, ctx) => listWorkflowPage(ctx.http, listWorkflowsInput.parse({})),
  },
  {
    name: 'workflow',
    uri: 'calseta://workflows/{uuid}',
    title: 'Workflow',
    description: 'One workflow in full, its Python source included.',
    scope: 'workflows:read',
    read: (vars, ctx) => readWorkflow(ctx.http, uuidVar(vars, 'uuid'), true),
  },
  {
    name: 'metrics-summary',
    uri: 'calseta://metrics/summary',
    title: 'SOC metrics, last 30 days',
    description: 'Alert, workflow, approval, platform and queue metrics for the last 30 days.',
    scope: 'alerts:read',
    read: (_vars, ctx) => readMetricsSummary(ctx.http),
  },
  {
    name: 'enrichment',
    uri: 'calseta://enrichments/{type}/{value}',
    title: 'Indicator enrichment',
    description: 'Runs (cache first) enrichment of one indicator with every configured provider; type is one of ip, domain, hash_md5, hash_sha1, hash_sha256, url, email, account.',
    scope: 'enrichments:read',
    read: (vars, ctx) => enrichNow(ctx.http, indicatorType(vars.type), indicatorValue(vars.value)),
  },
];
