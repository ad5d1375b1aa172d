import { fileURLToPath } from 'node:url';
import envPaths from 'env-paths';
import { SERVE_V8_FLAGS } from '../server/heap.js';
import { createLogger } from '../server/logger.js';
import { VERSION } from '../version.js';
import { runWithCodeCache, type CodeCacheOutcome } from './code-cache.js';

/**
 * `socbridge serve`, as bin/socbridge.js starts it: dist/serve.cjs compiled through the code cache
 * in the user's cache directory. Hosts start serve at every launch (and some at every new chat), so
 * this is the start worth making fast.
 */
export function launchServe(env: NodeJS.ProcessEnv = process.env): void {
  const logger = createLogger({ verbose: verbose(env) });
  const outcome = runWithCodeCache(fileURLToPath(new URL('./serve.cjs', import.meta.url)), {
    cacheDir: codeCacheDir(env),
    v8Flags: SERVE_V8_FLAGS,
    name: 'serve',
    version: VERSION,
    produceAfterMs: 3000,
    onCacheError: (error) => logger.debug(`could not write the code cache (${error.message}); later starts compile from source`),
  });
  logger.debug(CACHE_REPORT[outcome.status] + ('file' in outcome ? ` (${outcome.file})` : 'dir' in outcome ? ` (${outcome.dir})` : ''));
}

const CACHE_REPORT: Record<CodeCacheOutcome['status'], string> = {
  hit: 'compiled from the code cache',
  miss: 'no code cache yet: compiled from source, writing one',
  rejected: 'code cache unusable (made by another Node, damaged, or writable by others): compiled from source, rewriting it',
  off: 'code cache off (SOCBRIDGE_CODE_CACHE=0)',
  untrusted: 'code cache not used: its directory is not yours alone (owned by another user, or writable by others)',
};

/** Settings are resolved later, inside the bundle; this early, only the flag and the variables can say. */
function verbose(env: NodeJS.ProcessEnv): boolean {
  return process.argv.includes('--verbose') || /^(1|true|yes)$/i.test(env.SOCBRIDGE_VERBOSE ?? env.AISOC_MCP_VERBOSE ?? '');
}

/** SOCBRIDGE_CACHE_DIR, else the platform's cache directory; SOCBRIDGE_CODE_CACHE=0 turns the cache off. */
function codeCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.SOCBRIDGE_CODE_CACHE === '0') return undefined;
  return env.SOCBRIDGE_CACHE_DIR || envPaths('socbridge', { suffix: '' }).cache;
}
