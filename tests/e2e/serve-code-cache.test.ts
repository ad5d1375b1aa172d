import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { connectServe, runCli } from '../helpers/cli.js';

// `serve` through bin/socbridge.js: the launcher compiles dist/serve.cjs through V8's code cache.
// Each start is a fresh process, so V8 itself decides whether it takes the cache; --verbose says.

let sandbox: SandboxHandle;
let dir: string;

beforeAll(async () => {
  const { startSandbox } = await import('../../src/sandbox/index.js');
  sandbox = await startSandbox();
  dir = mkdtempSync(join(tmpdir(), 'socbridge-serve-cache-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const INITIALIZE = `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } })}\n`;

/** One host start: initialize, then stdin closes (serve exits, writing a cache if it had none). */
async function start(cacheDir: string, env: Record<string, string> = {}) {
  const result = await runCli(['serve', '--verbose', '--url', sandbox.url], { input: INITIALIZE, env: { SOCBRIDGE_API_KEY: sandbox.keys.full, SOCBRIDGE_CACHE_DIR: cacheDir, ...env } });
  const answer = JSON.parse(result.stdout.trim()) as { id: number; result: { serverInfo: { name: string } } };
  return { ...result, answer, cacheLine: result.stderr.split('\n').find((l) => l.includes('code cache')) ?? '' };
}

const files = (cacheDir: string) => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.endsWith('.v8cache')) : []);

describe('serve with the code cache', () => {
  it('compiles from source once, writes the cache at exit, and compiles from it afterwards', async () => {
    const cacheDir = join(dir, 'fresh');
    const first = await start(cacheDir);
    expect(first.code).toBe(0);
    expect(first.answer).toMatchObject({ id: 1, result: { serverInfo: { name: 'socbridge' } } });
    expect(first.cacheLine).toMatch(/^\[socbridge\] debug no code cache yet: compiled from source, writing one \(.*serve-[0-9a-f]{8}\.v8cache\)$/);
    expect(files(cacheDir)).toHaveLength(1);
    if (process.platform !== 'win32') expect(statSync(join(cacheDir, files(cacheDir)[0]!)).mode & 0o777).toBe(0o600);

    const second = await start(cacheDir);
    expect(second.cacheLine).toContain('compiled from the code cache');
    expect(second.answer).toMatchObject({ id: 1, result: { serverInfo: { name: 'socbridge' } } });
    // stdout stays JSON-RPC only, whatever the cache did.
    expect(second.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('a cache written 3 s into a session, after serve has retuned its heap, is taken by the next start', async () => {
    const cacheDir = join(dir, 'long');
    // serve changes a V8 flag while it runs (the young-generation cap); V8 refuses caches made under
    // other flags, so the cache must be written under the flags a start compiles with.
    const long = await runCli(['serve', '--verbose', '--url', sandbox.url], {
      input: INITIALIZE,
      keepStdinOpenMs: 3_600,
      env: { SOCBRIDGE_API_KEY: sandbox.keys.full, SOCBRIDGE_CACHE_DIR: cacheDir },
    });
    expect(long.stderr).toContain('no code cache yet');
    expect(files(cacheDir)).toHaveLength(1);
    expect((await start(cacheDir)).cacheLine).toContain('compiled from the code cache');
  });

  it('a served session from the cache answers tools end to end', async () => {
    const cacheDir = join(dir, 'session');
    await start(cacheDir);
    const session = await connectServe(['--url', sandbox.url, '--verbose'], { env: { SOCBRIDGE_API_KEY: sandbox.keys.full, SOCBRIDGE_CACHE_DIR: cacheDir } });
    try {
      const alerts = await session.client.callTool({ name: 'aisoc_list_alerts', arguments: { page_size: 2 } });
      expect(alerts.isError).toBeFalsy();
      expect((alerts.structuredContent as { items: unknown[] }).items).toHaveLength(2);
      expect(session.stderr()).toContain('compiled from the code cache');
    } finally {
      await session.close();
    }
  });

  it.each([
    ['bytes that are no cache at all', (valid: Buffer) => Buffer.alloc(valid.length, 0x5a)],
    // V8 would accept these (it checks no payload checksum in release builds) and abort the process.
    ['a valid cache with flipped bytes in its payload', (valid: Buffer) => Buffer.from(valid.map((b, i) => (i >= 200_000 && i < 200_400 ? b ^ 0xff : b)))],
    ['a cache cut short', (valid: Buffer) => valid.subarray(0, valid.length >> 1)],
  ])('refuses %s, serves anyway, and rewrites it', async (_what, damage) => {
    const cacheDir = join(dir, `damaged-${Math.random().toString(36).slice(2)}`);
    await start(cacheDir);
    const file = join(cacheDir, files(cacheDir)[0]!);
    writeFileSync(file, damage(readFileSync(file)));
    const damaged = await start(cacheDir);
    expect(damaged.code).toBe(0);
    expect(damaged.answer).toMatchObject({ id: 1, result: { serverInfo: { name: 'socbridge' } } });
    expect(damaged.cacheLine).toContain('code cache unusable (made by another Node, damaged, or writable by others): compiled from source, rewriting it');
    expect((await start(cacheDir)).cacheLine).toContain('compiled from the code cache');
  });

  it.skipIf(process.platform === 'win32')('a cache directory others can write is not used: no bytecode from it, none written to it', async () => {
    const cacheDir = join(dir, 'shared');
    await start(cacheDir);
    chmodSync(cacheDir, 0o777);
    const shared = await start(cacheDir);
    expect(shared.answer).toMatchObject({ id: 1, result: { serverInfo: { name: 'socbridge' } } });
    expect(shared.cacheLine).toBe(`[socbridge] debug code cache not used: its directory is not yours alone (owned by another user, or writable by others) (${cacheDir})`);
  });

  it('SOCBRIDGE_CODE_CACHE=0 turns it off: nothing is read or written', async () => {
    const cacheDir = join(dir, 'off');
    const off = await start(cacheDir, { SOCBRIDGE_CODE_CACHE: '0' });
    expect(off.cacheLine).toBe('[socbridge] debug code cache off (SOCBRIDGE_CODE_CACHE=0)');
    expect(off.answer).toMatchObject({ id: 1 });
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('an unwritable cache location costs speed, never the session', async () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, '');
    const run = await start(join(blocker, 'cache'));
    expect(run.code).toBe(0);
    expect(run.answer).toMatchObject({ id: 1, result: { serverInfo: { name: 'socbridge' } } });
    expect(run.stderr).toMatch(/could not write the code cache \(ENOTDIR[^)]*\); later starts compile from source/);
  });
});
