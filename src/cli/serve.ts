import type { Command } from 'commander';
import { SETTING_FLAGS } from '../config/flags.js';
import type { SettingFlags } from '../config/settings.js';

export function registerServeCommand(program: Command): void {
  const command = program
    .command('serve')
    .description('speak MCP over stdio (what hosts launch); logs go to stderr only');
  for (const flag of SETTING_FLAGS) {
    if (flag.repeatable) command.option(flag.flags, flag.description, (value: string, all: string[] = []) => [...all, value]);
    else command.option(flag.flags, flag.description);
  }
  command
    .option('--sandbox', 'bridge to a built-in sandbox on 127.0.0.1 (try socbridge without a backend)')
    .action(async (flags: SettingFlags & { sandbox?: boolean }) => {
      const { capYoungGeneration, preferSmallHeap } = await import('../server/heap.js');
      preferSmallHeap();
      capYoungGeneration();
      const { runStdioServer } = await import('../server/stdio.js');
      await runStdioServer(flags);
    });
}
