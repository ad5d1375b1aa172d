import type { Command } from 'commander';
import { UsageError } from './usage-error.js';

interface SandboxFlags {
  port?: string;
  seed?: string;
  latencyMs?: string;
  errorRate?: string;
  rateLimit?: string;
  vendorLimits?: boolean;
  json?: boolean;
}

export function registerSandboxCommand(program: Command): void {
  program
    .command('sandbox')
    .description('serve a seeded SOC dataset on 127.0.0.1 through the AiSOC and Calseta APIs and MCP over HTTP, to try socbridge without a backend')
    .option('--port <n>', 'port to listen on, 0 for any free port', '0')
    .option('--seed <s>', 'dataset seed: the same seed serves the same data and keys', 'socbridge')
    .option('--latency-ms <n>', 'milliseconds added to every response', '0')
    .option('--error-rate <f>', 'fraction of API requests answered 503, from 0 to 1', '0')
    .option('--rate-limit <n>', 'requests per minute per key before 429, 0 for no limit', '0')
    .option('--no-vendor-limits', "turn off the vendors' own per-key rate limits (Calseta's 600/min), for benchmarks")
    .option('--json', 'print one line of JSON {url, keys, calsetaKeys, mcpKeys, seed} on stdout and nothing else')
    .action(async (flags: SandboxFlags) => {
      await runSandbox(flags);
    });
}

async function runSandbox(flags: SandboxFlags): Promise<void> {
  const options = {
    port: wholeNumber('--port', flags.port, 65535, 'a whole number from 0 to 65535'),
    seed: flags.seed ?? 'socbridge',
    latencyMs: wholeNumber('--latency-ms', flags.latencyMs, Number.MAX_SAFE_INTEGER, 'a whole number of milliseconds ≥ 0'),
    errorRate: fraction('--error-rate', flags.errorRate),
    rateLimit: wholeNumber('--rate-limit', flags.rateLimit, Number.MAX_SAFE_INTEGER, 'a whole number of requests per minute ≥ 0 (0 = off)'),
    vendorRateLimits: flags.vendorLimits ?? true,
  };
  // Loaded only here, so no other command pays for the dataset or the SQL engine.
  const { startSandbox } = await import('../sandbox/index.js');
  const sandbox = await startSandbox(options);

  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ url: sandbox.url, keys: sandbox.keys, calsetaKeys: sandbox.calsetaKeys, mcpKeys: sandbox.mcpKeys, seed: options.seed })}\n`);
  } else {
    process.stdout.write(
      [
        `socbridge sandbox (AiSOC API) at ${sandbox.url}  seed "${options.seed}"`,
        `  full-access key  ${sandbox.keys.full}`,
        `  read-only key    ${sandbox.keys.readOnly}`,
        '',
        `  SOCBRIDGE_URL=${sandbox.url} SOCBRIDGE_API_KEY=${sandbox.keys.full} socbridge serve`,
        '',
        `Calseta API at ${sandbox.url}/v1`,
        `  admin key        ${sandbox.calsetaKeys.admin}`,
        `  read-only key    ${sandbox.calsetaKeys.readOnly}`,
        '',
        `MCP at ${sandbox.url}/mcp (streamable HTTP) and ${sandbox.url}/sse (legacy SSE)`,
        `  full-access key  ${sandbox.mcpKeys.full}`,
        '',
        'These keys come from the seed and unlock only this sandbox. Ctrl-C stops it.',
        '',
      ].join('\n'),
    );
  }

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void sandbox.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function wholeNumber(flag: string, raw: string | undefined, max: number, form: string): number {
  const text = (raw ?? '0').trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value > max) throw new UsageError(`${flag} must be ${form} (got "${raw}")`);
  return value;
}

function fraction(flag: string, raw: string | undefined): number {
  const text = (raw ?? '0').trim();
  const value = Number(text);
  if (text === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`${flag} must be a number from 0 to 1, such as 0.1 (got "${raw}")`);
  return value;
}
