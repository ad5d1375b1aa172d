import type { AnyToolSpec } from '../types.js';
import { listActions, previewAction } from './tools/actions.js';
import { getAlert, getTriageVerdict, listAlerts } from './tools/alerts.js';
import { getCase, listCases } from './tools/cases.js';
import { getDetectionRule, queryDetections } from './tools/detections.js';
import { runHunt } from './tools/hunt.js';
import { explainStep, getInvestigation, listInvestigations, replayDecision, runInvestigation } from './tools/investigations.js';
import { lakeQuery, lakeSchema } from './tools/lake.js';
import { getReplayReport, listReplayReports } from './tools/replay.js';

/**
 * The AiSOC tools in their fixed order (the reference package's, which hosts and users already
 * know): discovery, then detail, then query, then actions and the audit trail.
 */
export const aisocTools: AnyToolSpec[] = [
  // discovery
  listAlerts,
  listCases,
  queryDetections,
  listInvestigations,
  listReplayReports,
  listActions,
  lakeSchema,
  // detail
  getAlert,
  getCase,
  getDetectionRule,
  getInvestigation,
  getTriageVerdict,
  getReplayReport,
  // query
  lakeQuery,
  runHunt,
  // actions and the decision ledger
  runInvestigation,
  previewAction,
  replayDecision,
  explainStep,
];
