// Fails CI when the package would ship runtime dependencies or files beyond dist/, bin/ and docs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const problems = [];
if (pkg.dependencies && Object.keys(pkg.dependencies).length) problems.push(`runtime dependencies: ${Object.keys(pkg.dependencies).join(', ')}`);
const [report] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8' }));
const allowed = /^(dist\/|bin\/|README\.md$|CHANGELOG\.md$|LICENSE$|package\.json$)/;
for (const file of report.files) if (!allowed.test(file.path)) problems.push(`unexpected file in package: ${file.path}`);
if (!report.files.some((f) => f.path === 'dist/cli.js')) problems.push('dist/cli.js missing from package');
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`package ok: ${report.files.length} files, ${(report.size / 1024).toFixed(0)} kB packed, no runtime dependencies`);
