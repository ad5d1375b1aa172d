import type { InvestigationRun } from '../../dataset/types.js';
import type { AisocCall, AisocRoute, Reply } from './call.js';
import { HttpError } from './errors.js';
import { artifactDetail, eventOut, runDetail, runSummary } from './shapes.js';

/** The run named in the path, in the caller's tenant; the UUID is validated first (422). */
function findRun(call: AisocCall): InvestigationRun | undefined {
  const id = call.query.uuid(['path', 'run_id'], call.params.run_id ?? '');
  return call.ctx.dataset.runs.find((r) => r.id === id && r.tenantId === call.principal.tenantId);
}

function requireRun(run: InvestigationRun | undefined): InvestigationRun {
  if (!run) throw new HttpError(404, 'Investigation run not found');
  return run;
}

function listRuns(call: AisocCall): Reply {
  const q = call.query;
  const caseId = q.string('case_id');
  const status = q.string('status');
  const limit = q.int('limit', 50, { ge: 1, le: 200 });
  q.done();
  const runs = call.ctx.dataset.runs
    .filter((r) => r.tenantId === call.principal.tenantId && (!caseId || r.caseId === caseId) && (!status || r.status === status))
    .sort((x, y) => y.startedAtMs - x.startedAtMs || x.id.localeCompare(y.id));
  return { body: runs.slice(0, limit).map(runSummary) };
}

function getRun(call: AisocCall): Reply {
  const run = findRun(call);
  call.query.done();
  return { body: runDetail(requireRun(run)) };
}

function listEvents(call: AisocCall): Reply {
  const run = findRun(call);
  const since = call.query.optionalInt('since', { ge: 0 });
  const limit = call.query.int('limit', 200, { ge: 1, le: 1000 });
  call.query.done();
  const found = requireRun(run);
  const after = found.events.filter((e) => since === null || e.seq > since);
  const page = after.slice(0, limit);
  return {
    body: {
      items: page.map((e) => eventOut(found.id, e)),
      total: after.length,
      since,
      next_seq: page.length > 0 ? (page[page.length - 1]?.seq ?? null) : null,
    },
  };
}

function explain(call: AisocCall): Reply {
  const run = findRun(call);
  const step = call.query.requiredInt('step', { ge: 0 });
  call.query.done();
  const found = requireRun(run);
  const focus = found.events.find((e) => e.seq === step);
  if (!focus || step === null) throw new HttpError(404, `No event with seq=${step} for this run`);
  const previous = found.events.filter((e) => e.seq < focus.seq).at(-1) ?? null;
  const next = found.events.find((e) => e.seq > focus.seq) ?? null;
  return {
    body: {
      run: runSummary(found),
      previous: previous ? eventOut(found.id, previous) : null,
      focus: eventOut(found.id, focus),
      next: next ? eventOut(found.id, next) : null,
      artifacts: found.artifacts.filter((a) => a.eventId === focus.id).map(artifactDetail),
    },
  };
}

export const investigationRoutes: AisocRoute[] = [
  { method: 'GET', pattern: '/api/v1/investigations', access: 'cases:read', handler: listRuns },
  { method: 'GET', pattern: '/api/v1/investigations/:run_id', access: 'cases:read', handler: getRun },
  { method: 'GET', pattern: '/api/v1/investigations/:run_id/events', access: 'cases:read', handler: listEvents },
  { method: 'GET', pattern: '/api/v1/investigations/:run_id/explain', access: 'cases:read', handler: explain },
];
