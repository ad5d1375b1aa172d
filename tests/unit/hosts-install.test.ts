import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/usage-error.js';
import { listProfiles, readProfile } from '../../src/config/profiles.js';
import { ConfigAccessError, ConfigShapeError, ConfigSyntaxError, EntryConflictError } from '../../src/hosts/errors.js';
import { install } from '../../src/hosts/install.js';
import type { HostPlatform } from '../../src/hosts/platform.js';
import { HOSTS, locate, scopesOf } from '../../src/hosts/registry.js';
import { listPaths } from '../../src/hosts/status.js';
import type { FileHost } from '../../src/hosts/types.js';
import { uninstall } from '../../src/hosts/uninstall.js';
import { installRequest, machineContext, runtimeFor, tempMachine, type TempMachine } from '../helpers/hosts.js';

const KEY = 'aisoc_1a2b3c4d5e6f7a8b9c0d1e2f3a4b9f0c';
const FILE_HOSTS = HOSTS.filter((h): h is FileHost => h.kind === 'file');

let machine: TempMachine;
beforeEach(() => {
  machine = tempMachine();
});
afterEach(() => machine.cleanup());

function read(file: string): string {
  return readFileSync(file, 'utf8');
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

function uninstallRequest(host: string, overrides: Partial<Parameters<typeof uninstall>[0]> = {}) {
  return { host, all: false, name: 'socbridge', forgetKey: false, dryRun: false, yes: false, ...overrides };
}

describe('install into every host and scope', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as HostPlatform[]) {
    it(`writes exactly these bytes on ${platform}, then nothing on a second run, and uninstall empties them`, async () => {
      const ctx = machineContext(machine, platform, { env: { HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: 'localhost,.corp' } });
      for (const host of FILE_HOSTS) {
        for (const scope of scopesOf(host)) {
          const report = await install(installRequest({ host: host.id, scope }), runtimeFor(ctx));
          expect(report.outcomes.map((o) => o.action)).toEqual([expect.stringMatching(/^(created|added)$/)]);
        }
      }
      const written = [...filesUnder(machine.home), ...filesUnder(machine.project)];
      const snapshot = written
        .map((file) => `=== ${file.replace(machine.home, '~').replace(machine.project, '<project>')}\n${read(file).replaceAll(machine.project, '<project>')}`)
        .join('\n');
      await expect(snapshot).toMatchFileSnapshot(`./__snapshots__/hosts-installed.${platform}.txt`);
      expect(snapshot).not.toContain(KEY);

      const mtimes = written.map((f) => statSync(f).mtimeMs);
      for (const host of FILE_HOSTS) {
        for (const scope of scopesOf(host)) {
          const again = await install(installRequest({ host: host.id, scope }), runtimeFor(ctx));
          expect(again.outcomes[0]?.action, `${host.id} ${scope}`).toBe('unchanged');
        }
      }
      expect(written.map((f) => statSync(f).mtimeMs)).toEqual(mtimes);

      for (const host of FILE_HOSTS) {
        for (const scope of scopesOf(host)) {
          const removed = await uninstall(uninstallRequest(host.id, { scope }), { ctx });
          expect(removed.outcomes[0]?.action, `${host.id} ${scope}`).toMatch(/^(removed|deleted)$/);
        }
      }
      // Continue's project block existed only for us and is gone; every other file keeps an empty container.
      expect(existsSync(path.join(machine.project, '.continue', 'mcpServers', 'socbridge.yaml'))).toBe(false);
      const status = await listPaths(ctx, { name: 'socbridge' });
      expect(status.rows.filter((r) => r.configured)).toEqual([]);
      expect(status.rows.filter((r) => r.error)).toEqual([]);
    });
  }

  it('prints a snippet for hosts without a config file, and writes nothing', async () => {
    const ctx = machineContext(machine, 'linux');
    for (const id of ['cody', 'jetbrains']) {
      const report = await install(installRequest({ host: id }), runtimeFor(ctx));
      expect(report.outcomes[0]?.action).toBe('snippet');
      expect(JSON.parse(report.outcomes[0]?.snippet ?? '')).toEqual({
        [id === 'cody' ? 'cody.mcpServers' : 'mcpServers']: {
          socbridge: { command: 'npx', args: ['-y', 'socbridge@1.2.3', 'serve', '--profile', 'aisoc-aisoc.example.com'] },
        },
      });
    }
    expect(filesUnder(machine.home)).toEqual([]);
  });
});

