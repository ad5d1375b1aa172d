import { z } from 'zod';
import type { HttpClient } from '../../../http/types.js';
import { defineTool, type ToolOutput } from '../../types.js';
import { READ_ONLY } from '../annotations.js';
import { getData } from '../envelope.js';
import type { Json } from '../wire.js';

export const getMetricsSummary = defineTool({
  name: 'calseta_get_metrics_summary',
  title: 'Get the SOC metrics summary',
  description:
    'Get Calseta’s 30-day summary: alerts (total, active, by severity, status and source, enrichment coverage, false-positive rate, MTTD/MTTA/MTTT/MTTC), workflows (executions, success rate, time saved), ' +
    'approvals (pending, approval rate, response time), platform inventory and queue health. Use it for a SOC status report or to see the backlog.',
  input: z.object({}).strict(),
  annotations: READ_ONLY,
  scope: 'alerts:read',
  writes: false,
  run: async (_args, ctx) => readMetricsSummary(ctx.http),
});

export async function readMetricsSummary(http: HttpClient): Promise<ToolOutput> {
  const { data } = await getData<Json>(http, '/metrics/summary');
  return data;
}
