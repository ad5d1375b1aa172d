import type { Command } from 'commander';
import { runCommands } from './run.js';

// One `register*` per subcommand file keeps this the table of contents of the CLI.
import { registerServeCommand } from './serve.js';
import { registerSandboxCommand } from './sandbox.js';
import { registerToolsCommand } from './tools.js';
import { registerCallCommand } from './call.js';
import { registerDemoCommand } from './demo.js';
import { registerInstallCommand } from './install.js';
import { registerUninstallCommand } from './uninstall.js';
import { registerListPathsCommand } from './list-paths.js';
import { registerDoctorCommand } from './doctor.js';

const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerServeCommand,
  registerToolsCommand,
  registerCallCommand,
  registerSandboxCommand,
  registerDemoCommand,
  registerInstallCommand,
  registerUninstallCommand,
  registerListPathsCommand,
  registerDoctorCommand,
];

/** Runs the CLI; resolves to the process exit code. */
export function runCli(argv: string[]): Promise<number> {
  return runCommands(argv, COMMANDS);
}

