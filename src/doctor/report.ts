import type { ChalkInstance } from 'chalk';
import { VERSION } from '../version.js';
import type { CheckStatus, DoctorReport } from './types.js';

/**
 * `--json`: exactly `{ok, checks: [{id, status, summary, fix?, ms}]}`, the contract scripts rely on
 * (documented in the README); nothing else is ever printed on stdout with --json.
 */
export function renderJson(report: DoctorReport): string {
  const checks = report.checks.map((c) => ({ id: c.id, status: c.status, summary: c.summary, ...(c.fix ? { fix: c.fix } : {}), ms: c.ms }));
  return `${JSON.stringify({ ok: report.ok, checks }, null, 2)}\n`;
}

/** One line per check (status, id, evidence, time), a `fix:` line under each that is not ok, then the tally. */
export function renderHuman(report: DoctorReport, colour: ChalkInstance): string {
  const paint: Record<CheckStatus, (text: string) => string> = { ok: colour.green, warn: colour.yellow, fail: colour.red.bold };
  const width = Math.max(...report.checks.map((c) => c.id.length));
  const indent = ' '.repeat(6 + width + 2);
  const lines = [colour.bold(`socbridge doctor ${VERSION}`), ''];
  for (const check of report.checks) {
    lines.push(`${paint[check.status](check.status.padEnd(4))}  ${check.id.padEnd(width)}  ${check.summary} ${colour.dim(`(${check.ms} ms)`)}`);
    if (check.fix) lines.push(`${indent}${colour.cyan('fix:')} ${check.fix}`);
  }
  const count = (status: CheckStatus) => report.checks.filter((c) => c.status === status).length;
  const tally = `${count('ok')} ok, ${count('warn')} warn, ${count('fail')} fail`;
  lines.push('', report.ok ? colour.green(`${tally}: ready`) : colour.red(`${tally}: fix the failures above, in order`));
  return `${lines.join('\n')}\n`;
}
