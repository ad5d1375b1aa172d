import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { UsageError } from './usage-error.js';

// One `register*` per subcommand file keeps this the table of contents of the CLI.
import { registerServeCommand } from './serve.js';
import { registerSandboxCommand } from './sandbox.js';
import { registerToolsCommand } from './tools.js';
import { registerCallCommand } from './call.js';

export function buildProgram(): Command {
  const program = new Command('socbridge')
    .description('The MCP bridge for security operations platforms.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  registerServeCommand(program);
  registerToolsCommand(program);
  registerCallCommand(program);
  registerSandboxCommand(program);
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return exitCodeFor(error, program);
  }
}

function exitCodeFor(error: unknown, program: Command): number {
  if (error instanceof CommanderError) {
    // --help and --version are "errors" to commander but successes to the user.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return 0;
    return 2; // commander already printed the message and the usage hint to stderr
  }
  if (error instanceof UsageError) {
    process.stderr.write(`socbridge: ${error.message}\n${usageLine(program)}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`socbridge: ${message}\n`);
  return 1;
}

function usageLine(program: Command): string {
  const active = program.commands.find((c) => process.argv.slice(2).includes(c.name()));
  return `usage: ${(active ?? program).name() === 'socbridge' ? 'socbridge' : `socbridge ${(active ?? program).name()}`} ${(active ?? program).usage()}`;
}
