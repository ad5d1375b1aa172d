import { hostname } from 'node:os';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A lock file next to the file being changed, created with O_EXCL so two processes (two
 * terminals, two `install`s for different hosts) never read-modify-write the same file at once.
 * A lock left by a crashed process is taken over: its pid is gone, or it is older than `staleMs`.
 */
export class FileLockError extends Error {
  constructor(
    message: string,
    readonly lockFile: string,
  ) {
    super(message);
    this.name = 'FileLockError';
  }
}

export interface LockOptions {
  /** Give up waiting after this long. */
  timeoutMs?: number;
  /** A lock older than this is considered abandoned (edits take milliseconds). */
  staleMs?: number;
}

interface Holder {
  pid: number;
  host: string;
}

export async function withFileLock<T>(lockFile: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  await acquire(lockFile, options.timeoutMs ?? 10_000, options.staleMs ?? 30_000);
  try {
    return await fn();
  } finally {
    await unlink(lockFile).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

async function acquire(lockFile: string, timeoutMs: number, staleMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockFile, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname() } satisfies Holder));
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new FileLockError(`cannot create lock file ${lockFile}: ${(error as Error).message}`, lockFile);
      }
    }
    const holder = await readHolder(lockFile);
    if (await isStale(lockFile, holder, staleMs)) {
      await unlink(lockFile).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `another socbridge process (pid ${holder.pid})` : 'another socbridge process';
      throw new FileLockError(`${lockFile} is held by ${who}; wait for it to finish, or delete the lock file if no socbridge is running`, lockFile);
    }
    // Jittered, growing waits: racing processes spread out instead of retrying in lock step.
    await sleep(Math.min(200, 5 + attempt * 5) + Math.random() * 10);
  }
}

async function readHolder(lockFile: string): Promise<Holder | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(lockFile, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'pid' in parsed && 'host' in parsed) {
      const { pid, host } = parsed as Record<string, unknown>;
      if (typeof pid === 'number' && typeof host === 'string') return { pid, host };
    }
    return undefined;
  } catch {
    // Missing (just released) or half-written (just created): decided by age below.
    return undefined;
  }
}

async function isStale(lockFile: string, holder: Holder | undefined, staleMs: number): Promise<boolean> {
  if (holder && holder.host === hostname() && !processAlive(holder.pid)) return true;
  try {
    return Date.now() - (await stat(lockFile)).mtimeMs > staleMs;
  } catch {
    return false;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
