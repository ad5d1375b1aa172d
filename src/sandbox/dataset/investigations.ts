import { DAY, MINUTE } from './clock.js';
import { Prng, sha256Hex } from './prng.js';
import type { Alert, Case, InvestigationRun, ModelCost, RunArtifact, RunEvent, RunStatus } from './types.js';

/**
 * The agent investigation ledger: runs, their ordered events (AiSOC's StepKind vocabulary) and the
 * prompt/response/report artifacts behind them. `planInvestigation` is shared by the seeded history
 * and by live runs the sandbox starts on request, so both read the same way.
 */

const MODELS = [
  { model: 'claude-sonnet-4-5', resolved: 'anthropic/claude-sonnet-4-5-20250929', inPrice: 3 / 1e6, outPrice: 15 / 1e6 },
  { model: 'gpt-4.1-mini', resolved: 'openai/gpt-4.1-mini-2025-04-14', inPrice: 0.4 / 1e6, outPrice: 1.6 / 1e6 },
] as const;

export interface PlannedStep {
  kind: string;
  agent: string;
  summary: string;
  payload: Record<string, unknown> | null;
  durationMs: number;
  /** Set for LLM calls: token counts feed the run's cost telemetry. */
  tokens?: { prompt: number; completion: number };
  artifact?: { kind: string; content: string };
}

export interface InvestigationPlan {
  model: (typeof MODELS)[number];
  verdict: string;
  steps: PlannedStep[];
}