/** Realistic files as each host (or its user) leaves them. */
const REALISTIC: Record<string, string> = {
  claude: '{\n  "mcpServers": {\n    "filesystem": {\n      "command": "npx",\n      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/ana/Desktop"]\n    }\n  },\n  "globalShortcut": ""\n}\n',
  'claude-code': '{\n  "numStartups": 12,\n  "theme": "dark",\n  "mcpServers": {},\n  "projects": {\n    "/home/ana/other": {\n      "allowedTools": [],\n      "mcpServers": {}\n    }\n  }\n}',
  cursor: '{\n\t"mcpServers": {\n\t\t// the design system docs\n\t\t"figma": {"url": "http://127.0.0.1:3845/sse"},\n\t}\n}\n',
  windsurf: '{\r\n  "mcpServers": {\r\n    "git": {\r\n      "command": "uvx",\r\n      "args": ["mcp-server-git"]\r\n    }\r\n  }\r\n}\r\n',
  vscode: '// User MCP servers\n{\n  "inputs": [\n    {\n      "type": "promptString",\n      "id": "gh-token",\n      "description": "GitHub token — ünïcødé ✓",\n      "password": true\n    }\n  ],\n  "servers": {\n    "github": {\n      "type": "http",\n      "url": "https://api.githubcopilot.com/mcp/",\n    },\n  },\n}\n',
  continue: 'name: Local Assistant\nversion: 1.0.0\nschema: v1\n\nmodels:\n  - name: Claude   # default\n    provider: anthropic\n    model: claude-sonnet-4\n    apiKey: ${{ secrets.ANTHROPIC_API_KEY }}\n\nmcpServers:\n  - name: sqlite\n    command: uvx\n    args: [mcp-server-sqlite, --db-path, /tmp/test.db]\n',
  zed: '// Zed settings\n//\n// For information on how to configure Zed, see the Zed\n// documentation: https://zed.dev/docs/configuring-zed\n{\n  "ui_font_size": 16,\n  "buffer_font_size": 15,\n  "theme": {\n    "mode": "system",\n    "light": "One Light",\n    "dark": "One Dark"\n  }\n}\n',
  cline: '{\n  "mcpServers": {\n    "weather": {\n      "command": "node",\n      "args": ["/home/ana/weather/build/index.js"],\n      "disabled": false,\n      "autoApprove": []\n    }\n  }\n}',
  gemini: '{\n  "theme": "GitHub",\n  // sandbox off for local tools\n  "sandbox": false,\n  "mcpServers": {\n    "pythonTools": {"command": "python", "args": ["-m", "my_mcp_server"], "cwd": "./mcp-servers/python", "timeout": 15000}\n  }\n}\n',
  codex: '# ~/.codex/config.toml\nmodel = "gpt-5-codex"\nmodel_reasoning_effort = "high"\n\n[mcp_servers.docs]\ncommand = "docs-server"\nargs = ["--port", "4000"]\n\n[profiles.deep]\nmodel_reasoning_effort = "high"   # slow but thorough\n',
  goose: 'GOOSE_PROVIDER: openai\nGOOSE_MODEL: gpt-4o\nGOOSE_MODE: smart_approve\nextensions:\n  developer:\n    bundled: true\n    display_name: Developer\n    enabled: true\n    name: developer\n    timeout: 300\n    type: builtin\n',
  lmstudio: '{\n  "mcpServers": {\n    "hf-mcp-server": {\n      "url": "https://huggingface.co/mcp",\n      "headers": {"Authorization": "Bearer <token>"}\n    }\n  }\n}\n',
};

