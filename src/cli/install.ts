import { Option, type Command } from 'commander';
import { BACKEND_IDS } from '../config/flags.js';
import { installedScriptPath, LAUNCHERS, type Launcher } from '../hosts/entry.js';
import { processHostContext } from '../hosts/platform.js';
import { findHost, HOST_IDS } from '../hosts/registry.js';
import { SCOPES, type Scope } from '../hosts/types.js';
import { VERSION } from '../version.js';
import { printPathsCommand } from './list-paths.js';
import { UsageError } from './usage-error.js';

interface InstallFlags {
  host?: string;
  all?: boolean;
  scope?: Scope;
  name: string;
  backend?: string;
  url?: string;
  apiKey?: string;
  profile?: string;
  launcher: Launcher;
  secretInConfig?: boolean;
  insiders?: boolean;
  dryRun?: boolean;
  listPaths?: boolean;
  json?: boolean;
  yes?: boolean;
}

export const SERVER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function registerInstallCommand(program: Command): void {
  program
    .command('install')
    .description("add socbridge to an MCP host's config, touching only its own entry (see --dry-run)")
    .option('--host <id>', `the host to configure: ${HOST_IDS.join(', ')}`)
    .option('--all', 'configure every host whose config directory exists on this machine')
    .addOption(new Option('--scope <scope>', 'user (default), project (a file in this directory, meant to be committed) or local (Claude Code)').choices(SCOPES))
    .option('--name <name>', 'the server name in the host config', 'socbridge')
    .option('--backend <id>', `backend: ${BACKEND_IDS.join(', ')} (default aisoc)`)
    .option('--url <url>', 'base URL of the backend (env SOCBRIDGE_URL)')
    .option('--api-key <key>', "API key, stored in socbridge's profile store, not in the host file (env SOCBRIDGE_API_KEY)")
    .option('--profile <name>', 'profile to store the settings in (default: <backend>-<host of the URL>)')
    .addOption(new Option('--launcher <how>', 'npx: `npx -y socbridge@<version>`; node: absolute node and script paths, for GUI hosts without your shell PATH').choices(LAUNCHERS).default('npx'))
    .option('--secret-in-config', "write the key into the host file's env instead (file set to 0600; refused for project scope)")
    .option('--insiders', 'VS Code Insiders instead of VS Code (vscode, cline)')
    .option('--dry-run', 'print exactly what would change and where; write nothing')
    .option('--list-paths', 'print every host config path and status instead (same as socbridge list-paths)')
    .option('--json', 'with --list-paths: JSON output')
    .option('-y, --yes', "don't ask: replace a same-named entry that is not socbridge's, confirm --all")
    .action(async (flags: InstallFlags) => {
      const ctx = processHostContext({ insiders: flags.insiders ?? false });
      if (flags.listPaths) {
        if (flags.host !== undefined) findHost(flags.host);
        await printPathsCommand(ctx, { name: flags.name, json: flags.json ?? false, ...(flags.host ? { host: flags.host } : {}) });
        return;
      }
      if (!SERVER_NAME.test(flags.name)) throw new UsageError(`--name must be letters, digits, ".", "_" or "-" (got "${flags.name}")`);
      // The editors (yaml, TOML, JSONC) and terminal output load only when install runs.
      const [{ install }, { printInstall, stdoutPrinter }, { terminalConfirm }] = await Promise.all([
        import('../hosts/install.js'),
        import('./host-output.js'),
        import('./confirm.js'),
      ]);
      const confirm = terminalConfirm();
      const report = await install(
        {
          ...(flags.host !== undefined ? { host: flags.host } : {}),
          all: flags.all ?? false,
          ...(flags.scope ? { scope: flags.scope } : {}),
          name: flags.name,
          ...(flags.backend !== undefined ? { backend: flags.backend } : {}),
          ...(flags.url !== undefined ? { url: flags.url } : {}),
          ...(flags.apiKey !== undefined ? { apiKey: flags.apiKey } : {}),
          ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
          launcher: flags.launcher,
          secretInConfig: flags.secretInConfig ?? false,
          dryRun: flags.dryRun ?? false,
          yes: flags.yes ?? false,
        },
        {
          ctx,
          version: VERSION,
          nodePath: process.execPath,
          scriptPath: installedScriptPath(import.meta.url, process.argv[1]),
          ...(confirm ? { confirm } : {}),
        },
      );
      printInstall(report, flags.name, stdoutPrinter(ctx.home));
      if (report.outcomes.some((o) => o.action === 'failed')) process.exitCode = 1;
    });
}
