import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

export interface CodeCacheOptions {
  /** Where compiled code is kept between runs; undefined runs without a cache. */
  cacheDir: string | undefined;
  /**
   * V8 flags the bundle runs under, set before compiling and again right before the cache is
   * written: V8 stamps its flags into a cache and refuses one made under others, and the process
   * may change a flag while it runs.
   */
  v8Flags: readonly string[];
  /** Names the cache file, one per entry point (`serve`). */
  name: string;
  version: string;
  /** How long after start the cache is written, so it holds what the first requests compiled. */
  produceAfterMs: number;
  /** Told when the cache could not be written (the run itself goes on). */
  onCacheError?: (error: Error) => void;
}

/**
 * What the cache did for this run: used, absent (so one is written), refused (rewritten), off, or
 * not used because its directory is not this user's alone.
 */
export type CodeCacheOutcome = { status: 'hit' | 'miss' | 'rejected'; file: string } | { status: 'off' } | { status: 'untrusted'; dir: string };

/**
 * Runs a CommonJS bundle the way require() would, but compiled through V8's code cache: the
 * bytecode an earlier run of the same bundle, on the same Node, produced. Node 20 has no compile
 * cache of its own (module.enableCompileCache arrives in 22.1), and parsing and compiling the SDK,
 * zod and socbridge at every start is most of what `serve` spends before it can answer.
 *
 * The cache is a V8 artefact, not ours: V8 refuses data from another V8 version or other flags, and
 * the key below adds the bundle's identity (V8 itself only compares the source length).
 */
export function runWithCodeCache(file: string, options: CodeCacheOptions): CodeCacheOutcome {
  const source = readFileSync(file, 'utf8');
  const flags = [...options.v8Flags, CHECKSUMS];
  for (const flag of flags) setFlagsFromString(flag);
  const found = lookUp(file, options);
  const cachedData = found.status === 'found' ? found.data : undefined;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const outcome = outcomeOf(found, script);
  if ('file' in outcome && outcome.status !== 'hit') scheduleProduce(script, outcome.file, flags, options);

  const module = { exports: {} };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return outcome;
}

type Lookup =
  | { status: 'off' }
  | { status: 'untrusted'; dir: string }
  | { status: 'absent' | 'foreign'; file: string }
  | { status: 'found'; file: string; data: Buffer };

function lookUp(bundle: string, options: CodeCacheOptions): Lookup {
  const dir = options.cacheDir;
  if (dir === undefined) return { status: 'off' };
  if (!onlyOurs(dir)) return { status: 'untrusted', dir };
  const file = join(dir, `${options.name}-${cacheKey(bundle, options.version)}.v8cache`);
  // A cache file someone else could have written is treated like a damaged one: not read, rewritten.
  if (!onlyOurs(file)) return { status: 'foreign', file };
  const data = readIfPresent(file);
  return data ? { status: 'found', file, data } : { status: 'absent', file };
}

function outcomeOf(found: Lookup, script: Script): CodeCacheOutcome {
  switch (found.status) {
    case 'off':
    case 'untrusted':
      return found;
    case 'absent':
      return { status: 'miss', file: found.file };
    case 'foreign':
      return { status: 'rejected', file: found.file };
    case 'found':
      return { status: script.cachedDataRejected ? 'rejected' : 'hit', file: found.file };
  }
}

/**
 * V8 checks a code cache's version, flags and source length, but in release builds not its
 * payload: damaged bytecode is not refused, it aborts the process. This flag makes V8 checksum
 * every cache it writes and refuse any that does not match.
 */
const CHECKSUMS = '--verify-snapshot-checksum';

/**
 * The cache is code that runs as this user, so only a directory and file this user owns and no one
 * else can write are used (POSIX). Windows keeps the cache in the user's own profile directory.
 * Absent counts as ours: the directory is created 0700, the file 0600.
 */
function onlyOurs(path: string): boolean {
  if (typeof process.getuid !== 'function') return true;
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return true;
  }
  return stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
}

/** Version, Node, architecture and the bundle file itself: a rebuilt bundle never meets old bytecode. */
function cacheKey(file: string, version: string): string {
  const { size, mtimeMs, ino } = statSync(file);
  return fnv1a([version, process.version, process.arch, file, size, mtimeMs, ino].join('\0'));
}

/** A short, stable name for the key (FNV-1a, 32 bits): loading node:crypto for it would cost more than the cache saves. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    // No cache yet (or unreadable): compile from source, and write one for next time.
    return undefined;
  }
}

/**
 * Writes the cache once: after `produceAfterMs` (by then the host's first requests have compiled
 * what they need), or at exit if that comes first. The timer never keeps the process alive.
 */
function scheduleProduce(script: Script, cacheFile: string, flags: readonly string[], options: CodeCacheOptions): void {
  let done = false;
  const produce = () => {
    if (done) return;
    done = true;
    process.removeListener('exit', produce);
    try {
      for (const flag of flags) setFlagsFromString(flag);
      writeCache(cacheFile, script.createCachedData());
    } catch (error) {
      options.onCacheError?.(error as Error);
    }
  };
  setTimeout(produce, options.produceAfterMs).unref();
  process.once('exit', produce);
}

/** Temp file and rename, so a concurrent start reads a whole cache or none; older caches of this entry go. */
function writeCache(cacheFile: string, data: Buffer): void {
  const dir = dirname(cacheFile);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${basename(cacheFile)}.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(temp, data, { mode: 0o600, flag: 'wx' });
  renameSync(temp, cacheFile);
  const prefix = basename(cacheFile).replace(/-[0-9a-f]+\.v8cache$/, '-');
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith(prefix) && entry.endsWith('.v8cache') && entry !== basename(cacheFile)) rmSync(join(dir, entry), { force: true });
  }
}
