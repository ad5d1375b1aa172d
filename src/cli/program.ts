import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { UsageError } from './usage-error.js';

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

export function buildProgram(): Command {
  const program = new Command('socbridge')
    .description('The MCP bridge for security operations platforms.')
    .version(VERSION, '-V, --version')
    .exitOverride();

  registerServeCommand(program);
  registerToolsCommand(program);
  registerCallCommand(program);
  registerSandboxCommand(program);
  registerDemoCommand(program);
  registerInstallCommand(program);
  registerUninstallCommand(program);
  registerListPathsCommand(program);
  registerDoctorCommand(program);
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return exitCodeFor(error, program, argv);
  }
}

function exitCodeFor(error: unknown, program: Command, argv: string[]): number {
  if (error instanceof CommanderError) {
    // --help and --version are "errors" to commander but successes to the user.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return 0;
    // commander already printed its one-line message; add the usage line it would not.
    process.stderr.write(`${usageLine(program, argv)}\n`);
    return 2;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`socbridge: ${error.message}\n${usageLine(program, argv)}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`socbridge: ${message}\n`);
  return 1;
}

function usageLine(program: Command, argv: string[]): string {
  const active = program.commands.find((c) => c.name() === argv[0]);
  const name = active ? `socbridge ${active.name()}` : 'socbridge';
  return `usage: ${name} ${(active ?? program).usage()} (socbridge ${active ? `${active.name()} ` : ''}--help for details)`;
}
