import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/usage-error.js';
import { saveProfile } from '../../src/config/profiles.js';
import { resolveSettings } from '../../src/config/settings.js';

let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'socbridge-settings-'));
  env = { SOCBRIDGE_CONFIG_DIR: dir };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveSettings', () => {
  it('uses defaults when nothing is set', async () => {
    const { values, sources } = await resolveSettings({}, env);
    expect(values).toMatchObject({ backend: 'aisoc', timeoutMs: 20000, maxResultChars: 20000, readOnly: false, verbose: false });
    expect(values.url).toBeUndefined();
    expect(sources.timeoutMs).toBe('default');
  });

  it('orders flag over env over profile over default', async () => {
    await saveProfile('default', { backend: 'aisoc', url: 'https://profile.example.com', apiKey: 'aisoc_profilekey', timeoutMs: 5000 }, env);
    let r = await resolveSettings({}, env);
    expect(r.values.url).toBe('https://profile.example.com');
    expect(r.sources.url).toBe('profile:default');
    r = await resolveSettings({}, { ...env, SOCBRIDGE_URL: 'https://env.example.com' });
    expect(r.values.url).toBe('https://env.example.com');
    expect(r.sources.url).toBe('env:SOCBRIDGE_URL');
    r = await resolveSettings({ url: 'https://flag.example.com' }, { ...env, SOCBRIDGE_URL: 'https://env.example.com' });
    expect(r.values.url).toBe('https://flag.example.com');
    expect(r.sources.url).toBe('flag');
    expect(r.values.timeoutMs).toBe(5000);
  });

  it('accepts the reference package variables as aliases for aisoc, after socbridge own names', async () => {
    const r = await resolveSettings({}, { ...env, AISOC_URL: 'http://aisoc.local:8000', AISOC_API_KEY: 'aisoc_x', AISOC_TIMEOUT_MS: '9000', AISOC_MCP_VERBOSE: '1' });
    expect(r.values).toMatchObject({ url: 'http://aisoc.local:8000', apiKey: 'aisoc_x', timeoutMs: 9000, verbose: true });
    expect(r.sources.apiKey).toBe('env:AISOC_API_KEY');
    const both = await resolveSettings({}, { ...env, AISOC_URL: 'http://a', SOCBRIDGE_URL: 'http://b' });
    expect(both.values.url).toBe('http://b');
  });

  it('reads a named profile and refuses a missing one', async () => {
    await saveProfile('prod', { backend: 'aisoc', url: 'https://prod.example.com', apiKey: 'aisoc_prodkey' }, env);
    expect((await resolveSettings({ profile: 'prod' }, env)).values.apiKey).toBe('aisoc_prodkey');
    await expect(resolveSettings({ profile: 'nope' }, env)).rejects.toThrow(/--profile "nope" is not in .*profiles\.json/);
  });

  it.each([
    [{ timeout: 'abc' }, '--timeout must be milliseconds, a whole number from 1000 to 600000 (got "abc")'],
    [{ timeout: '10' }, '--timeout must be milliseconds, a whole number from 1000 to 600000 (got "10")'],
    [{ url: 'ftp://x' }, '--url must be an http:// or https:// URL, e.g. https://aisoc.example.com (got "ftp://x")'],
    [{ backend: 'splunk' }, '--backend must be one of aisoc, calseta, mcp (got "splunk")'],
    [{ maxResultChars: '5' }, '--max-result-chars must be a whole number of characters from 1000 to 1000000 (got "5")'],
  ])('refuses bad flag %o with one line naming the flag and the form', async (flags, message) => {
    const error = await resolveSettings(flags, env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(message);
  });

  it('names the environment variable when the bad value came from env', async () => {
    await expect(resolveSettings({}, { ...env, SOCBRIDGE_TIMEOUT_MS: 'soon' })).rejects.toThrow(
      'SOCBRIDGE_TIMEOUT_MS must be milliseconds, a whole number from 1000 to 600000 (got "soon")',
    );
  });

  it('never echoes a bad API key', async () => {
    await expect(resolveSettings({ apiKey: '   ' }, env)).rejects.toThrow('--api-key must be a non-empty API key');
  });
});
