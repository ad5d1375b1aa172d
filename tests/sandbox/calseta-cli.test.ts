import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';

/** Starts `socbridge sandbox …` and resolves with its output once `marker` has arrived. */
async function startCli(args: string[], marker: RegExp) {
  const child = spawnCli(['sandbox', ...args]);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (marker.test(stdout)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited early (${code}): ${stderr}`)));
  });
  return { child, stdout };
}

describe('socbridge sandbox: the Calseta face', () => {
  it('--json carries the Calseta keys, which open the Calseta API', async () => {
    const { child, stdout } = await startCli(['--json', '--seed', 'cli-calseta'], /\n/);
    const info = JSON.parse(stdout.trim()) as { url: string; calsetaKeys: Record<string, string> };
    expect(Object.keys(info.calsetaKeys).sort()).toEqual(['admin', 'agent', 'alertsRead', 'expired', 'readOnly']);
    const reply = await fetch(`${info.url}/v1/alerts?page_size=1`, { headers: { authorization: `Bearer ${info.calsetaKeys.readOnly}` } });
    expect(reply.status).toBe(200);
    child.kill('SIGINT');
    expect((await once(child, 'exit'))[0]).toBe(0);
  });

  it('prints the Calseta base URL with the admin and read-only keys', async () => {
    const { child, stdout } = await startCli(['--seed', 'cli-calseta'], /Ctrl-C stops it/);
    const json = await startCli(['--json', '--seed', 'cli-calseta'], /\n/);
    const { url, calsetaKeys } = JSON.parse(json.stdout.trim()) as { url: string; calsetaKeys: Record<string, string> };
    expect(stdout).toMatch(/Calseta API at http:\/\/127\.0\.0\.1:\d+\/v1\n/);
    expect(stdout).toContain(`admin key        ${calsetaKeys.admin}`);
    expect(stdout).toContain(`read-only key    ${calsetaKeys.readOnly}`);
    expect(stdout).not.toContain(calsetaKeys.agent);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const c of [child, json.child]) {
      c.kill('SIGTERM');
      expect((await once(c, 'exit'))[0]).toBe(0);
    }
  });
});
