import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/cli.js';

describe('the CLI as a command-line tool', () => {
  it('stops quietly when the reader of its output has gone away (socbridge call … | head -c 10)', async () => {
    const child = spawnCli(['call', 'aisoc_list_alerts', 'page_size=5', '--sandbox']);
    // The reader leaves before the result is written, as `head` does once it has its bytes.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });

  it('prints its version and exits 0', async () => {
    const result = await runCli(['--version']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 with a usage line on an unknown flag', async () => {
    const result = await runCli(['tools', '--frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: unknown option '--frobnicate'");
    expect(result.stderr).toContain('usage: socbridge tools [options]');
    expect(result.stdout).toBe('');
  });
});
