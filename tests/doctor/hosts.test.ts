import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { BIN, childEnv, ROOT } from '../helpers/cli.js';
import { runDoctorJson, tempMachine, type Machine } from './helpers.js';

/**
 * Real host config files in a temporary HOME, written by `socbridge install` itself or by hand,
 * then read back by `doctor --host`.
 */
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const PROFILE = 'sandbox';

let sandbox: SandboxHandle;
let machine: Machine;

beforeAll(async () => {
  const { startSandbox } = await import('../../src/sandbox/index.js');
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => {
  machine = tempMachine();
});
afterEach(() => machine.cleanup());

/** Linux: Claude Desktop's community builds read $XDG_CONFIG_HOME/Claude. */
function claudeFile(): string {
  return path.join(machine.home, '.config', 'Claude', 'claude_desktop_config.json');
}

function writeClaude(text: string): void {
  mkdirSync(path.dirname(claudeFile()), { recursive: true });
  writeFileSync(claudeFile(), text);
}

function install(args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'install', ...args], { cwd: machine.project, env: childEnv(machine.env()), stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

function doctor(args: string[] = [], env: Record<string, string> = {}) {
  return runDoctorJson(machine, ['--url', sandbox.url, ...args], { SOCBRIDGE_API_KEY: sandbox.keys.full, ...env });
}

describe('doctor host checks', () => {
  it('passes for an entry socbridge install wrote, with the whole run green', async () => {
    expect(await install(['--host', 'claude', '--url', sandbox.url, '--api-key', sandbox.keys.full, '--profile', PROFILE])).toBe(0);
    const run = await doctor(['--host', 'claude']);
    const host = run.byId('host:claude');
    expect(host.status, host.summary).toBe('ok');
    expect(host.summary).toContain(`~/.config/Claude/claude_desktop_config.json: "socbridge" runs socbridge ${VERSION} via npx`);
    expect(host.summary).toMatch(/npx resolves to \/\S+\/npx on a desktop login session/);
    expect(host.summary).toContain(`profile "${PROFILE}" has a URL and key`);
    expect(run.code).toBe(0);
    expect(run.ok).toBe(true);
  });

  it('fails for --host when the host has no config file, and says how to create it', async () => {
    const run = await doctor(['--host', 'cursor']);
    const host = run.byId('host:cursor');
    expect(host.status).toBe('fail');
    expect(host.summary).toBe('Cursor has no config file (looked for ~/.cursor/mcp.json)');
    expect(host.fix).toBe('socbridge install --host cursor');
    expect(run.code).toBe(1);
  });

  it('fails for a config file that does not parse, with its line and column, and leaves it alone', async () => {
    const broken = '{\n  "mcpServers": {\n    "socbridge": { "command": "npx", }\n';
    writeClaude(broken);
    const run = await doctor();
    const host = run.byId('host:claude');
    expect(host.status).toBe('fail');
    expect(host.summary).toMatch(/^~\/\.config\/Claude\/claude_desktop_config\.json:\d+:\d+: /);
    expect(host.fix).toContain('Claude Desktop cannot read it either');
    expect(run.code).toBe(1);
    expect(readFileSync(claudeFile(), 'utf8')).toBe(broken);
  });

  it('fails when --host has a file without a socbridge entry, but only notes it without --host', async () => {
    writeClaude(JSON.stringify({ mcpServers: { other: { command: 'uvx', args: ['some-server'] } } }));
    const asked = await doctor(['--host', 'claude']);
    expect(asked.byId('host:claude')).toMatchObject({ status: 'fail', fix: 'socbridge install --host claude' });
    expect(asked.byId('host:claude').summary).toContain('no socbridge entry (1 other server(s))');
    const scanned = await doctor();
    expect(scanned.byId('host:claude').status).toBe('ok');
    expect(scanned.byId('host:claude').summary).toContain('not configured for this host');
    expect(scanned.byId('hosts')).toMatchObject({ status: 'warn', summary: 'socbridge is not configured in any host config file' });
  });

  it('warns when the entry pins an older socbridge, with the command that updates it', async () => {
    expect(await install(['--host', 'claude', '--url', sandbox.url, '--api-key', sandbox.keys.full, '--profile', PROFILE])).toBe(0);
    writeClaude(readFileSync(claudeFile(), 'utf8').replace(`socbridge@${VERSION}`, 'socbridge@0.0.1'));
    const run = await doctor(['--host', 'claude']);
    const host = run.byId('host:claude');
    expect(host.status).toBe('warn');
    expect(host.summary).toMatch(new RegExp(`^the entry runs socbridge 0\\.0\\.1, this doctor is ${VERSION.replace(/\./g, '\\.')}`));
    expect(host.fix).toContain('socbridge install --host claude');
    expect(run.code).toBe(0);
  });

  it('warns when npx is only on this shell\'s PATH, not the desktop session\'s, with the --launcher node fix', async () => {
    expect(await install(['--host', 'claude', '--url', sandbox.url, '--api-key', sandbox.keys.full, '--profile', PROFILE])).toBe(0);
    // The desktop session's PATH comes from the login profile; this one leaves out every Node install.
    writeFileSync(path.join(machine.home, '.profile'), `PATH=${path.join(machine.root, 'desktop-bin')}\nexport PATH\n`);
    const run = await doctor(['--host', 'claude']);
    const host = run.byId('host:claude');
    expect(host.status).toBe('warn');
    expect(host.summary).toMatch(/npx is only on this shell's PATH \(\/\S+\/npx\); Claude Desktop starts servers with a desktop login session/);
    expect(host.summary).toContain('spawn npx ENOENT');
    expect(host.fix).toContain('socbridge install --host claude --launcher node');
  });

  it('fails an entry whose node and script paths are gone, and one whose profile is missing', async () => {
    writeClaude(
      JSON.stringify({
        mcpServers: {
          socbridge: { command: path.join(machine.root, 'gone', 'node'), args: [path.join(machine.root, 'gone', 'socbridge', 'bin', 'socbridge.js'), 'serve', '--profile', 'ghost'] },
        },
      }),
    );
    const run = await doctor(['--host', 'claude']);
    const host = run.byId('host:claude');
    expect(host.status).toBe('fail');
    expect(host.summary).toContain('gone/node does not exist or is not executable');
    expect(host.summary).toContain('socbridge.js does not exist');
    expect(host.summary).toContain('the entry uses profile "ghost", which');
    expect(host.fix).toContain('--launcher node');
  });

  it("warns when this shell's CA or proxy settings are missing from the entry's env", async () => {
    expect(await install(['--host', 'claude', '--url', sandbox.url, '--api-key', sandbox.keys.full, '--profile', PROFILE])).toBe(0);
    const bundle = path.join(machine.root, 'corp-ca.pem');
    // Any real PEM certificate will do: one of the roots Node ships.
    writeFileSync(bundle, rootCertificates[0] ?? '');
    const run = await doctor(['--host', 'claude'], { NODE_EXTRA_CA_CERTS: bundle });
    const host = run.byId('host:claude');
    expect(host.status).toBe('warn');
    expect(host.summary).toContain("this shell sets NODE_EXTRA_CA_CERTS but the entry's env does not");
    expect(host.fix).toContain('run socbridge install --host claude again from this shell');
  });

  it('reads TOML (Codex) and YAML (Continue) host files too', async () => {
    expect(await install(['--host', 'codex', '--url', sandbox.url, '--api-key', sandbox.keys.full, '--profile', PROFILE])).toBe(0);
    expect(await install(['--host', 'continue', '--url', sandbox.url, '--api-key', sandbox.keys.full, '--profile', PROFILE])).toBe(0);
    const run = await doctor();
    expect(run.byId('host:codex').status, run.byId('host:codex').summary).toBe('ok');
    expect(run.byId('host:codex').summary).toContain("on this shell's PATH (it starts from a terminal)");
    expect(run.byId('host:continue').status, run.byId('host:continue').summary).toBe('ok');
    expect(run.checks.some((c) => c.id === 'hosts')).toBe(false);
  });
});
