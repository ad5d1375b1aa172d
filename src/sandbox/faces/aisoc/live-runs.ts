import { Prng } from '../../dataset/prng.js';
import { modelCostsOf, planInvestigation, recordStep, type PlannedStep } from '../../dataset/investigations.js';
import type { Alert, Case, InvestigationRun } from '../../dataset/types.js';
import type { SandboxContext } from '../../server/context.js';

/**
 * Investigations started through the API: the run is added to the ledger as `running` and gains
 * one event every `runStepMs`, completing with a verdict after its 6–10 planned steps. Clients
 * follow it the way they follow a real run, by polling `/investigations/{id}/events?since=`.
 */
export class LiveRuns {
  private readonly timers = new Set<NodeJS.Timeout>();
  private started = 0;

  constructor(private readonly ctx: SandboxContext) {}

  start(c: Case, alerts: Alert[], alertSummary: string): InvestigationRun {
    const prng = new Prng(this.ctx.dataset.seed, `live-run:${++this.started}`);
    const plan = planInvestigation(prng, c, alerts);
    const run: InvestigationRun = {
      id: prng.uuid(),
      tenantId: c.tenantId,
      caseId: c.id,
      status: 'running',
      model: plan.model.model,
      iterations: 0,
      totalTokens: 0,
      totalCostUsd: 0,
      startedAtMs: this.ctx.clock.nowMs(),
      completedAtMs: null,
      error: null,
      alertSummary,
      verdict: null,
      events: [],
      artifacts: [],
      modelCosts: [],
    };
    this.ctx.dataset.runs.push(run);
    const done: PlannedStep[] = [];
    const tick = () => {
      const step = plan.steps[done.length];
      if (!step) return;
      const { event, artifact } = recordStep(prng, run.id, done.length + 1, this.ctx.clock.nowMs(), step);
      done.push(step);
      run.events.push(event);
      if (artifact) run.artifacts.push(artifact);
      run.iterations = Math.ceil(run.events.length / 3);
      run.modelCosts = modelCostsOf(plan, done);
      run.totalTokens = run.modelCosts.reduce((sum, m) => sum + m.promptTokens + m.completionTokens, 0);
      run.totalCostUsd = run.modelCosts.reduce((sum, m) => sum + m.costUsd, 0);
      if (done.length === plan.steps.length) {
        run.status = 'completed';
        run.verdict = plan.verdict;
        run.completedAtMs = event.atMs;
        return;
      }
      this.schedule(tick);
    };
    this.schedule(tick);
    return run;
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, this.ctx.runStepMs);
    this.timers.add(timer);
  }
}
