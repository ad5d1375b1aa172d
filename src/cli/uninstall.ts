import { Option, type Command } from 'commander';
import { processHostContext } from '../hosts/platform.js';
import { HOST_IDS } from '../hosts/registry.js';
import { SCOPES, type Scope } from '../hosts/types.js';
import { SERVER_NAME } from './install.js';
import { UsageError } from './usage-error.js';

interface UninstallFlags {
  host?: string;
  all?: boolean;
  scope?: Scope;
  name: string;
  forgetKey?: boolean;
  insiders?: boolean;
  dryRun?: boolean;
  yes?: boolean;
}

export function registerUninstallCommand(program: Command): void {
  program
    .command('uninstall')
    .description("remove socbridge's entry from an MCP host's config, leaving everything else as it was")
    .option('--host <id>', `the host: ${HOST_IDS.join(', ')}`)
    .option('--all', 'every host whose config directory exists on this machine')
    .addOption(new Option('--scope <scope>', 'user (default), project or local').choices(SCOPES))
    .option('--name <name>', 'the server name in the host config', 'socbridge')
    .option('--forget-key', 'also delete the profile (and API key) the entry used from socbridge\'s store')
    .option('--insiders', 'VS Code Insiders instead of VS Code (vscode, cline)')
    .option('--dry-run', 'print exactly what would change and where; write nothing')
    .option('-y, --yes', "don't ask before removing a same-named entry that is not socbridge's")
    .action(async (flags: UninstallFlags) => {
      if (!SERVER_NAME.test(flags.name)) throw new UsageError(`--name must be letters, digits, ".", "_" or "-" (got "${flags.name}")`);
      const ctx = processHostContext({ insiders: flags.insiders ?? false });
      const [{ uninstall }, { printUninstall, stdoutPrinter }, { terminalConfirm }] = await Promise.all([
        import('../hosts/uninstall.js'),
        import('./host-output.js'),
        import('./confirm.js'),
      ]);
      const confirm = terminalConfirm();
      const report = await uninstall(
        {
          ...(flags.host !== undefined ? { host: flags.host } : {}),
          all: flags.all ?? false,
          ...(flags.scope ? { scope: flags.scope } : {}),
          name: flags.name,
          forgetKey: flags.forgetKey ?? false,
          dryRun: flags.dryRun ?? false,
          yes: flags.yes ?? false,
        },
        { ctx, ...(confirm ? { confirm } : {}) },
      );
      printUninstall(report, flags.name, stdoutPrinter(ctx.home));
      if (report.outcomes.some((o) => o.action === 'failed')) process.exitCode = 1;
    });
}
