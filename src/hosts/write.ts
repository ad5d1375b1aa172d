import { constants } from 'node:fs';
import { access, copyFile, lstat, mkdir, readFile, readlink, stat, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { FileLockError, withFileLock } from '../fs/lock.js';
import type { PlannedEdit } from './edit.js';
import { accessProblem, ConfigAccessError } from './errors.js';

/**
 * Applying a planned edit to disk: follow a symlinked config to its target, create missing
 * directories, lock the file against other socbridge processes, re-read and re-plan inside the
 * lock, keep a one-time backup, then write atomically with the right mode.
 */
export const BACKUP_SUFFIX = '.socbridge.bak';
export const LOCK_SUFFIX = '.socbridge.lock';

export interface AppliedEdit {
  /** The file actually written (a symlink's target). */
  file: string;
  plan: PlannedEdit;
  created: boolean;
  /** Set when this edit made the one-time backup. */
  backup?: string;
}

/** A config that is a symlink (dotfile repos do this) is edited at its target, keeping the link. */
export async function resolveConfigPath(file: string): Promise<string> {
  let current = resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let info;
    try {
      info = await lstat(current);
    } catch (error) {
      // Missing, or a parent is a file: there is no config yet (creating its directory will say why it cannot be).
      if (isAbsent(error)) return current;
      throw new ConfigAccessError(file, accessProblem('read', current, error));
    }
    if (!info.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw new ConfigAccessError(file, `cannot follow ${file}: too many symbolic links`);
}

export async function readConfigText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isAbsent(error)) return undefined;
    throw new ConfigAccessError(file, accessProblem('read', file, error));
  }
}

function isAbsent(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Fails early, before anything is saved, when the file's directory cannot be created or written:
 * the nearest existing ancestor must be a writable directory.
 */
export async function checkWritable(file: string): Promise<void> {
  let dir = dirname(file);
  for (;;) {
    try {
      const info = await stat(dir);
      if (!info.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'EEXIST' });
      await access(dir, constants.W_OK);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && dirname(dir) !== dir) {
        dir = dirname(dir);
        continue;
      }
      throw new ConfigAccessError(file, accessProblem('write to', dir, error));
    }
  }
}

export interface ApplyOptions {
  /** The result holds a secret: write it 0600 whatever the file's mode was. */
  secret: boolean;
}

export async function applyEdit(requested: string, plan: (text: string | undefined) => PlannedEdit, options: ApplyOptions): Promise<AppliedEdit> {
  const file = await resolveConfigPath(requested);
  const dir = dirname(file);
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new ConfigAccessError(file, accessProblem('write to', dir, error));
  }
  try {
    return await withFileLock(file + LOCK_SUFFIX, async () => {
      // Re-read inside the lock: another process may have written since we planned.
      const text = await readConfigText(file);
      const planned = plan(text);
      if (!planned.changed) return { file, plan: planned, created: false };
      if (planned.deleteFile) {
        await unlink(file).catch((error: unknown) => {
          throw new ConfigAccessError(file, accessProblem('remove', file, error));
        });
        return { file, plan: planned, created: false };
      }
      const backup = text === undefined ? undefined : await backupOnce(file);
      await write(file, planned.text, options.secret);
      return { file, plan: planned, created: text === undefined, ...(backup ? { backup } : {}) };
    });
  } catch (error) {
    if (error instanceof FileLockError) throw new ConfigAccessError(file, error.message);
    throw error;
  }
}

/** The file as it was before socbridge first changed it; never overwritten afterwards. */
async function backupOnce(file: string): Promise<string | undefined> {
  const backup = file + BACKUP_SUFFIX;
  try {
    await copyFile(file, backup, constants.COPYFILE_EXCL);
    return backup;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw new ConfigAccessError(file, accessProblem('back up', file, error));
  }
}

async function write(file: string, text: string, secret: boolean): Promise<void> {
  const existing = await stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new ConfigAccessError(file, accessProblem('read', file, error));
  });
  const mode = secret ? 0o600 : existing ? existing.mode & 0o777 : undefined;
  // Root editing a user's file (sudo) must not leave it owned by root.
  const owner = existing && process.getuid?.() === 0 && existing.uid !== 0 ? { uid: existing.uid, gid: existing.gid } : undefined;
  try {
    await writeFileAtomic(file, text, { ...(mode !== undefined ? { mode } : {}), ...(owner ? { owner } : {}) });
  } catch (error) {
    throw new ConfigAccessError(file, accessProblem('write', file, error));
  }
}