/** Zed's default settings have no context_servers: uninstall leaves the emptied container. */
const AFTER_UNINSTALL: Record<string, string> = {
  zed: (REALISTIC.zed as string).replace('"One Dark"\n  }\n}', '"One Dark"\n  },\n  "context_servers": {}\n}'),
};

describe('existing, realistic files', () => {
  for (const host of FILE_HOSTS) {
    it(`${host.id}: install keeps every other byte, a second install does not write, uninstall restores the file`, async () => {
      const ctx = machineContext(machine, 'linux');
      const file = locate(host, 'user', ctx, 'socbridge').file;
      const original = REALISTIC[host.id] as string;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, original);
      chmodSync(file, 0o640);

      const first = await install(installRequest({ host: host.id }), runtimeFor(ctx));
      expect(first.outcomes[0]).toMatchObject({ action: 'added', file, backup: `${file}.socbridge.bak` });
      const installed = read(file);
      expect(read(`${file}.socbridge.bak`)).toBe(original);
      expect(statSync(file).mode & 0o777).toBe(0o640);
      expect(installed.length).toBeGreaterThan(original.length);

      const mtime = statSync(file).mtimeMs;
      const second = await install(installRequest({ host: host.id }), runtimeFor(ctx));
      expect(second.outcomes[0]?.action).toBe('unchanged');
      expect(read(file)).toBe(installed);
      expect(statSync(file).mtimeMs).toBe(mtime);

      const removed = await uninstall(uninstallRequest(host.id), { ctx });
      expect(removed.outcomes[0]?.action).toBe('removed');
      expect(read(file)).toBe(AFTER_UNINSTALL[host.id] ?? original);
      // The backup is one-time: it still holds the original, not an intermediate version.
      expect(read(`${file}.socbridge.bak`)).toBe(original);
      expect(existsSync(`${file}.socbridge.lock`)).toBe(false);
    });
  }

  it('updates the entry in place for a new URL and key, and says the old profile stays', async () => {
    const ctx = machineContext(machine, 'linux');
    const file = path.join(machine.home, '.cursor', 'mcp.json');
    await install(installRequest({ host: 'cursor' }), runtimeFor(ctx));
    const second = await install(installRequest({ host: 'cursor', url: 'https://soc2.example.com/', apiKey: 'aisoc_ffffeeeeddddccccbbbbaaaa99998888' }), runtimeFor(ctx));
    expect(second.outcomes[0]?.action).toBe('updated');
    expect(second.outcomes[0]?.notes).toContain(
      'the entry used profile "aisoc-aisoc.example.com" before; it stays in the profile store (socbridge uninstall --forget-key removes a profile with its entry)',
    );
    expect(JSON.parse(read(file)).mcpServers.socbridge.args).toEqual(['-y', 'socbridge@1.2.3', 'serve', '--profile', 'aisoc-soc2.example.com']);
    expect(await readProfile('aisoc-soc2.example.com', ctx.env)).toEqual({ backend: 'aisoc', url: 'https://soc2.example.com', apiKey: 'aisoc_ffffeeeeddddccccbbbbaaaa99998888' });
    expect(second.profile).toMatchObject({ name: 'aisoc-soc2.example.com', action: 'created', key: 'aisoc_ff…8888' });
  });

  it('keeps fields a user added to our entry when updating it', async () => {
    const ctx = machineContext(machine, 'linux');
    const file = path.join(machine.home, '.config', 'Code', 'User', 'globalStorage', 'saoudrizwan.claude-dev', 'settings', 'cline_mcp_settings.json');
    await install(installRequest({ host: 'cline' }), runtimeFor(ctx));
    const withUserFields = read(file).replace('"command": "npx",', '"command": "npx",\n      "disabled": true,\n      "autoApprove": ["aisoc_list_alerts"],');
    writeFileSync(file, withUserFields);
    await install(installRequest({ host: 'cline', launcher: 'node' }), runtimeFor(ctx));
    expect(JSON.parse(read(file)).mcpServers.socbridge).toEqual({
      command: '/opt/node/bin/node',
      disabled: true,
      autoApprove: ['aisoc_list_alerts'],
      args: ['/opt/socbridge/bin/socbridge.js', 'serve', '--profile', 'aisoc-aisoc.example.com'],
    });
  });

  it('edits a symlinked config at its target and keeps the link', async () => {
    const ctx = machineContext(machine, 'darwin');
    const dotfiles = path.join(machine.root, 'dotfiles', 'claude.json');
    mkdirSync(path.dirname(dotfiles), { recursive: true });
    writeFileSync(dotfiles, REALISTIC.claude as string);
    const link = path.join(machine.home, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(dotfiles, link);
    const report = await install(installRequest({ host: 'claude' }), runtimeFor(ctx));
    expect(report.outcomes[0]).toMatchObject({ action: 'added', file: dotfiles });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(read(link)).mcpServers.socbridge.command).toBe('npx');
  });
});

