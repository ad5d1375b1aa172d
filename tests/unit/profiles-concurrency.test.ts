import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { deleteProfile, listProfiles, saveProfile } from '../../src/config/profiles.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'socbridge-profiles-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('keeps every profile when saves and deletes run at the same time', async () => {
  const env = { SOCBRIDGE_CONFIG_DIR: path.join(dir, 'config') };
  const names = Array.from({ length: 12 }, (_, i) => `aisoc-${i}.example.com`);
  await Promise.all(names.map((name) => saveProfile(name, { backend: 'aisoc', url: `https://${name}`, apiKey: `aisoc_key_${name}` }, env)));
  expect(Object.keys(await listProfiles(env)).sort()).toEqual([...names].sort());
  await Promise.all(names.filter((_, i) => i % 2).map((name) => deleteProfile(name, env)));
  expect(Object.keys(await listProfiles(env)).sort()).toEqual(names.filter((_, i) => i % 2 === 0).sort());
  expect(statSync(path.join(dir, 'config', 'profiles.json')).mode & 0o777).toBe(0o600);
  expect(statSync(path.join(dir, 'config')).mode & 0o777).toBe(0o700);
});