/** 6–10 steps ending in a report with a verdict, derived from the case's own alerts. */
export function planInvestigation(prng: Prng, c: Case, alerts: Alert[]): InvestigationPlan {
  const model = prng.pick(MODELS);
  const lead = alerts[0];
  const indicators = alerts.flatMap((a) => a.indicators);
  const malicious = indicators.filter((i) => i.malice === 'Malicious');
  const focus = malicious[0] ?? indicators[0];
  const verdict = malicious.length > 0 ? 'true_positive' : c.severity === 'low' || c.severity === 'info' ? 'benign_true_positive' : 'needs_more_data';
  const confidence = Math.round((malicious.length > 0 ? 0.78 + prng.next() * 0.2 : 0.45 + prng.next() * 0.25) * 100) / 100;
  const user = lead?.affectedUsers[0] ?? 'unknown';
  const host = lead?.affectedHosts[0] ?? 'unknown';
  const sql = focus?.type === 'ip'
    ? `SELECT ts, user_name, host_name, outcome FROM auth_events WHERE src_ip = '${focus.value}' ORDER BY ts DESC`
    : `SELECT ts, host_name, process_name, command_line FROM process_events WHERE host_name = '${host}' ORDER BY ts DESC`;
  const prompt = `You are the forensic agent for ${c.caseNumber}. Reconstruct the attack timeline from these alerts:\n${alerts
    .slice(0, 5)
    .map((a) => `- [${a.severity}] ${a.title}`)
    .join('\n')}\nIndicators: ${indicators.slice(0, 6).map((i) => `${i.type}=${i.value} (${i.malice})`).join(', ')}.\nAnswer with a root-cause hypothesis, blast radius and confidence.`;
  const rootCause = `${lead?.mitre.map((m) => m.name).join(' then ') ?? 'Unknown technique'} against ${user} on ${host}`;
  const response = `Root cause: ${rootCause}. Blast radius: ${host}${alerts.length > 1 ? ` and ${alerts.length - 1} related alert(s)` : ''}. Confidence ${confidence}. ${malicious.length > 0 ? `${malicious.length} indicator(s) are confirmed malicious by threat intelligence.` : 'No indicator is confirmed malicious; activity may be benign.'}`;
  const promptTokens = prng.int(1800, 9000);
  const completionTokens = prng.int(300, 1400);

  const steps: PlannedStep[] = [
    { kind: 'recon', agent: 'recon_agent', summary: `Recon started for ${c.caseNumber}: ${alerts.length} alert(s), ${indicators.length} indicator(s)`, payload: { case_number: c.caseNumber, alerts: alerts.length, indicators: indicators.length }, durationMs: prng.int(40, 400) },
    { kind: 'tool_call', agent: 'recon_agent', summary: 'lake_query(sql)', payload: { tool: 'lake_query', args: { sql }, result: { rows: prng.int(3, 60) }, success: true }, durationMs: prng.int(120, 2400) },
  ];
  if (focus && prng.bool(0.7)) {
    steps.push({ kind: 'tool_call', agent: 'recon_agent', summary: 'enrich_ioc(value)', payload: { tool: 'enrich_ioc', args: { value: focus.value, type: focus.type }, result: { malice: focus.malice, providers: focus.enrichment.map((e) => e.provider) }, success: true }, durationMs: prng.int(200, 3000) });
  }
  if (focus) {
    steps.push({ kind: 'evidence_cited', agent: 'recon_agent', summary: `ioc: ${focus.value}`, payload: { evidence_kind: 'ioc', ref: focus.value, weight: focus.malice === 'Malicious' ? 1 : 0.4 }, durationMs: 0 });
  }
  if (prng.bool(0.75)) {
    steps.push({ kind: 'llm_prompt', agent: 'forensic_agent', summary: 'Reconstruct attack timeline', payload: { model: model.model, purpose: 'timeline' }, durationMs: 0, artifact: { kind: 'llm_prompt', content: prompt } });
    steps.push({ kind: 'llm_response', agent: 'forensic_agent', summary: `LLM response (${promptTokens + completionTokens} tokens)`, payload: { model: model.model, resolved_model: model.resolved, tokens_used: promptTokens + completionTokens, cost_source: 'gateway' }, durationMs: prng.int(2500, 24000), tokens: { prompt: promptTokens, completion: completionTokens }, artifact: { kind: 'llm_response', content: response } });
  }
  steps.push({ kind: 'forensic', agent: 'forensic_agent', summary: `Root cause: ${rootCause}`, payload: { root_cause_hypothesis: rootCause, blast_radius: host, confidence }, durationMs: prng.int(100, 900) });
  steps.push({ kind: 'decision_reason', agent: 'forensic_agent', summary: `${verdict} (conf=${confidence.toFixed(2)})`, payload: { decision: verdict, reason: response, confidence, alternatives: ['false_positive', 'needs_more_data'].filter((v) => v !== verdict) }, durationMs: 0 });
  if (prng.bool(0.7)) {
    const actions = (lead?.recommendedActions ?? []).map((a) => ({ action: a.action, risk: a.risk, dry_run: true }));
    steps.push({ kind: 'responder', agent: 'responder_agent', summary: `Containment plan: ${actions.length} action(s), dry run`, payload: { recommended_actions: actions, dry_run: true, risk_level: c.severity === 'critical' ? 'high' : 'medium' }, durationMs: prng.int(300, 4000) });
  }
  const report = `# ${c.caseNumber} — ${c.title}\n\n**Verdict:** ${verdict} (confidence ${confidence})\n\n## Summary\n${response}\n\n## Alerts\n${alerts.map((a) => `- ${a.title} (${a.severity})`).join('\n')}\n\n## Recommended actions\n${(lead?.recommendedActions ?? []).map((a) => `${a.priority}. ${a.action}`).join('\n')}\n`;
  steps.push({ kind: 'report', agent: 'report_writer', summary: `Report written: ${verdict}`, payload: { verdict, confidence }, durationMs: prng.int(800, 6000), artifact: { kind: 'report_md', content: report } });
  return { model, verdict, steps };
}