describe('secrets', () => {
  it('keeps the key in the profile store, never in the host file', async () => {
    const ctx = machineContext(machine, 'linux');
    await install(installRequest({ host: 'claude-code' }), runtimeFor(ctx));
    expect(read(path.join(machine.home, '.claude.json'))).not.toContain(KEY);
    expect(await listProfiles(ctx.env)).toEqual({ 'aisoc-aisoc.example.com': { backend: 'aisoc', url: 'https://aisoc.example.com', apiKey: KEY } });
    expect(statSync(path.join(machine.configDir, 'profiles.json')).mode & 0o777).toBe(0o600);
  });

  it('--secret-in-config writes the key into env, sets 0600, and takes it out of the profile', async () => {
    const ctx = machineContext(machine, 'linux');
    const file = path.join(machine.home, '.gemini', 'settings.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, REALISTIC.gemini as string, { mode: 0o644 });
    await install(installRequest({ host: 'gemini' }), runtimeFor(ctx));
    const report = await install(installRequest({ host: 'gemini', secretInConfig: true }), runtimeFor(ctx));
    expect(report.outcomes[0]).toMatchObject({ action: 'updated', private: true });
    expect(JSON.parse(read(file).replace(/\/\/.*$/gm, '')).mcpServers.socbridge.env).toEqual({ SOCBRIDGE_API_KEY: KEY });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await readProfile('aisoc-aisoc.example.com', ctx.env))?.apiKey).toBeUndefined();
    expect(JSON.stringify(report)).not.toContain(KEY);
  });

  it('refuses --secret-in-config for project scope and writes nothing at all', async () => {
    const ctx = machineContext(machine, 'linux');
    for (const host of FILE_HOSTS.filter((h) => h.scopes.project)) {
      await expect(install(installRequest({ host: host.id, scope: 'project', secretInConfig: true }), runtimeFor(ctx))).rejects.toThrow(
        new UsageError("--secret-in-config is refused for project scope: that file is meant to be committed, so the key stays in socbridge's profile store"),
      );
    }
    expect(filesUnder(machine.root)).toEqual([]);
  });

  it('never puts the key or this machine\'s proxy into a project file', async () => {
    const ctx = machineContext(machine, 'win32', { env: { HTTPS_PROXY: 'http://user:hunter2hunter2@proxy:8080', NODE_EXTRA_CA_CERTS: '/etc/corp-ca.pem' } });
    for (const host of FILE_HOSTS.filter((h) => h.scopes.project)) {
      const report = await install(installRequest({ host: host.id, scope: 'project' }), runtimeFor(ctx));
      expect(report.outcomes[0]?.notes).toContain('project file: no key and no proxy settings were written; each teammate runs socbridge install (user scope) to store their own key');
    }
    for (const file of filesUnder(machine.project)) {
      expect(read(file)).not.toMatch(/aisoc_1a2b|hunter2|PROXY|corp-ca/);
      expect(read(file)).toContain('socbridge@1.2.3');
    }
  });

  it('writes proxy settings into user files, and treats a proxy password as a secret', async () => {
    const ctx = machineContext(machine, 'linux', { env: { HTTPS_PROXY: 'http://user:hunter2hunter2@proxy:8080', NODE_EXTRA_CA_CERTS: 'certs/corp.pem' } });
    const report = await install(installRequest({ host: 'windsurf', dryRun: true }), runtimeFor(ctx));
    expect(JSON.stringify(report)).not.toContain('hunter2hunter2');
    expect(report.outcomes[0]?.diff?.map((l) => l.text).join('\n')).toContain('"HTTPS_PROXY": "http://user:hu…ter2@proxy:8080"');
    await install(installRequest({ host: 'windsurf' }), runtimeFor(ctx));
    const file = path.join(machine.home, '.codeium', 'windsurf', 'mcp_config.json');
    expect(JSON.parse(read(file)).mcpServers.socbridge.env).toEqual({ HTTPS_PROXY: 'http://user:hunter2hunter2@proxy:8080', NODE_EXTRA_CA_CERTS: path.join(machine.project, 'certs/corp.pem') });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('--dry-run shows the change with the key masked and writes nothing, not even the profile', async () => {
    const ctx = machineContext(machine, 'linux');
    const report = await install(installRequest({ host: 'lmstudio', secretInConfig: true, dryRun: true }), runtimeFor(ctx));
    expect(report.outcomes[0]).toMatchObject({ action: 'created', file: path.join(machine.home, '.lmstudio', 'mcp.json') });
    expect(report.outcomes[0]?.diff).toContainEqual({ kind: '+', text: '        "SOCBRIDGE_API_KEY": "aisoc_1a…9f0c"' });
    expect(JSON.stringify(report)).not.toContain(KEY);
    expect(filesUnder(machine.root)).toEqual([]);
  });
});

describe('bad input', () => {
  it('refuses an unparsable file with file, line and column, and leaves it byte for byte', async () => {
    const ctx = machineContext(machine, 'linux');
    const file = path.join(machine.home, '.cursor', 'mcp.json');
    mkdirSync(path.dirname(file), { recursive: true });
    const broken = '{\n  "mcpServers": {\n    "a": {"command": "x"},,\n  }\n}\n';
    writeFileSync(file, broken);
    const mtime = statSync(file).mtimeMs;
    await expect(install(installRequest({ host: 'cursor' }), runtimeFor(ctx))).rejects.toThrow(
      new ConfigSyntaxError(file, 3, 27, 'expected a property name in double quotes'),
    );
    expect(read(file)).toBe(broken);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(readdirSync(path.dirname(file))).toEqual(['mcp.json']);
    // Nothing else happened either: no profile was saved.
    expect(existsSync(machine.configDir)).toBe(false);
  });

  it('refuses a top level that is not an object and a container of the wrong type', async () => {
    const ctx = machineContext(machine, 'linux');
    const file = path.join(machine.home, '.lmstudio', 'mcp.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '["not", "an", "object"]\n');
    await expect(install(installRequest({ host: 'lmstudio' }), runtimeFor(ctx))).rejects.toThrow(
      new ConfigShapeError(file, 'the top level is a list, but it must be an object'),
    );
    writeFileSync(file, '{"mcpServers": []}\n');
    await expect(install(installRequest({ host: 'lmstudio' }), runtimeFor(ctx))).rejects.toThrow(
      `${file}: mcpServers is a list, but it must be an object mapping server names to their settings; it was left unchanged`,
    );
    expect(read(file)).toBe('{"mcpServers": []}\n');
  });

  it('says which directory cannot be written', async () => {
    const ctx = machineContext(machine, 'linux');
    mkdirSync(machine.home, { recursive: true });
    writeFileSync(path.join(machine.home, '.cursor'), 'a file where the directory should be');
    await expect(install(installRequest({ host: 'cursor' }), runtimeFor(ctx))).rejects.toThrow(ConfigAccessError);
    await expect(install(installRequest({ host: 'cursor' }), runtimeFor(ctx))).rejects.toThrow(
      `cannot write to ${path.join(machine.home, '.cursor')}: a file is in the way; ${path.join(machine.home, '.cursor', 'mcp.json')} was left unchanged`,
    );
  });

  it('rejects an unknown host, a bad URL, a bad backend and a missing URL with usage errors', async () => {
    const ctx = machineContext(machine, 'linux');
    await expect(install(installRequest({ host: 'notepad' }), runtimeFor(ctx))).rejects.toThrow(/^unknown host "notepad"; valid hosts: claude, claude-code, /);
    await expect(install(installRequest({ host: 'cursor', url: 'ftp://soc.example.com' }), runtimeFor(ctx))).rejects.toThrow(
      new UsageError('--url must be an http:// or https:// URL (got "ftp://soc.example.com")'),
    );
    await expect(install(installRequest({ host: 'cursor', url: 'soc.example.com' }), runtimeFor(ctx))).rejects.toThrow('--url must be an http:// or https:// URL');
    await expect(install(installRequest({ host: 'cursor', backend: 'splunk' }), runtimeFor(ctx))).rejects.toThrow('--backend must be one of');
    const { url: _ignored, ...noUrl } = installRequest({ host: 'cursor' });
    await expect(install(noUrl, runtimeFor(ctx))).rejects.toThrow('--url is required');
    await expect(install(installRequest({ host: 'windsurf', scope: 'project' }), runtimeFor(ctx))).rejects.toThrow('Windsurf (windsurf) has no project scope');
    expect(filesUnder(machine.root)).toEqual([]);
  });

  it("won't replace someone else's server with our name unless told to", async () => {
    const ctx = machineContext(machine, 'linux');
    const file = path.join(machine.home, '.gemini', 'settings.json');
    mkdirSync(path.dirname(file), { recursive: true });
    const theirs = '{\n  "mcpServers": {\n    "socbridge": {"command": "their-own-tool"}\n  }\n}\n';
    writeFileSync(file, theirs);
    await expect(install(installRequest({ host: 'gemini' }), runtimeFor(ctx))).rejects.toThrow(EntryConflictError);
    await expect(install(installRequest({ host: 'gemini' }), runtimeFor(ctx, async () => false))).rejects.toThrow(
      `${file} already has a server named "socbridge" that does not run socbridge; pass --name <other-name> to keep it, or --yes to replace it. The file was left unchanged`,
    );
    expect(read(file)).toBe(theirs);
    await expect(uninstall(uninstallRequest('gemini'), { ctx })).rejects.toThrow(EntryConflictError);
    const replaced = await install(installRequest({ host: 'gemini', yes: true }), runtimeFor(ctx));
    expect(replaced.outcomes[0]?.action).toBe('updated');
  });
});

describe('several writers at once', () => {
  it('keeps every entry when installs into one file run concurrently', async () => {
    const ctx = machineContext(machine, 'linux');
    const names = Array.from({ length: 8 }, (_, i) => `soc-${i}`);
    await Promise.all(names.map((name) => install(installRequest({ host: 'claude-code', name }), runtimeFor(ctx))));
    expect(Object.keys(JSON.parse(read(path.join(machine.home, '.claude.json'))).mcpServers).sort()).toEqual(names);
  });
});

describe('--all, list-paths and uninstall --forget-key', () => {
  it('configures only the hosts found on this machine, after confirmation', async () => {
    const ctx = machineContext(machine, 'linux');
    mkdirSync(path.join(machine.home, '.cursor'), { recursive: true });
    mkdirSync(path.join(machine.home, '.codex'), { recursive: true });
    await expect(install(installRequest({ all: true }), runtimeFor(ctx))).rejects.toThrow(/^--all would change 2 file\(s\): Cursor .*OpenAI Codex .*; re-run with --yes/);
    expect(filesUnder(machine.home)).toEqual([]);
    await expect(install(installRequest({ all: true }), runtimeFor(ctx, async () => false))).rejects.toThrow('cancelled; nothing was changed');
    const report = await install(installRequest({ all: true, yes: true }), runtimeFor(ctx));
    expect(report.outcomes.map((o) => [o.host.id, o.action])).toEqual([
      ['cursor', 'created'],
      ['codex', 'created'],
    ]);
  });

  it('--all reports a broken file and still configures the others', async () => {
    const ctx = machineContext(machine, 'linux');
    mkdirSync(path.join(machine.home, '.cursor'), { recursive: true });
    mkdirSync(path.join(machine.home, '.gemini'), { recursive: true });
    writeFileSync(path.join(machine.home, '.gemini', 'settings.json'), '{ "theme": ');
    const report = await install(installRequest({ all: true, yes: true }), runtimeFor(ctx));
    expect(report.outcomes.map((o) => [o.host.id, o.action])).toEqual([
      ['cursor', 'created'],
      ['gemini', 'failed'],
    ]);
    expect(report.outcomes[1]?.error).toMatch(/settings\.json:1:12: expected a value/);
  });

  it('lists every path with its status, version and backend', async () => {
    const ctx = machineContext(machine, 'darwin');
    await install(installRequest({ host: 'claude' }), runtimeFor(ctx));
    await install(installRequest({ host: 'vscode', scope: 'project' }), runtimeFor(ctx));
    mkdirSync(path.join(machine.home, '.cursor'), { recursive: true });
    writeFileSync(path.join(machine.home, '.cursor', 'mcp.json'), '{ oops');
    const { rows } = await listPaths(ctx, { name: 'socbridge' });
    const byKey = (host: string, scope: string) => rows.find((r) => r.host === host && r.scope === scope);
    expect(byKey('claude', 'user')).toMatchObject({
      exists: true,
      configured: true,
      servers: [{ name: 'socbridge', launcher: 'npx', version: '1.2.3', backend: 'aisoc', profile: 'aisoc-aisoc.example.com', url: 'https://aisoc.example.com', keyInConfig: false }],
    });
    expect(byKey('vscode', 'project')).toMatchObject({ file: path.join(machine.project, '.vscode', 'mcp.json'), configured: true });
    expect(byKey('cursor', 'user')?.error).toMatch(/mcp\.json:1:3: /);
    expect(byKey('zed', 'user')).toMatchObject({ exists: false, configured: false, file: path.join(machine.home, '.config', 'zed', 'settings.json') });
    expect(rows.find((r) => r.host === 'jetbrains')).toMatchObject({ file: null, scope: null });
    expect(rows.length).toBe(FILE_HOSTS.reduce((n, h) => n + scopesOf(h).length, 0) + 2);
  });

  it('uninstall --forget-key deletes the profile and warns about hosts still using it', async () => {
    const ctx = machineContext(machine, 'linux');
    await install(installRequest({ host: 'cursor' }), runtimeFor(ctx));
    await install(installRequest({ host: 'zed' }), runtimeFor(ctx));
    const report = await uninstall(uninstallRequest('cursor', { forgetKey: true }), { ctx });
    expect(report.forgotten).toEqual(['aisoc-aisoc.example.com']);
    expect(report.warnings).toEqual(['profile "aisoc-aisoc.example.com" is still used by Zed (user); those entries stop working without it']);
    expect(await listProfiles(ctx.env)).toEqual({});
    const again = await uninstall(uninstallRequest('cursor'), { ctx });
    expect(again.outcomes[0]?.action).toBe('absent');
  });
});
