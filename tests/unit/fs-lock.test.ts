import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileLockError, withFileLock } from '../../src/fs/lock.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'socbridge-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('withFileLock', () => {
  it('runs one holder at a time and removes the lock afterwards', async () => {
    const lock = path.join(dir, 'f.lock');
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        withFileLock(lock, async () => {
          order.push(`${id}:in`);
          expect(JSON.parse(readFileSync(lock, 'utf8'))).toEqual({ pid: process.pid, host: hostname() });
          await new Promise((r) => setTimeout(r, 5));
          order.push(`${id}:out`);
        }),
      ),
    );
    // Never two "in" in a row: the holders did not overlap.
    for (let i = 0; i < order.length; i += 2) expect(order[i]?.replace(':in', '')).toBe(order[i + 1]?.replace(':out', ''));
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const lock = path.join(dir, 'f.lock');
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname() }));
    await expect(withFileLock(lock, async () => 'done', { timeoutMs: 2000 })).resolves.toBe('done');
  });

  it('takes over a lock older than the stale limit, whoever wrote it', async () => {
    const lock = path.join(dir, 'f.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: 'another-machine' }));
    const old = new Date(Date.now() - 120_000);
    utimesSync(lock, old, old);
    await expect(withFileLock(lock, async () => 'done', { timeoutMs: 2000, staleMs: 30_000 })).resolves.toBe('done');
  });

  it('gives up on a live lock with a message naming the holder', async () => {
    const lock = path.join(dir, 'f.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname() }));
    const attempt = withFileLock(lock, async () => 'never', { timeoutMs: 150 });
    await expect(attempt).rejects.toThrow(FileLockError);
    await expect(withFileLock(lock, async () => 'never', { timeoutMs: 50 })).rejects.toThrow(
      `${lock} is held by another socbridge process (pid ${process.pid}); wait for it to finish, or delete the lock file if no socbridge is running`,
    );
    expect(existsSync(lock)).toBe(true);
  });

  it('releases the lock when the work fails', async () => {
    const lock = path.join(dir, 'f.lock');
    await expect(withFileLock(lock, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(lock)).toBe(false);
  });
});
