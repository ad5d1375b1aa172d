import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { runDoctor, runDoctorJson, tempMachine, type Machine } from './helpers.js';

/** doctor against the real sandbox over HTTP, through the built CLI, one key of each kind. */
let sandbox: SandboxHandle;
let machine: Machine;

beforeAll(async () => {
  const { startSandbox } = await import('../../src/sandbox/index.js');
  sandbox = await startSandbox();
  machine = tempMachine();
});

afterAll(async () => {
  await sandbox.close();
  machine.cleanup();
});

const NETWORK_CHECKS = ['runtime', 'settings', 'url', 'dns', 'tcp', 'tls', 'health', 'auth', 'tools', 'clock'];

describe('doctor against the sandbox', () => {
  it('passes every check with the full key, in order, as one JSON object on stdout', async () => {
    const run = await runDoctorJson(machine, ['--url', sandbox.url], { SOCBRIDGE_API_KEY: sandbox.keys.full });
    expect(run.code).toBe(0);
    expect(run.ok).toBe(true);
    expect(run.checks.slice(0, NETWORK_CHECKS.length).map((c) => c.id)).toEqual(NETWORK_CHECKS);
    for (const id of NETWORK_CHECKS) expect(run.byId(id).status, `${id}: ${run.byId(id).summary}`).toBe('ok');
    for (const check of run.checks) {
      expect(Object.keys(check)).toEqual(check.fix ? ['id', 'status', 'summary', 'fix', 'ms'] : ['id', 'status', 'summary', 'ms']);
      expect(Number.isInteger(check.ms)).toBe(true);
    }
    expect(run.byId('settings').summary).toContain('apiKey=aisoc_');
    expect(run.byId('settings').summary).toContain('(env SOCBRIDGE_API_KEY)');
    expect(run.byId('settings').summary).toContain(`url=${sandbox.url} (flag)`);
    expect(run.byId('tls').summary).toBe('skipped: plain http, no TLS');
    expect(run.byId('health').summary).toMatch(/GET \/health .*→ 200 aisoc-api healthy, version \d/);
    expect(run.byId('auth').summary).toContain('GET /api/v1/cases?limit=1 → 200');
    expect(run.byId('auth').summary).toContain('granted: alerts:read, cases:read, rules:read, reports:read, actions:read, lake:read_schema, lake:query, actions:execute, cases:write;');
    expect(run.byId('auth').summary).toContain('not verified: hunts:read (no side-effect-free probe)');
    expect(run.byId('tools').summary).toMatch(/^19 of 19 tools usable with this key/);
    expect(run.byId('clock').summary).toContain('in step with this machine');
  });

  it('says which setting came from the profile, the environment, a flag or the default', async () => {
    const { saveProfile } = await import('../../src/config/profiles.js');
    await saveProfile('team', { backend: 'aisoc', url: sandbox.url, apiKey: sandbox.keys.full }, { SOCBRIDGE_CONFIG_DIR: machine.configDir });
    const run = await runDoctorJson(machine, ['--profile', 'team', '--read-only'], { SOCBRIDGE_TIMEOUT_MS: '9000' });
    const settings = run.byId('settings').summary;
    expect(settings).toMatch(/^profile "team": backend=aisoc \(profile team\)/);
    expect(settings).toContain(`url=${sandbox.url} (profile team)`);
    expect(settings).toMatch(/apiKey=aisoc_[0-9a-f]{2}…[0-9a-f]{4} \(profile team\)/);
    expect(settings).toContain('timeoutMs=9000 (env SOCBRIDGE_TIMEOUT_MS)');
    expect(settings).toContain('readOnly=true (flag)');
    expect(settings).toContain('maxResultChars=20000 (default)');
    expect(run.code).toBe(0);
  });

  it('fails auth with a key the backend does not know, explains the 401, and skips tools as failed', async () => {
    const wrong = `aisoc_${'0123456789abcdef'.repeat(3)}`;
    const run = await runDoctorJson(machine, ['--url', sandbox.url, '--api-key', wrong]);
    expect(run.code).toBe(1);
    expect(run.ok).toBe(false);
    const auth = run.byId('auth');
    expect(auth.status).toBe('fail');
    expect(auth.summary).toContain('401 "Invalid or revoked API key"');
    expect(auth.summary).toContain('does not know this key or it was revoked');
    expect(auth.fix).toContain('mint a new key');
    const tools = run.byId('tools');
    expect(tools.status).toBe('fail');
    expect(tools.summary).toMatch(/^skipped: /);
    expect(run.byId('health').status).toBe('ok');
  });

  it('warns in settings about a key that is not in the AiSOC key format, and auth then fails', async () => {
    const run = await runDoctorJson(machine, ['--url', sandbox.url], { SOCBRIDGE_API_KEY: 'aisoc_0123456789abcdef' });
    const settings = run.byId('settings');
    expect(settings.status).toBe('warn');
    expect(settings.summary).toMatch(/^the key is not in the form of AiSOC API keys \(aisoc_ followed by 48 lowercase hex characters\)/);
    expect(run.byId('auth').status).toBe('fail');
  });

  it('says an expired key has expired', async () => {
    const run = await runDoctorJson(machine, ['--url', sandbox.url], { AISOC_API_KEY: sandbox.keys.expired });
    expect(run.code).toBe(1);
    expect(run.byId('auth').summary).toContain('401 "API key has expired": the API key has expired');
    expect(run.byId('settings').summary).toContain('(env AISOC_API_KEY)');
  });

  it('reports the tools a read-only key hides, as a warning that does not fail the run', async () => {
    const run = await runDoctorJson(machine, ['--url', sandbox.url, '--api-key', sandbox.keys.readOnly]);
    expect(run.code).toBe(0);
    const auth = run.byId('auth');
    expect(auth.status).toBe('warn');
    expect(auth.summary).toContain('missing: actions:execute (hides aisoc_preview_action); cases:write (hides aisoc_run_investigation)');
    const tools = run.byId('tools');
    expect(tools.status).toBe('warn');
    expect(tools.summary).toMatch(/^17 of 19 tools usable with this key; hidden by missing scope: aisoc_run_investigation \(cases:write\), aisoc_preview_action \(actions:execute\)/);
    expect(tools.fix).toContain('--exclude-tools aisoc_run_investigation,aisoc_preview_action');
  });

  it('names every scope an alerts-only key lacks and what --read-only and --exclude-tools hide', async () => {
    const run = await runDoctorJson(machine, ['--url', sandbox.url, '--api-key', sandbox.keys.alertsOnly, '--read-only', '--exclude-tools', 'aisoc_get_alert']);
    const auth = run.byId('auth');
    expect(auth.summary).toContain('granted: alerts:read;');
    expect(auth.summary).toContain('missing: cases:read (hides aisoc_list_cases,');
    const tools = run.byId('tools').summary;
    // list_alerts and get_triage_verdict, plus run_hunt, whose scope no probe can verify
    expect(tools).toMatch(/^3 of 19 tools usable with this key/);
    expect(tools).toContain('not verified: aisoc_run_hunt (hunts:read)');
    expect(tools).toContain('hidden by --read-only: aisoc_run_investigation');
    expect(tools).toContain('hidden by --tools/--exclude-tools: aisoc_get_alert');
  });

  it('fails the tools check when a tool filter names a tool that does not exist (serve would not start)', async () => {
    const run = await runDoctorJson(machine, ['--url', sandbox.url, '--api-key', sandbox.keys.full], { SOCBRIDGE_EXCLUDE_TOOLS: 'aisoc_nope' });
    expect(run.code).toBe(1);
    expect(run.byId('tools').summary).toContain('serve would refuse to start: --exclude-tools names unknown tool(s) aisoc_nope');
  });

  it('never prints the key unmasked, in human or JSON output, whatever the outcome', async () => {
    const keys = [sandbox.keys.full, sandbox.keys.expired, sandbox.keys.readOnly];
    for (const key of keys) {
      for (const json of [false, true]) {
        const run = await runDoctor(machine, ['--url', sandbox.url, '--api-key', key, ...(json ? ['--json'] : [])]);
        const output = run.stdout + run.stderr;
        expect(output).not.toContain(key);
        expect(output).not.toContain(key.slice(6, 20));
        const shown = /aisoc_([0-9a-f]*)…([0-9a-f]*)/.exec(output);
        expect(shown, output).not.toBeNull();
        expect((shown?.[1] ?? '').length).toBeLessThanOrEqual(4);
        expect((shown?.[2] ?? '').length).toBeLessThanOrEqual(4);
      }
    }
  });

  it('prints a human report with a fix line under every problem and exits 1 on failure', async () => {
    const run = await runDoctor(machine, ['--url', sandbox.url, '--api-key', sandbox.keys.revoked], { NO_COLOR: '1' });
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    const auth = lines.findIndex((l) => /^fail\s+auth\s+/.test(l));
    expect(auth).toBeGreaterThan(0);
    expect(lines[auth + 1]).toMatch(/^\s+fix: /);
    expect(run.stdout).toMatch(/\d+ ok, \d+ warn, [1-9]\d* fail/);
    expect(run.stdout).not.toContain('\u001b[');
  });
});

