import type { AnyToolSpec } from '../types.js';
import { getAlert, getAlertActivity, getAlertContext, searchAlerts } from './tools/alerts.js';
import { getContextDocument, listContextDocuments } from './tools/context-documents.js';
import { getDetectionRule, searchDetectionRules } from './tools/detection-rules.js';
import { enrichIndicator, listEnrichmentProviders } from './tools/enrichment.js';
import { listFindings, postFinding } from './tools/findings.js';
import { getMetricsSummary } from './tools/metrics.js';
import { setAlertMalice, updateAlertStatus } from './tools/triage.js';
import { executeWorkflow, getWorkflow, listWorkflowRuns, listWorkflows } from './tools/workflows.js';

/** The Calseta tools in their fixed order: discovery, then detail, then query, then actions. */
export const calsetaTools: AnyToolSpec[] = [
  // discovery
  searchAlerts,
  searchDetectionRules,
  listContextDocuments,
  listWorkflows,
  listWorkflowRuns,
  listEnrichmentProviders,
  getMetricsSummary,
  // detail
  getAlert,
  getAlertContext,
  listFindings,
  getAlertActivity,
  getDetectionRule,
  getContextDocument,
  getWorkflow,
  // query
  enrichIndicator,
  // actions
  postFinding,
  updateAlertStatus,
  setAlertMalice,
  executeWorkflow,
];
