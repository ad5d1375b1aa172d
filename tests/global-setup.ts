import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** End-to-end tests run the built CLI; rebuild when any source file is newer than the bundle. */
export default function setup(): void {
  // SOCBRIDGE_SKIP_BUILD=1 lets unit-only runs skip the bundle (e2e tests then need a fresh dist/).
  if (process.env.SOCBRIDGE_SKIP_BUILD === '1') return;
  const root = join(import.meta.dirname, '..');
  // Both builds must exist (dist/cli.js for most commands, dist/serve.cjs for serve); the older counts.
  const built = Math.min(mtime(join(root, 'dist', 'cli.js')), mtime(join(root, 'dist', 'serve.cjs')));
  const newest = Math.max(newestIn(join(root, 'src')), mtime(join(root, 'package.json')), mtime(join(root, 'tsup.config.ts')));
  if (built !== 0 && built >= newest) return;
  // As `npm run build` does: tsup runs the builds side by side, so it cleans nothing itself.
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  execFileSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js')], { cwd: root, stdio: 'inherit' });
}

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(full) : mtime(full));
  }
  return newest;
}
