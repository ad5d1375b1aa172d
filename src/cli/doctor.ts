import type { Command } from 'commander';
import { SETTING_FLAGS } from '../config/flags.js';
import { HOST_IDS } from '../hosts/registry.js';

export function registerDoctorCommand(program: Command): void {
  const command = program
    .command('doctor')
    .description('pre-flight check: runtime, settings, URL, DNS, TCP, TLS, health, key and scopes, tools, clock, host configs; exits 1 if anything fails');
  for (const flag of SETTING_FLAGS) command.option(flag.flags, flag.description);
  command
    .option('--host <id>', `check only this host's config files: ${HOST_IDS.join(', ')}`)
    .option('--name <name>', 'the server name install used', 'socbridge')
    .option('--json', 'print one JSON object {ok, checks:[{id, status, summary, fix?, ms}]} and nothing else')
    .action(async (flags: { name: string; host?: string; json?: boolean }) => {
      // Loaded only here, so serve never loads doctor code.
      const { runDoctorCommand } = await import('../doctor/run.js');
      const code = await runDoctorCommand(flags);
      process.exitCode = code;
      // A DNS lookup cannot be cancelled: a resolver that never answers must not hold the process
      // open after the report is out. Unref'd, so a clean exit is not delayed.
      setTimeout(() => process.exit(code), 250).unref();
    });
}
