import { z } from 'zod';
import { path } from '../../../http/path.js';
import type { HttpClient } from '../../../http/types.js';
import { defineTool, type ToolOutput } from '../../types.js';
import { READ_ONLY } from '../annotations.js';
import { getData, pagedList } from '../envelope.js';
import { uuidArg } from '../ids.js';
import { documentSummary } from '../shape.js';
import { CONTEXT_DOCUMENT_TYPES } from '../vocabulary.js';
import type { WireContextDocument } from '../wire.js';

export const listDocumentsInput = z
  .object({
    document_type: z.enum(CONTEXT_DOCUMENT_TYPES).optional().describe('Only documents of this type: runbook, ir_plan, sop, playbook, detection_guide or other.'),
    is_global: z.boolean().optional().describe('Only documents that apply to every alert (true) or only targeted ones (false).'),
    page: z.number().int().min(1).max(10_000).default(1).describe('Page number, from 1. Use next_page from the previous result.'),
    page_size: z.number().int().min(1).max(100).default(25).describe('Documents per page, 1–100 (default 25).'),
  })
  .strict();

export const listContextDocuments = defineTool({
  name: 'calseta_list_context_documents',
  title: 'List context documents',
  description:
    'List the team’s context documents in Calseta (runbooks, IR plans, SOPs, playbooks, detection guides) without their content: uuid, title, type, whether global, description, tags. ' +
    'Next: calseta_get_context_document for one document’s content; calseta_get_alert_context gives the ones matched to an alert.',
  input: listDocumentsInput,
  annotations: READ_ONLY,
  scope: 'alerts:read',
  writes: false,
  run: async (args, ctx) => listDocuments(ctx.http, args),
});

export async function listDocuments(http: HttpClient, args: z.infer<typeof listDocumentsInput>): Promise<ToolOutput> {
  const { data, meta } = await getData<WireContextDocument[]>(http, '/context-documents', { ...args });
  return pagedList(data.map(documentSummary), meta);
}

export const getContextDocument = defineTool({
  name: 'calseta_get_context_document',
  title: 'Get a context document',
  description:
    'Get one context document in full: its content (the runbook or procedure text), type, description, tags, version and the targeting rules that decide which alerts it applies to.',
  input: z.object({ document_uuid: uuidArg('Context document UUID, the uuid field of a calseta_list_context_documents item.') }).strict(),
  annotations: READ_ONLY,
  scope: 'alerts:read',
  writes: false,
  notFound: { what: 'context document', idArg: 'document_uuid', listTool: 'calseta_list_context_documents' },
  run: async (args, ctx) => readDocument(ctx.http, args.document_uuid),
});

export async function readDocument(http: HttpClient, documentUuid: string): Promise<ToolOutput> {
  const { data } = await getData<WireContextDocument>(http, path`/context-documents/${documentUuid}`);
  return data;
}
