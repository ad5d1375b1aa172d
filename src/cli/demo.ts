import type { Command } from 'commander';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run a short triage against the built-in sandbox through the real MCP path and print the transcript')
    .action(async () => {
      // The MCP client is only needed here: load it on demand so `serve` never pays for it.
      const { runDemo } = await import('../demo/run-demo.js');
      process.exitCode = await runDemo({ bin: process.argv[1] ?? 'socbridge' });
    });
}
