import { Chalk, type ChalkInstance } from 'chalk';
import type { HostOutcome, InstallReport } from '../hosts/install.js';
import type { PathsReport, PathStatus } from '../hosts/status.js';
import { displayPath } from '../hosts/document.js';
import type { UninstallReport } from '../hosts/uninstall.js';

/** Human output of install, uninstall and list-paths: what was written where, in a few lines. */
export interface Printer {
  write(text: string): void;
  colour: ChalkInstance;
  home: string;
}

export function stdoutPrinter(home: string, env: NodeJS.ProcessEnv = process.env): Printer {
  const colourful = process.stdout.isTTY === true && !env.NO_COLOR;
  return { write: (text) => process.stdout.write(text), colour: new Chalk({ level: colourful ? 1 : 0 }), home };
}

const VERBS: Record<HostOutcome['action'], (name: string, dryRun: boolean) => string> = {
  created: (n, d) => (d ? `would create the file with "${n}"` : `created the file with "${n}"`),
  added: (n, d) => (d ? `would add "${n}"` : `added "${n}"`),
  updated: (n, d) => (d ? `would update "${n}"` : `updated "${n}"`),
  unchanged: () => 'already configured',
  removed: (n, d) => (d ? `would remove "${n}"` : `removed "${n}"`),
  deleted: (n, d) => (d ? `would delete the file (it only held "${n}")` : `deleted the file (it only held "${n}")`),
  absent: (n) => `no "${n}" entry`,
  snippet: () => 'add this snippet in the app',
  failed: () => 'failed',
};

export function printInstall(report: InstallReport, name: string, p: Printer): void {
  const { colour } = p;
  const profile = report.profile;
  const key = profile.key ? ` (key ${profile.key})` : ' (no key)';
  const profileVerb = profile.action === 'unchanged' ? 'is up to date' : report.dryRun ? 'would be saved' : 'saved';
  p.write(`${colour.green('✓')} profile "${profile.name}" ${profileVerb} in ${tilde(profile.file, p.home)}${key}\n`);
  for (const outcome of report.outcomes) printOutcome(outcome, name, report.dryRun, p, true);
  if (report.dryRun) p.write(colour.dim('dry run: nothing was written\n'));
}

export function printUninstall(report: UninstallReport, name: string, p: Printer): void {
  for (const outcome of report.outcomes) printOutcome(outcome, name, report.dryRun, p, false);
  for (const profile of report.forgotten) p.write(`${p.colour.green('✓')} profile "${profile}" ${report.dryRun ? 'would be deleted' : 'deleted'} with its key\n`);
  for (const warning of report.warnings) p.write(`${p.colour.yellow('!')} ${warning}\n`);
  if (report.dryRun) p.write(p.colour.dim('dry run: nothing was written\n'));
}

function printOutcome(outcome: HostOutcome, name: string, dryRun: boolean, p: Printer, installing: boolean): void {
  const { colour } = p;
  const label = `${outcome.host.label}${outcome.scope && outcome.scope !== 'user' ? ` (${outcome.scope})` : ''}`;
  if (outcome.action === 'failed') {
    p.write(`${colour.red('✗')} ${label}: ${outcome.error ?? 'failed'}\n`);
    return;
  }
  const mark = outcome.action === 'unchanged' || outcome.action === 'absent' ? colour.dim('•') : colour.green('✓');
  if (outcome.action === 'snippet') {
    p.write(`${colour.dim('•')} ${label}: ${outcome.notes.join(' ')}\n`);
    if (outcome.snippet) p.write(`${outcome.snippet.replace(/^/gm, '    ')}\n`);
    return;
  }
  const arrow = dryRun || outcome.action === 'absent' || outcome.action === 'unchanged' ? 'in' : '→';
  const where = outcome.file ? ` ${arrow} ${tilde(outcome.file, p.home)}` : '';
  p.write(`${mark} ${label}: ${VERBS[outcome.action](name, dryRun)}${where}\n`);
  for (const line of outcome.diff ?? []) {
    const text = `    ${line.kind} ${line.text}\n`;
    p.write(line.kind === '+' ? colour.green(text) : line.kind === '-' ? colour.red(text) : colour.dim(text));
  }
  if (outcome.private) p.write(colour.dim('  file mode set to 0600: it holds a secret\n'));
  if (outcome.backup) p.write(colour.dim(`  original kept in ${tilde(outcome.backup, p.home)}\n`));
  for (const note of outcome.notes) p.write(`  note: ${note}\n`);
  if (installing && !dryRun && outcome.host.kind === 'file' && outcome.action !== 'unchanged') p.write(`  next: ${outcome.host.reload}\n`);
}

export function printPaths(report: PathsReport, p: Printer): void {
  const header = ['HOST', 'SCOPE', 'CONFIG FILE', 'STATUS'];
  const cells = report.rows.map((row) => [row.label, row.scope ?? '-', fileColumn(row, p.home), status(row)]);
  // The last column is not padded, so a long status does not widen the table.
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => (i < 3 ? (r[i] as string).length : 0))));
  const line = (values: string[]) => values.map((c, i) => (i < 3 ? c.padEnd(widths[i] as number) : c)).join('  ').trimEnd();
  p.write(`${p.colour.bold(line(header))}\n`);
  report.rows.forEach((row, index) => {
    const text = line(cells[index] as string[]);
    p.write(`${row.error ? p.colour.red(text) : row.configured ? p.colour.green(text) : text}\n`);
  });
  for (const warning of report.warnings) p.write(`${p.colour.yellow('!')} ${warning}\n`);
}

function fileColumn(row: PathStatus, home: string): string {
  if (!row.file) return '(set in the app; install prints a snippet)';
  const inner = row.container && row.container.length > 1 ? ` › ${displayPath(row.container.slice(0, -1))}` : '';
  return tilde(row.file, home) + inner;
}

function status(row: PathStatus): string {
  if (row.error) return `unreadable: ${row.error}`;
  if (!row.file) return '-';
  if (!row.exists) return 'no file';
  if (!row.configured) return 'not configured';
  return row.servers
    .map((s) => {
      const parts = [s.version ? `socbridge ${s.version}` : 'socbridge', s.backend, s.profile ? `profile ${s.profile}` : undefined, s.keyInConfig ? 'key in file' : undefined];
      return `${s.name === 'socbridge' ? '' : `"${s.name}": `}${parts.filter(Boolean).join(' · ')}`;
    })
    .join('; ');
}

export function tilde(file: string, home: string): string {
  return home && (file === home || file.startsWith(home + '/') || file.startsWith(home + '\\')) ? `~${file.slice(home.length)}` : file;
}
