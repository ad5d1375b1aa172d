import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/cli.js';

/** Starts `socbridge sandbox …`, waits for its first stdout output, and returns it with the process. */
async function startCli(args: string[]) {
  const child = spawnCli(['sandbox', ...args]);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (stdout.includes('\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited early (${code}): ${stderr}`)));
  });
  // Give a multi-line banner time to finish arriving.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { child, stdout: () => stdout, stderr: () => stderr };
}

describe('socbridge sandbox', () => {
  it('--json prints exactly one JSON line, serves until SIGINT, and exits 0', async () => {
    const { child, stdout } = await startCli(['--json', '--seed', 'cli-test', '--latency-ms', '1']);
    const lines = stdout().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const info = JSON.parse(lines[0]!) as { url: string; keys: Record<string, string>; seed: string };
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.seed).toBe('cli-test');
    expect(Object.keys(info.keys).sort()).toEqual(['alertsOnly', 'expired', 'full', 'readOnly', 'revoked']);
    const reply = await fetch(`${info.url}/api/v1/cases/INC-001`, { headers: { authorization: `Bearer ${info.keys.full}` } });
    expect(reply.status).toBe(200);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stdout().split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('prints the URL, both keys and a ready-to-run serve line', async () => {
    const { child, stdout } = await startCli(['--seed', 'cli-test']);
    const text = stdout();
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(text)?.[0];
    expect(url).toBeDefined();
    const keys = text.match(/aisoc_[0-9a-f]{48}/g) ?? [];
    expect(new Set(keys).size).toBe(2);
    expect(text).toContain(`SOCBRIDGE_URL=${url} SOCBRIDGE_API_KEY=${keys[0]} socbridge serve`);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('rejects bad flag values with exit 2, naming the flag and the accepted form', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
      [['--port', 'abc'], /--port must be/],
      [['--error-rate', '1.5'], /--error-rate must be a number from 0 to 1/],
      [['--error-rate', '-0.1'], /--error-rate must be/],
      [['--latency-ms', '-5'], /--latency-ms must be a whole number/],
      [['--rate-limit', '2.5'], /--rate-limit must be a whole number/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(['sandbox', ...args]);
      expect({ code: result.code, stdout: result.stdout }, args.join(' ')).toEqual({ code: 2, stdout: '' });
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
  });
});