/** Turns one planned step into a ledger event (and its artifact), as the agents service records it. */
export function recordStep(prng: Prng, runId: string, seq: number, atMs: number, step: PlannedStep): { event: RunEvent; artifact: RunArtifact | null } {
  const id = prng.uuid();
  const body = JSON.stringify(step.payload ?? {});
  const event: RunEvent = {
    id,
    seq,
    atMs,
    kind: step.kind,
    agent: step.agent,
    summary: step.summary,
    payload: step.payload,
    inputHash: step.kind === 'evidence_cited' || step.kind === 'decision_reason' ? null : sha256Hex(`${runId}:${seq}:in:${body}`),
    outputHash: step.kind === 'llm_prompt' ? null : sha256Hex(`${runId}:${seq}:out:${body}`),
    durationMs: step.durationMs,
  };
  const artifact: RunArtifact | null = step.artifact
    ? { id: prng.uuid(), kind: step.artifact.kind, sha256: sha256Hex(step.artifact.content), sizeBytes: Buffer.byteLength(step.artifact.content), eventId: id, createdAtMs: atMs + step.durationMs, content: step.artifact.content, blobRef: null }
    : null;
  return { event, artifact };
}

export function modelCostsOf(plan: InvestigationPlan, steps: PlannedStep[]): ModelCost[] {
  const calls = steps.filter((s) => s.tokens);
  if (calls.length === 0) return [];
  const prompt = calls.reduce((sum, s) => sum + (s.tokens?.prompt ?? 0), 0);
  const completion = calls.reduce((sum, s) => sum + (s.tokens?.completion ?? 0), 0);
  return [
    {
      model: plan.model.model,
      resolvedModel: plan.model.resolved,
      promptTokens: prompt,
      completionTokens: completion,
      costUsd: Math.round((prompt * plan.model.inPrice + completion * plan.model.outPrice) * 1e6) / 1e6,
      latencyMs: calls.reduce((sum, s) => sum + s.durationMs, 0),
      callCount: calls.length,
    },
  ];
}

const FAILURES = ['LLM gateway timeout after 120s (forensic_agent)', 'Token budget exceeded: 200000 tokens', 'lake_query failed: lake backend not configured'];

export function buildRuns(seed: string, tenantId: string, cases: Case[], alerts: Alert[], statuses: RunStatus[]): InvestigationRun[] {
  const prng = new Prng(seed, `runs:${tenantId}`);
  const candidates = prng.sample(cases, statuses.length);
  return statuses.map((status, i) => {
    const c = candidates[i % candidates.length] as Case;
    const caseAlerts = alerts.filter((a) => c.alertIds.includes(a.id));
    const plan = planInvestigation(prng, c, caseAlerts);
    const runId = prng.uuid();
    const startedAtMs = Math.max(c.openedAtMs + prng.int(5, 90) * MINUTE, c.openedAtMs) - (status === 'running' ? 0 : prng.int(0, 2) * DAY);
    const cut = status === 'completed' ? plan.steps.length : prng.int(2, Math.max(2, plan.steps.length - 2));
    const taken = plan.steps.slice(0, cut);
    const events: RunEvent[] = [];
    const artifacts: RunArtifact[] = [];
    let at = startedAtMs;
    taken.forEach((step, index) => {
      at += prng.int(200, 3000);
      const { event, artifact } = recordStep(prng, runId, index + 1, at, step);
      events.push(event);
      if (artifact) artifacts.push(artifact);
      at += step.durationMs;
    });
    const error = status === 'failed' ? prng.pick(FAILURES) : null;
    if (error) {
      at += prng.int(100, 1000);
      events.push(recordStep(prng, runId, events.length + 1, at, { kind: 'error', agent: 'orchestrator', summary: error, payload: { error }, durationMs: 0 }).event);
    }
    const costs = modelCostsOf(plan, taken);
    return {
      id: runId,
      tenantId,
      caseId: c.id,
      status,
      model: plan.model.model,
      iterations: Math.max(1, Math.ceil(events.length / 3)),
      totalTokens: costs.reduce((sum, m) => sum + m.promptTokens + m.completionTokens, 0),
      totalCostUsd: costs.reduce((sum, m) => sum + m.costUsd, 0),
      startedAtMs,
      completedAtMs: status === 'running' ? null : at,
      error,
      alertSummary: `${c.title}\n${caseAlerts.length} correlated alert(s) on this case.`,
      verdict: status === 'completed' ? plan.verdict : null,
      events,
      artifacts,
      modelCosts: costs,
    };
  });
}
