import type { Command } from 'commander';
import { SETTING_FLAGS } from '../config/flags.js';
import type { SettingFlags } from '../config/settings.js';
import { UsageError } from './usage-error.js';

export function registerCallCommand(program: Command): void {
  const command = program
    .command('call')
    .description('run one tool through the same code path as serve and print its result (exit 1 on an error result)')
    .argument('<tool>', 'tool name, as `socbridge tools` lists it')
    .argument('[arguments...]', 'arguments as key=value (values parsed as JSON when they are JSON, else strings)');
  for (const flag of SETTING_FLAGS) command.option(flag.flags, flag.description);
  command
    .option('--args <json>', 'arguments as one JSON object (merged under key=value pairs)')
    .option('--sandbox', 'call the built-in sandbox instead of a backend')
    .option('--json', 'print the compact JSON text exactly as the model would see it')
    .action(async (tool: string, pairs: string[], flags: SettingFlags & { args?: string; sandbox?: boolean; json?: boolean }) => {
      process.exitCode = await call(tool, pairs, flags);
    });
}

async function call(tool: string, pairs: string[], flags: SettingFlags & { args?: string; sandbox?: boolean; json?: boolean }): Promise<number> {
  const args = { ...parseArgsJson(flags.args), ...parsePairs(pairs) };
  // The bridge is loaded only when a command runs, so declaring the CLI stays cheap.
  const [{ z }, { resolveSettings }, { createBridge }, { executeTool }, { createLogger }, { useEmbeddedSandbox }] = await Promise.all([
    import('zod'),
    import('../config/settings.js'),
    import('../server/bridge.js'),
    import('../server/execute.js'),
    import('../server/logger.js'),
    import('../sandbox/embedded.js'),
  ]);
  const configured = await resolveSettings(flags);
  const { resolved, sandbox } = flags.sandbox ? await useEmbeddedSandbox(configured) : { resolved: configured, sandbox: undefined };
  try {
    const bridge = await createBridge(resolved, { env: process.env, logger: createLogger({ verbose: resolved.values.verbose }) });
    try {
      const spec = bridge.tools.find((t) => t.name === tool);
      if (!spec) throw new UsageError(`unknown or hidden tool "${tool}"; available: ${bridge.tools.map((t) => t.name).join(', ')}`);
      const parsed = spec.input.safeParse(args);
      if (!parsed.success) {
        process.stderr.write(`socbridge: invalid arguments for ${tool}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}\n`);
        return 2;
      }
      const result = await executeTool(bridge, spec, parsed.data, { signal: new AbortController().signal });
      const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
      if (result.isError) {
        process.stderr.write(`${text}\n`);
        return 1;
      }
      process.stdout.write(flags.json ? `${text}\n` : `${JSON.stringify(result.structuredContent, null, 2)}\n`);
      return 0;
    } finally {
      await bridge.close();
    }
  } finally {
    await sandbox?.close();
  }
}

function parseArgsJson(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError('--args must be a JSON object, e.g. --args \'{"severity":"high"}\'');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UsageError('--args must be a JSON object, e.g. --args \'{"severity":"high"}\'');
  return value as Record<string, unknown>;
}

function parsePairs(pairs: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`argument "${pair}" must be key=value`);
    const raw = pair.slice(eq + 1);
    out[pair.slice(0, eq)] = parseValue(raw);
  }
  return out;
}

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
