import type { ContextDocument, DetectionRule } from '../../dataset/types.js';
import type { CalsetaCall, CalsetaRoute, Reply } from './call.js';
import { notFound } from './errors.js';
import { optionalBool, paginated, readMulti, readPage, readSort } from './listing.js';
import { documentDetail, documentSummary, ruleShape } from './shapes.js';
import { calsetaSeverity } from './vocabulary.js';

/** Detection rules and context documents: the reference material Calseta attaches to alerts. */

const READ = ['alerts:read'];

function visibleRules(call: CalsetaCall): DetectionRule[] {
  return call.ctx.dataset.rules.filter((r) => r.tenantId === null || r.tenantId === call.principal.tenantId);
}

function listRules(call: CalsetaCall): Reply {
  const q = call.query;
  const page = readPage(q);
  const sourceName = readMulti(q, 'source_name');
  const severity = readMulti(q, 'severity');
  const isActive = optionalBool(q, 'is_active');
  q.done();
  const sort = readSort<DetectionRule>(q, { name: (r) => r.name, source_name: (r) => r.sourceName, severity: (r) => calsetaSeverity(r.severity), created_at: (r) => r.createdAtMs }, 'created_at');
  const rules = visibleRules(call).filter(
    (r) => (!sourceName || sourceName.has(r.sourceName)) && (!severity || severity.has(calsetaSeverity(r.severity))) && (isActive === null || (r.status === 'active') === isActive),
  );
  return { body: paginated(rules.sort(sort.compare), page, ruleShape) };
}

function getRule(call: CalsetaCall): Reply {
  const id = call.query.uuid(['path', 'rule_uuid'], call.params.rule_uuid ?? '');
  call.query.done();
  const rule = visibleRules(call).find((r) => r.id === id);
  if (!rule) throw notFound('Detection rule');
  return { body: { data: ruleShape(rule), meta: {} } };
}

function tenantDocuments(call: CalsetaCall): ContextDocument[] {
  return call.ctx.dataset.contextDocuments.filter((d) => d.tenantId === call.principal.tenantId);
}

function listDocuments(call: CalsetaCall): Reply {
  const q = call.query;
  const page = readPage(q);
  const documentType = readMulti(q, 'document_type');
  const isGlobal = optionalBool(q, 'is_global');
  q.done();
  const sort = readSort<ContextDocument>(q, { title: (d) => d.title, document_type: (d) => d.documentType, created_at: (d) => d.createdAtMs, updated_at: (d) => d.updatedAtMs }, 'created_at');
  const documents = tenantDocuments(call).filter((d) => (!documentType || documentType.has(d.documentType)) && (isGlobal === null || d.isGlobal === isGlobal));
  return { body: paginated(documents.sort(sort.compare), page, documentSummary) };
}

function getDocument(call: CalsetaCall): Reply {
  const id = call.query.uuid(['path', 'doc_uuid'], call.params.doc_uuid ?? '');
  call.query.done();
  const document = tenantDocuments(call).find((d) => d.id === id);
  if (!document) throw notFound('Context document');
  return { body: { data: documentDetail(document), meta: {} } };
}

export const catalogRoutes: CalsetaRoute[] = [
  { method: 'GET', pattern: '/v1/detection-rules', scopes: READ, handler: listRules },
  { method: 'GET', pattern: '/v1/detection-rules/:rule_uuid', scopes: READ, handler: getRule },
  { method: 'GET', pattern: '/v1/context-documents', scopes: READ, handler: listDocuments },
  { method: 'GET', pattern: '/v1/context-documents/:doc_uuid', scopes: READ, handler: getDocument },
];
