import { readFile } from 'node:fs';
import { dirname, join } from 'node:path';
import envPaths from 'env-paths';
import { z } from 'zod';

/**
 * socbridge's own secret store: named profiles (backend, URL, key) in one JSON file with mode 0600
 * in the user config directory. `install` writes keys here so host config files, which people
 * commit and sync, never need to hold a secret.
 */
export const profileSchema = z.object({
  backend: z.string().min(1),
  url: z.string().url().optional(),
  apiKey: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().optional(),
  caFile: z.string().optional(),
});
export type Profile = z.infer<typeof profileSchema>;

const storeSchema = z.object({
  version: z.literal(1),
  profiles: z.record(z.string(), profileSchema),
});
type Store = z.infer<typeof storeSchema>;

export const PROFILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class ProfileStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileStoreError';
  }
}

/** `SOCBRIDGE_CONFIG_DIR` overrides the platform config directory (tests, portable setups). */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SOCBRIDGE_CONFIG_DIR || envPaths('socbridge', { suffix: '' }).config;
}

export function profilesFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'profiles.json');
}

async function readStore(file: string): Promise<Store> {
  let text: string;
  try {
    // node:fs, not fs/promises: serve reads a profile at every start, and the writers below
    // (with fs/promises, the lock and the atomic writer) load only when something is saved.
    text = await new Promise<string>((resolve, reject) => readFile(file, 'utf8', (error, data) => (error ? reject(error) : resolve(data))));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, profiles: {} };
    throw new ProfileStoreError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProfileStoreError(`${file} is not valid JSON; fix or remove it (it holds socbridge profiles)`);
  }
  const parsed = storeSchema.safeParse(json);
  if (!parsed.success) throw new ProfileStoreError(`${file} does not look like a socbridge profile store`);
  return parsed.data;
}

async function writeStore(file: string, store: Store): Promise<void> {
  const { writeFileAtomic } = await import('../fs/atomic-write.js');
  try {
    await writeFileAtomic(file, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
  } catch (error) {
    throw new ProfileStoreError(`cannot write ${file}: ${(error as Error).message}`);
  }
}

/**
 * Read-modify-write under a lock file: two installs in two terminals each add their profile
 * instead of the second overwriting the first.
 */
async function updateStore<T>(env: NodeJS.ProcessEnv, change: (store: Store) => T): Promise<T> {
  const file = profilesFile(env);
  const [{ mkdir }, { withFileLock }] = await Promise.all([import('node:fs/promises'), import('../fs/lock.js')]);
  try {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new ProfileStoreError(`cannot create ${dirname(file)}: ${(error as Error).message}`);
  }
  return withFileLock(`${file}.lock`, async () => {
    const store = await readStore(file);
    const result = change(store);
    await writeStore(file, store);
    return result;
  }).catch((error: unknown) => {
    throw error instanceof ProfileStoreError ? error : new ProfileStoreError((error as Error).message);
  });
}

export async function readProfile(name: string, env: NodeJS.ProcessEnv = process.env): Promise<Profile | undefined> {
  const store = await readStore(profilesFile(env));
  return store.profiles[name];
}

export async function listProfiles(env: NodeJS.ProcessEnv = process.env): Promise<Record<string, Profile>> {
  return (await readStore(profilesFile(env))).profiles;
}

export async function saveProfile(name: string, profile: Profile, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!PROFILE_NAME_PATTERN.test(name)) {
    throw new ProfileStoreError(`profile name "${name}" must match ${PROFILE_NAME_PATTERN.source}`);
  }
  const parsed = profileSchema.parse(profile);
  await updateStore(env, (store) => {
    store.profiles[name] = parsed;
  });
}

/** Removes a profile; resolves to whether it existed. */
export async function deleteProfile(name: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (!(name in (await readStore(profilesFile(env))).profiles)) return false;
  return updateStore(env, (store) => {
    const existed = name in store.profiles;
    delete store.profiles[name];
    return existed;
  });
}