describe('doctor usage', () => {
  it('exits 2 on a bad flag value, naming the flag, and prints nothing on stdout', async () => {
    const run = await runDoctor(machine, ['--url', 'ftp://example.com', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--url must be an http:// or https:// URL');
  });

  it('exits 2 on an unknown --host', async () => {
    const run = await runDoctor(machine, ['--host', 'notepad']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown host "notepad"');
  });

  it('reports a bad environment value as a failed settings check instead (that is what doctor is for)', async () => {
    const run = await runDoctorJson(machine, [], { SOCBRIDGE_TIMEOUT_MS: 'soon', SOCBRIDGE_URL: sandbox.url });
    expect(run.code).toBe(1);
    expect(run.byId('settings').status).toBe('fail');
    expect(run.byId('settings').summary).toContain('SOCBRIDGE_TIMEOUT_MS must be milliseconds');
    expect(run.byId('url').summary).toMatch(/^skipped: /);
    expect(run.byId('url').status).toBe('fail');
  });

  it('fails settings when no URL or key is configured, and says how to set them', async () => {
    const run = await runDoctorJson(machine, []);
    expect(run.code).toBe(1);
    const settings = run.byId('settings');
    expect(settings.status).toBe('fail');
    expect(settings.summary).toContain('no AiSOC URL is configured; no API key is configured');
    expect(settings.fix).toContain('SOCBRIDGE_URL');
    expect(settings.fix).toContain('SOCBRIDGE_API_KEY');
    for (const id of ['url', 'dns', 'tcp', 'health', 'auth']) expect(run.byId(id)).toMatchObject({ status: 'fail', summary: expect.stringMatching(/^skipped: /) });
  });
});
