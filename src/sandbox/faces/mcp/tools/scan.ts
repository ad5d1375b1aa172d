import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { iso } from '../../../dataset/clock.js';
import { alertSummary } from '../shapes.js';
import { defineTool, ok, READ, refuse } from './define.js';

export const longRunningScan = defineTool({
  name: 'long_running_scan',
  title: 'Scan host',
  description:
    'Sweeps one host for indicators of compromise, step by step (steps × step_ms). Sends notifications/progress when the request carries a progress token and stops as soon as the request is cancelled. Returns the alerts that touch the host. Hosts are named as in alerts\' affected hosts.',
  scope: 'mcp:tools:read',
  annotations: READ,
  input: z.object({
    host: z.string().trim().min(1).max(255).describe('hostname, e.g. from get_alert affected.hosts'),
    steps: z.number().int().min(1).max(50).default(5),
    step_ms: z.number().int().min(1).max(2000).default(50).describe('milliseconds each step takes'),
  }),
  async run(args, env, ctx) {
    const host = env.dataset.entities.hosts.find((h) => h.hostname.toLowerCase() === args.host.toLowerCase() || h.fqdn.toLowerCase() === args.host.toLowerCase());
    if (!host) return refuse(`No host "${args.host}" in this workspace. Use a hostname from an alert's affected hosts (get_alert).`);
    const progressToken = ctx.mcpReq._meta?.progressToken;
    for (let step = 1; step <= args.steps; step++) {
      // Rejects when the client cancels; the SDK then sends no response, as the spec asks.
      await sleep(args.step_ms, undefined, { signal: ctx.mcpReq.signal });
      if (progressToken !== undefined) {
        await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken, progress: step, total: args.steps, message: `scanned ${step} of ${args.steps} on ${host.hostname}` } });
      }
    }
    const hits = env.dataset.alerts.filter((a) => a.tenantId === env.principal.tenantId && a.affectedHosts.includes(host.hostname)).sort((a, b) => b.createdAtMs - a.createdAtMs || a.id.localeCompare(b.id));
    return ok({ host: host.hostname, ip: host.ip, steps: args.steps, finished_at: iso(env.ctx.clock.nowMs()), alerts: hits.slice(0, 10).map(alertSummary), alerts_total: hits.length });
  },
});
