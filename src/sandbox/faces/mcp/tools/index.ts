import { addCaseComment, deleteCaseNote, getCaseAlerts, getCaseDetail, listCases, updateCase } from './cases.js';
import { getAlert, listAlerts } from './alerts.js';
import type { McpTool } from './define.js';
import { searchDocs } from './docs.js';
import { enrichIndicator } from './indicators.js';
import { longRunningScan } from './scan.js';
import { whoami } from './whoami.js';

/** The MCP catalog in `tools/list` order: discovery, detail, query, then actions. */
export const MCP_TOOLS: readonly McpTool[] = [
  whoami,
  listAlerts,
  listCases,
  getAlert,
  getCaseDetail,
  getCaseAlerts,
  enrichIndicator,
  searchDocs,
  longRunningScan,
  updateCase,
  addCaseComment,
  deleteCaseNote,
];

const BY_NAME = new Map(MCP_TOOLS.map((t) => [t.name, t]));

export function findTool(name: string): McpTool | undefined {
  return BY_NAME.get(name);
}
