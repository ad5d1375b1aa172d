import { z } from 'zod';
import { SEVERITIES, type CaseStatus } from '../../../dataset/types.js';
import { alertSummary, caseSummary, noteView } from '../shapes.js';
import type { LiveCase } from '../state.js';
import { defineTool, ok, READ, refuse, type ToolEnv } from './define.js';
import { page, pageInput, pageOutput } from './paging.js';

const CASE_STATUSES = ['new', 'triaged', 'investigating', 'contained', 'resolved', 'closed'] as const satisfies readonly CaseStatus[];
const SECTIONS = ['summary', 'alerts', 'comments', 'observables', 'tasks'] as const;
/** Like Stellar Cyber's getCaseDetail: a few alerts inline, the rest through get_case_alerts. */
const INLINE_ALERTS = 5;

const caseRef = z.string().min(1).max(64).describe('the case id or its number, e.g. INC-007');

const CaseItem = z.object({
  id: z.string(),
  case_number: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  status: z.enum(CASE_STATUSES),
  assignee: z.string().optional(),
  alert_count: z.number().int(),
  updated_at: z.string(),
});

function notFound(ref: string) {
  return refuse(`No case "${ref}" in this workspace. Call list_cases to find case ids or numbers.`);
}

function caseAlerts(env: ToolEnv, c: LiveCase) {
  const members = new Set(c.alertIds);
  return env.dataset.alerts.filter((a) => members.has(a.id)).sort((a, b) => b.createdAtMs - a.createdAtMs || a.id.localeCompare(b.id));
}

export const listCases = defineTool({
  name: 'list_cases',
  title: 'List cases',
  description: 'Lists cases in the workspace, newest first, filtered by status or severity. Returns {items, total, next_cursor}. Call get_case_detail for a case\'s alerts, comments, observables and tasks.',
  scope: 'mcp:tools:read',
  annotations: READ,
  input: z.object({ status: z.enum(CASE_STATUSES).optional(), severity: z.enum(SEVERITIES).optional(), ...pageInput }),
  output: pageOutput(CaseItem),
  run(args, env) {
    const matching = env.state.cases().filter((c) => (!args.status || c.status === args.status) && (!args.severity || c.severity === args.severity));
    return ok(page(matching, args.limit, args.cursor, caseSummary));
  },
});

export const getCaseDetail = defineTool({
  name: 'get_case_detail',
  title: 'Get case detail',
  description: `The preferred starting point for reviewing a case: summary, up to ${INLINE_ALERTS} alerts inline, comments, observables and tasks in one call (choose sections with include). When alerts_total exceeds the inline alerts, call get_case_alerts for the rest.`,
  scope: 'mcp:tools:read',
  annotations: READ,
  input: z.object({ case_id: caseRef, include: z.array(z.enum(SECTIONS)).min(1).optional().describe('sections to return; all when omitted') }),
  run(args, env) {
    const c = env.state.findCase(args.case_id);
    if (!c) return notFound(args.case_id);
    const include = new Set(args.include ?? SECTIONS);
    const alerts = caseAlerts(env, c);
    return ok({
      ...caseSummary(c),
      ...(include.has('summary') ? { description: c.description, mitre_techniques: c.mitreTechniques, score: c.score } : {}),
      ...(include.has('alerts') ? { alerts: alerts.slice(0, INLINE_ALERTS).map(alertSummary), alerts_total: alerts.length } : {}),
      ...(include.has('comments') ? { comments: c.notes.map(noteView) } : {}),
      ...(include.has('observables') ? { observables: c.observableGraph.nodes.map((n) => ({ kind: n.kind, value: n.value })) } : {}),
      ...(include.has('tasks') ? { tasks: c.tasks.map((t) => ({ title: t.title, status: t.status, ...(t.assignee ? { assignee: t.assignee } : {}) })) } : {}),
    });
  },
});

export const getCaseAlerts = defineTool({
  name: 'get_case_alerts',
  title: 'Get case alerts',
  description: 'Lists every alert attached to a case, newest first, in pages. Call get_alert for one alert\'s detail.',
  scope: 'mcp:tools:read',
  annotations: READ,
  input: z.object({ case_id: caseRef, ...pageInput }),
  run(args, env) {
    const c = env.state.findCase(args.case_id);
    if (!c) return notFound(args.case_id);
    return ok({ case_number: c.caseNumber, ...page(caseAlerts(env, c), args.limit, args.cursor, alertSummary) });
  },
});

export const updateCase = defineTool({
  name: 'update_case',
  title: 'Update case',
  description: 'Changes a case\'s status, severity or assignee (a username from the workspace). Returns the updated case. Setting the same values again changes nothing.',
  scope: 'mcp:tools:write',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  input: z.object({ case_id: caseRef, status: z.enum(CASE_STATUSES).optional(), severity: z.enum(SEVERITIES).optional(), assignee: z.string().min(1).max(64).optional() }),
  run(args, env) {
    const c = env.state.findCase(args.case_id);
    if (!c) return notFound(args.case_id);
    if (args.status === undefined && args.severity === undefined && args.assignee === undefined) return refuse('Nothing to update: give at least one of status, severity or assignee.');
    if (args.assignee !== undefined && !env.dataset.entities.users.some((u) => u.username === args.assignee)) {
      return refuse(`No user "${args.assignee}" in this workspace; assignees are usernames such as ${env.principal.owner.username}.`);
    }
    env.state.updateCase(c.id, { ...(args.status ? { status: args.status } : {}), ...(args.severity ? { severity: args.severity } : {}), ...(args.assignee ? { assignee: args.assignee } : {}) });
    const updated = env.state.findCase(c.id);
    return updated ? ok(caseSummary(updated)) : notFound(args.case_id);
  },
});

export const addCaseComment = defineTool({
  name: 'add_case_comment',
  title: 'Add case comment',
  description: 'Adds a comment to a case, attributed to the agent the API key is bound to. Each call adds a new comment. Returns the comment with its id (delete_case_note takes it).',
  scope: 'mcp:tools:write',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  input: z.object({ case_id: caseRef, comment: z.string().trim().min(1).max(4000) }),
  run(args, env) {
    const c = env.state.findCase(args.case_id);
    if (!c) return notFound(args.case_id);
    const note = env.state.addNote(c.id, env.principal.agent ?? env.principal.owner.username, args.comment);
    return ok({ case_number: c.caseNumber, ...noteView(note) });
  },
});

export const deleteCaseNote = defineTool({
  name: 'delete_case_note',
  title: 'Delete case note',
  description: 'Permanently deletes a comment from a case. System notes cannot be deleted. The note id comes from get_case_detail (comments section).',
  scope: 'mcp:tools:destructive',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  input: z.object({ case_id: caseRef, note_id: z.string().min(1).max(64) }),
  run(args, env) {
    const c = env.state.findCase(args.case_id);
    if (!c) return notFound(args.case_id);
    const note = c.notes.find((n) => n.id === args.note_id.trim().toLowerCase());
    if (!note) return refuse(`Case ${c.caseNumber} has no note "${args.note_id}". Call get_case_detail with include ["comments"] for note ids.`);
    if (note.isSystem) return refuse(`Note ${note.id} on ${c.caseNumber} is a system note and cannot be deleted.`);
    env.state.deleteNote(note.id);
    return ok({ case_number: c.caseNumber, deleted: note.id });
  },
});
