import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, childEnv, ROOT, type RunResult } from '../helpers/cli.js';
import { tempMachine, type TempMachine } from '../helpers/hosts.js';

/**
 * The built CLI as a user runs it: a real process, with HOME, APPDATA, XDG_CONFIG_HOME and the
 * profile store pointed at a temporary machine, and the project scope in a temporary directory.
 */
const KEY = 'aisoc_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let machine: TempMachine;
beforeEach(() => {
  machine = tempMachine();
  mkdirSync(machine.project, { recursive: true });
});
afterEach(() => machine.cleanup());

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOME: machine.home,
    USERPROFILE: machine.home,
    APPDATA: path.join(machine.home, 'AppData', 'Roaming'),
    LOCALAPPDATA: path.join(machine.home, 'AppData', 'Local'),
    XDG_CONFIG_HOME: path.join(machine.home, '.config'),
    CLAUDE_CONFIG_DIR: machine.home,
    CODEX_HOME: path.join(machine.home, '.codex'),
    SOCBRIDGE_CONFIG_DIR: machine.configDir,
    NO_COLOR: '1',
    ...extra,
  };
}

/** The child's environment: the installing shell's proxy and CA settings only when a test sets them. */
function hostEnv(extra: Record<string, string> = {}): Record<string, string> {
  const all = childEnv(env(extra));
  for (const name of Object.keys(all)) {
    if (/^(https?_proxy|no_proxy|node_extra_ca_certs)$/i.test(name) && !(name in extra)) delete all[name];
  }
  return all;
}

