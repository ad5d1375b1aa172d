import type { Command } from 'commander';
import type { HostContext } from '../hosts/platform.js';
import { processHostContext } from '../hosts/platform.js';
import { findHost } from '../hosts/registry.js';

export function registerListPathsCommand(program: Command): void {
  program
    .command('list-paths')
    .description('show every MCP host config path on this machine and whether socbridge is configured there')
    .option('--host <id>', 'only this host')
    .option('--name <name>', 'the server name to look for in project block files (Continue)', 'socbridge')
    .option('--insiders', 'VS Code Insiders paths for vscode and cline')
    .option('--json', 'JSON output, for scripts')
    .action(async (flags: { host?: string; name: string; insiders?: boolean; json?: boolean }) => {
      if (flags.host !== undefined) findHost(flags.host);
      const ctx = processHostContext({ insiders: flags.insiders ?? false });
      await printPathsCommand(ctx, { name: flags.name, json: flags.json ?? false, ...(flags.host ? { host: flags.host } : {}) });
    });
}

export async function printPathsCommand(ctx: HostContext, options: { name: string; json: boolean; host?: string }): Promise<void> {
  const [{ listPaths }, { printPaths, stdoutPrinter }] = await Promise.all([import('../hosts/status.js'), import('./host-output.js')]);
  const report = await listPaths(ctx, options);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ platform: ctx.platform, cwd: ctx.cwd, ...report }, null, 2)}\n`);
    return;
  }
  printPaths(report, stdoutPrinter(ctx.home));
}
