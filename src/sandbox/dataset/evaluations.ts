import { DATASET_NOW_MS, DAY, HOUR, MINUTE } from './clock.js';
import { Prng } from './prng.js';
import type { ReplayEvaluation } from './types.js';

const VENDORS = [
  ['splunk', 'Splunk ES'],
  ['sentinel', 'Microsoft Sentinel'],
  ['crowdstrike', 'CrowdStrike Falcon'],
  ['elastic', 'Elastic Security'],
] as const;

/**
 * Replay evaluations: the agent re-triages a window of already-closed findings and is graded
 * against the analysts' dispositions. Completed runs carry the stored Markdown report.
 */
export function buildEvaluations(seed: string, tenantId: string, count: number): ReplayEvaluation[] {
  const prng = new Prng(seed, `evaluations:${tenantId}`);
  const statuses = ['completed', 'completed', 'failed', 'running', 'completed', 'completed', 'queued'] as const;
  return Array.from({ length: count }, (_, i) => {
    const status = statuses[i % statuses.length] ?? 'completed';
    const [vendorKey, vendorName] = prng.pick(VENDORS);
    const createdAtMs = DATASET_NOW_MS - (count - i) * 3 * DAY - prng.int(0, 20) * HOUR;
    const windowEndMs = createdAtMs - prng.int(1, 6) * HOUR;
    const windowStartMs = windowEndMs - 90 * DAY;
    const read = prng.int(180, 1900);
    const labelled = Math.floor(read * (0.6 + prng.next() * 0.3));
    const graded = status === 'completed' ? Math.floor(labelled * 0.3) : status === 'running' ? Math.floor(labelled * 0.1) : 0;
    const maliciousSupport = Math.floor(graded * (0.05 + prng.next() * 0.2));
    const thin = maliciousSupport < 30;
    const accuracy = status === 'completed' && !thin ? Math.round((0.82 + prng.next() * 0.15) * 1000) / 1000 : null;
    const recall = status === 'completed' && maliciousSupport > 0 ? Math.round((0.7 + prng.next() * 0.28) * 1000) / 1000 : null;
    const startedAtMs = status === 'queued' ? null : createdAtMs + prng.int(1, 30) * 1000;
    const completedAtMs = status === 'completed' || status === 'failed' ? (startedAtMs ?? createdAtMs) + prng.int(8, 95) * MINUTE : null;
    const withheld = status === 'completed' && thin ? `Only ${maliciousSupport} malicious findings were graded; the headline needs at least 30.` : null;
    const bootstrapSeed = 20240611;
    const score = status === 'completed'
      ? { accuracy, malicious_recall: recall, benign_precision: Math.round((0.85 + prng.next() * 0.14) * 1000) / 1000, confusion: { tp: maliciousSupport - Math.floor(maliciousSupport * 0.1), fn: Math.floor(maliciousSupport * 0.1), fp: prng.int(2, 20), tn: graded - maliciousSupport }, ci95: accuracy === null ? null : [Math.round((accuracy - 0.03) * 1000) / 1000, Math.round(Math.min(0.999, accuracy + 0.03) * 1000) / 1000] }
      : null;
    return {
      id: prng.uuid(),
      tenantId,
      status,
      error: status === 'failed' ? `${vendorName} returned 401 while paging findings: stored credentials were rejected` : null,
      connectorId: prng.uuid(),
      vendor: vendorKey,
      windowStartMs,
      windowEndMs,
      trainFraction: 0.7,
      bootstrapSeed,
      bootstrapResamples: 2000,
      findingsRead: status === 'queued' ? 0 : read,
      findingsLabelled: status === 'queued' ? 0 : labelled,
      decisionsRecorded: graded,
      graded,
      maliciousSupport,
      headlineAccuracy: accuracy,
      headlineWithheldReason: withheld,
      maliciousRecall: recall,
      createdAtMs,
      startedAtMs,
      completedAtMs,
      score,
      method: status === 'completed' ? { split: 'time', train_fraction: 0.7, bootstrap: { seed: bootstrapSeed, resamples: 2000 }, labels: 'analyst dispositions', model: 'claude-sonnet-4-5' } : null,
      reportMarkdown:
        status === 'completed'
          ? `# Replay evaluation — ${vendorName}\n\nWindow: ${new Date(windowStartMs).toISOString().slice(0, 10)} → ${new Date(windowEndMs).toISOString().slice(0, 10)} (train fraction 0.7)\n\n| Metric | Value |\n|---|---|\n| Findings read | ${read} |\n| Labelled | ${labelled} |\n| Graded | ${graded} |\n| Malicious support | ${maliciousSupport} |\n| Headline accuracy | ${accuracy ?? 'withheld'} |\n| Malicious recall | ${recall ?? 'n/a'} |\n\n${withheld ?? 'The headline is reported with a 95% bootstrap interval (2000 resamples).'}\n`
          : null,
    };
  });
}
