import type { Command } from 'commander';
import type { SettingFlags } from '../config/settings.js';

export function registerToolsCommand(program: Command): void {
  program
    .command('tools')
    .description('print the tool catalog: name, read-only or write, scope, what it does')
    .option('--backend <id>', 'backend whose catalog to print (default: as serve would resolve it)')
    .option('--read-only', 'only the tools --read-only would serve')
    .option('--tools <names>', 'only these tools, comma-separated')
    .option('--exclude-tools <names>', 'without these tools, comma-separated')
    .option('--json', 'one JSON array on stdout, for scripts')
    .action(async (flags: SettingFlags & { json?: boolean }) => {
      const [{ resolveSettings }, { loadConnector }, { selectTools }] = await Promise.all([
        import('../config/settings.js'),
        import('../connectors/registry.js'),
        import('../server/select-tools.js'),
      ]);
      const { values } = await resolveSettings(flags);
      const connector = await loadConnector(values.backend);
      const rows = selectTools(connector, values).map((t) => ({
        name: t.name,
        access: t.writes ? 'write' : 'read-only',
        scope: t.scope,
        title: t.title,
        description: firstSentence(t.description),
      }));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(rows)}\n`);
        return;
      }
      const width = Math.max(...rows.map((r) => r.name.length));
      const scopeWidth = Math.max(...rows.map((r) => r.scope.length));
      for (const r of rows) {
        process.stdout.write(`${r.name.padEnd(width)}  ${r.access.padEnd(9)}  ${r.scope.padEnd(scopeWidth)}  ${r.description}\n`);
      }
      process.stdout.write(`\n${rows.length} ${connector.label} tools. Run one: socbridge call <tool> key=value …\n`);
    });
}

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/s.exec(text.trim());
  return (match?.[1] ?? text).replace(/\s+/g, ' ');
}