function socbridge(args: string[], options: { env?: Record<string, string>; uid?: number; gid?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: machine.project,
      env: hostEnv(options.env),
      stdio: 'pipe',
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

const claudeJson = () => path.join(machine.home, '.claude.json');
const INSTALL = ['install', '--url', 'https://aisoc.example.com', '--api-key', KEY];

describe('socbridge install / uninstall / list-paths', () => {
  it('installs once, reports "already configured" the second time, and uninstalls back to the original', async () => {
    mkdirSync(machine.home, { recursive: true });
    const original = '{\n  "theme": "dark",\n  "mcpServers": {\n    "other": {"command": "uvx", "args": ["other"]}\n  }\n}\n';
    writeFileSync(claudeJson(), original);

    const first = await socbridge([...INSTALL, '--host', 'claude-code']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`✓ profile "aisoc-aisoc.example.com" saved in ${path.join(machine.configDir, 'profiles.json')} (key aisoc_9f…b1a0)`);
    expect(first.stdout).toContain('✓ Claude Code: added "socbridge" → ~/.claude.json');
    expect(first.stdout).toContain('original kept in ~/.claude.json.socbridge.bak');
    expect(first.stdout).toContain('next: Start a new Claude Code session');
    expect(first.stdout).not.toContain(KEY);
    const entry = JSON.parse(readFileSync(claudeJson(), 'utf8')).mcpServers.socbridge;
    expect(entry).toEqual({ type: 'stdio', command: 'npx', args: ['-y', `socbridge@${VERSION}`, 'serve', '--profile', 'aisoc-aisoc.example.com'] });
    expect(readFileSync(claudeJson(), 'utf8')).not.toContain(KEY);

    const mtime = statSync(claudeJson()).mtimeMs;
    const second = await socbridge([...INSTALL, '--host', 'claude-code']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('• Claude Code: already configured in ~/.claude.json');
    expect(statSync(claudeJson()).mtimeMs).toBe(mtime);

    const removed = await socbridge(['uninstall', '--host', 'claude-code', '--forget-key']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('✓ Claude Code: removed "socbridge" → ~/.claude.json');
    expect(removed.stdout).toContain('✓ profile "aisoc-aisoc.example.com" deleted with its key');
    expect(readFileSync(claudeJson(), 'utf8')).toBe(original);
    expect(readFileSync(path.join(machine.configDir, 'profiles.json'), 'utf8')).not.toContain(KEY);
  });

  it('--dry-run prints the change and where, masks the key, and writes nothing', async () => {
    const run = await socbridge([...INSTALL, '--host', 'vscode', '--secret-in-config', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✓ profile "aisoc-aisoc.example.com" would be saved');
    expect(run.stdout).toContain(`would create the file with "socbridge" in ~/.config/Code/User/mcp.json`);
    expect(run.stdout).toContain('    + {');
    expect(run.stdout).toContain('    +   "servers": {');
    expect(run.stdout).toContain('"SOCBRIDGE_API_KEY": "aisoc_9f…b1a0"');
    expect(run.stdout).toContain('dry run: nothing was written');
    expect(run.stdout).not.toContain(KEY);
    expect(existsSync(machine.home)).toBe(false);
    expect(existsSync(machine.configDir)).toBe(false);
  });

  it('exits 2 for an unknown host, listing the valid ones, and for a URL that is not http(s)', async () => {
    const unknown = await socbridge([...INSTALL, '--host', 'notepad']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('socbridge: unknown host "notepad"; valid hosts: claude, claude-code, cursor, windsurf, vscode, continue, zed, cline, gemini, codex, goose, lmstudio, cody, jetbrains');
    const badUrl = await socbridge(['install', '--host', 'cursor', '--url', 'file:///etc/passwd', '--api-key', KEY]);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('socbridge: --url must be an http:// or https:// URL (got "file:///etc/passwd")');
    expect(badUrl.stderr).not.toContain(KEY);
    const projectSecret = await socbridge([...INSTALL, '--host', 'cursor', '--scope', 'project', '--secret-in-config']);
    expect(projectSecret.code).toBe(2);
    expect(projectSecret.stderr).toContain('--secret-in-config is refused for project scope');
    expect(existsSync(machine.home)).toBe(false);
  });

  it('exits 1 naming file, line and column for a config that does not parse, and leaves it alone', async () => {
    const file = path.join(machine.home, '.codex', 'config.toml');
    mkdirSync(path.dirname(file), { recursive: true });
    const broken = 'model = "o3"\n[mcp_servers.docs\ncommand = "docs"\n';
    writeFileSync(file, broken);
    const run = await socbridge([...INSTALL, '--host', 'codex']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^socbridge: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: .+; it was left unchanged\\n$`));
    expect(run.stderr).not.toContain(KEY);
    expect(readFileSync(file, 'utf8')).toBe(broken);
    expect(existsSync(machine.configDir)).toBe(false);
  });

  it('exits 1 with the directory named when it cannot be written', async () => {
    const cursorDir = path.join(machine.home, '.cursor');
    mkdirSync(cursorDir, { recursive: true });
    chmodSync(machine.root, 0o755);
    chmodSync(machine.home, 0o755);
    chmodSync(cursorDir, 0o555);
    // As root, permissions do not apply: run as an unprivileged user instead.
    const asRoot = process.getuid?.() === 0;
    const run = await socbridge([...INSTALL, '--host', 'cursor'], asRoot ? { uid: 65534, gid: 65534 } : {});
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`socbridge: cannot write to ${cursorDir}: permission denied; ${path.join(cursorDir, 'mcp.json')} was left unchanged\n`);
    expect(existsSync(machine.configDir)).toBe(false);
  });

  it('keeps both entries when two processes install into one file at the same time', async () => {
    const names = ['soc-a', 'soc-b', 'soc-c', 'soc-d'];
    const runs = await Promise.all(names.map((name) => socbridge([...INSTALL, '--host', 'claude-code', '--name', name])));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(claudeJson(), 'utf8')).mcpServers).sort()).toEqual(names);
    expect(existsSync(`${claudeJson()}.socbridge.lock`)).toBe(false);
  });

  it('list-paths shows every host with its status, as a table and as JSON', async () => {
    await socbridge([...INSTALL, '--host', 'zed']);
    await socbridge([...INSTALL, '--host', 'cursor', '--scope', 'project']);
    const table = await socbridge(['list-paths']);
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^HOST +SCOPE +CONFIG FILE +STATUS$/);
    expect(lines.find((l) => l.startsWith('Zed ') && l.includes('user'))).toMatch(
      new RegExp(`~/.config/zed/settings.json +socbridge ${VERSION.replace(/\./g, '\\.')} · aisoc · profile aisoc-aisoc.example.com$`),
    );
    expect(lines.find((l) => l.startsWith('Windsurf '))).toMatch(/no file$/);
    expect(lines.find((l) => l.startsWith('JetBrains AI Assistant'))).toContain('(set in the app; install prints a snippet)');

    const json = await socbridge(['install', '--list-paths', '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { rows: Array<{ host: string; scope: string; configured: boolean; file: string; servers: Array<{ version: string }> }> };
    expect(report.rows.filter((r) => r.configured).map((r) => [r.host, r.scope, r.servers[0]?.version])).toEqual([
      ['cursor', 'project', VERSION],
      ['zed', 'user', VERSION],
    ]);
    expect(report.rows.find((r) => r.host === 'cursor' && r.scope === 'project')?.file).toBe(path.join(machine.project, '.cursor', 'mcp.json'));
  });

  it('--launcher node writes absolute paths to node and to this installation', async () => {
    const run = await socbridge([...INSTALL, '--host', 'claude', '--launcher', 'node']);
    expect(run.code, run.stderr).toBe(0);
    const file = path.join(machine.home, '.config', 'Claude', 'claude_desktop_config.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).mcpServers.socbridge).toEqual({
      command: process.execPath,
      args: [BIN, 'serve', '--profile', 'aisoc-aisoc.example.com'],
    });
  });
});

describe('an installed entry, launched the way its host launches it', () => {
  it('serves the backend from the stored profile: the key reaches the backend, never the host file', async () => {
    const { startSandbox } = await import('../../src/sandbox/index.js');
    const { Client } = await import('@modelcontextprotocol/client');
    const { StdioClientTransport } = await import('@modelcontextprotocol/client/stdio');
    const sandbox = await startSandbox({ seed: 'installed-entry' });
    try {
      const run = await socbridge(['install', '--host', 'claude', '--launcher', 'node', '--url', sandbox.url, '--api-key', sandbox.keys.full]);
      expect(run.code, run.stderr).toBe(0);
      const file = path.join(machine.home, '.config', 'Claude', 'claude_desktop_config.json');
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain(sandbox.keys.full);
      const entry = (JSON.parse(text) as { mcpServers: Record<string, { command: string; args: string[]; env?: Record<string, string> }> }).mcpServers.socbridge!;

      // A host passes only the entry's env over a minimal base (this test machine keeps socbridge's
      // profile store at SOCBRIDGE_CONFIG_DIR; on a real one it is found from HOME).
      const transport = new StdioClientTransport({
        command: entry.command,
        args: entry.args,
        env: { PATH: process.env.PATH ?? '', HOME: machine.home, SOCBRIDGE_CONFIG_DIR: machine.configDir, ...entry.env },
        stderr: 'pipe',
      });
      const client = new Client({ name: 'claude-desktop-stand-in', version: '1' });
      await client.connect(transport);
      try {
        const result = await client.callTool({ name: 'aisoc_list_alerts', arguments: { page_size: 1 } });
        expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
        expect((result.structuredContent as { items: unknown[] }).items).toHaveLength(1);
      } finally {
        await client.close();
      }
    } finally {
      await sandbox.close();
    }
  });
});
