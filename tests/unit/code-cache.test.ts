import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWithCodeCache, type CodeCacheOptions } from '../../src/launch/code-cache.js';

// runWithCodeCache compiles a CommonJS file through V8's code cache. These run it in-process on a
// small bundle of our own and check the files it keeps. Whether V8 takes or refuses a cache can
// only be seen in a fresh process (within one, V8's own in-memory compilation cache answers
// first): tests/e2e/serve-code-cache.test.ts runs the real launcher and dist/serve.cjs for that.

let dir: string;
let bundle: string;
let cacheDir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'socbridge-code-cache-'));
  bundle = join(dir, 'bundle.cjs');
  cacheDir = join(dir, 'cache');
  writeBundle('first');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A CommonJS module that uses require, module and __dirname, and leaves its mark on globalThis. */
function writeBundle(mark: string): void {
  writeFileSync(
    bundle,
    `const { basename } = require('node:path');
     function square(x) { return x * x; }
     module.exports = { square };
     globalThis.__codeCacheTest = { mark: ${JSON.stringify(mark)}, dir: basename(__dirname), square: module.exports.square(7) };`,
  );
}

const run = (overrides: Partial<CodeCacheOptions> = {}) =>
  runWithCodeCache(bundle, { cacheDir, v8Flags: [], name: 'serve', version: '1.2.3', produceAfterMs: 0, ...overrides });

/** Production is scheduled on a timer (0 ms here); let it fire. */
const produced = () => new Promise((resolve) => setTimeout(resolve, 20));

const cacheFiles = () => (existsSync(cacheDir) ? readdirSync(cacheDir) : []);

describe('runWithCodeCache', () => {
  it('runs the bundle like require() would, then writes a private cache for the next run', async () => {
    const first = run();
    expect(first.status).toBe('miss');
    expect(globalThis.__codeCacheTest).toEqual({ mark: 'first', dir: dir.split(/[\\/]/).pop(), square: 49 });
    await produced();
    expect(cacheFiles()).toEqual([expect.stringMatching(/^serve-[0-9a-f]{8}\.v8cache$/)]);
    if (process.platform !== 'win32') {
      expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(cacheDir, cacheFiles()[0]!)).mode & 0o777).toBe(0o600);
    }

    const second = run();
    expect(second).toEqual({ status: 'hit', file: join(cacheDir, cacheFiles()[0]!) });
    await produced();
    // A run that found its cache writes nothing.
    expect(cacheFiles()).toHaveLength(1);
  });

  it('never runs old bytecode for a rebuilt bundle, even one of the same length, and drops the old cache', async () => {
    run();
    await produced();
    const old = cacheFiles();
    // Same length, other content: V8 alone would only compare the length.
    writeBundle('other');
    utimesSync(bundle, new Date(), new Date(Date.now() + 5_000));
    const rebuilt = run();
    expect(rebuilt.status).toBe('miss');
    expect(globalThis.__codeCacheTest).toMatchObject({ mark: 'other' });
    await produced();
    expect(cacheFiles()).toHaveLength(1);
    expect(cacheFiles()).not.toEqual(old);
  });

  it('keeps caches per entry and per version apart', async () => {
    run();
    run({ name: 'other-entry' });
    await produced();
    expect(cacheFiles().sort()).toEqual([expect.stringMatching(/^other-entry-/), expect.stringMatching(/^serve-/)]);
    expect(run({ version: '1.2.4' }).status).toBe('miss');
  });

  it.skipIf(process.platform === 'win32')('never uses a cache directory others can write, and writes nothing there', async () => {
    mkdirSync(cacheDir, { mode: 0o700 });
    chmodSync(cacheDir, 0o777);
    expect(run()).toEqual({ status: 'untrusted', dir: cacheDir });
    expect(globalThis.__codeCacheTest).toMatchObject({ square: 49 });
    await produced();
    expect(cacheFiles()).toEqual([]);
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() !== 0)('never uses a cache directory another user owns', async () => {
    mkdirSync(cacheDir, { mode: 0o700 });
    chownSync(cacheDir, 65534, 65534);
    expect(run()).toEqual({ status: 'untrusted', dir: cacheDir });
  });

  it.skipIf(process.platform === 'win32')('does not read a cache file others can write: it is rewritten, private', async () => {
    run();
    await produced();
    const file = join(cacheDir, cacheFiles()[0]!);
    chmodSync(file, 0o666);
    expect(run()).toEqual({ status: 'rejected', file });
    await produced();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(run().status).toBe('hit');
  });

  it('runs without a cache when there is no cache directory', async () => {
    expect(run({ cacheDir: undefined })).toEqual({ status: 'off' });
    await produced();
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('still runs when the cache cannot be written, and says why', async () => {
    writeFileSync(join(dir, 'not-a-dir'), '');
    const errors: string[] = [];
    const outcome = run({ cacheDir: join(dir, 'not-a-dir', 'cache'), onCacheError: (e) => errors.push(e.message) });
    expect(outcome.status).toBe('miss');
    expect(globalThis.__codeCacheTest).toMatchObject({ square: 49 });
    await produced();
    expect(errors).toEqual([expect.stringContaining('ENOTDIR')]);
  });
});

declare global {
  var __codeCacheTest: { mark: string; dir: string; square: number } | undefined;
}
