import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { UsageError } from './usage-error.js';

/**
 * The program every entry point shares: program.ts passes the whole table of contents, the
 * serve bundle (serve-main.ts) only `serve`, so its exit codes and usage lines are the same.
 */
function buildProgram(commands: ReadonlyArray<(program: Command) => void>): Command {
  const program = new Command('socbridge')
    .description('The MCP bridge for security operations platforms.')
    .version(VERSION, '-V, --version')
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

/** Runs `argv` against a program with these commands; resolves to the process exit code. */
export async function runCommands(argv: string[], commands: ReadonlyArray<(program: Command) => void>): Promise<number> {
  const program = buildProgram(commands);
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

/** Runs a CLI entry as the process: argv in, exit code out, and a quiet stop when stdout's reader goes away. */
export function runAsProcess(run: (argv: string[]) => Promise<number>): void {
  // A reader that goes away (`socbridge tools | head`, a host that closed our pipe) is not an
  // error worth a stack trace: stop quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  // Leave exit to the event loop when serving (stdin close ends it); set the code for everyone else.
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
