import { chmod, chown, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface AtomicWriteOptions {
  /** File mode for the result; default: 0o666 less the umask, like any new file. */
  mode?: number;
  /** Owner to give the result (keeps a file's owner when root edits it, e.g. under sudo). */
  owner?: { uid: number; gid: number };
}

/**
 * Writes `data` to a temporary file in the same directory, flushes it, then renames it over
 * `file`: readers see the old bytes or the new bytes, never a half-written file.
 */
export async function writeFileAtomic(file: string, data: string, options: AtomicWriteOptions = {}): Promise<void> {
  // Unique enough with O_EXCL behind it; not node:crypto, which `serve` would otherwise load at every start.
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o666);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // open() applies the umask; an explicit mode (0600 for secrets) must be exact.
    if (options.mode !== undefined) await chmod(temp, options.mode);
    if (options.owner) await chown(temp, options.owner.uid, options.owner.gid);
    await renameOver(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Windows refuses to replace a file another process has open for a moment (editors, indexers). */
async function renameOver(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || attempt >= 5 || !(code === 'EPERM' || code === 'EBUSY' || code === 'EACCES')) throw error;
      await sleep(50 * (attempt + 1));
    }
  }
}
