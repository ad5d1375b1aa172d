import { describe, expect, it } from 'vitest';
import { buildLaunch, passthroughEnv, shapeEntry } from '../../src/hosts/entry.js';
import type { HostPlatform } from '../../src/hosts/platform.js';
import { profileNameFor } from '../../src/hosts/profile-name.js';
import { findHost, HOSTS, locate, scopesOf } from '../../src/hosts/registry.js';
import { UsageError } from '../../src/cli/usage-error.js';
import type { FileHost } from '../../src/hosts/types.js';
import { paperContext } from '../helpers/hosts.js';

function table(platform: HostPlatform, env: NodeJS.ProcessEnv = {}, insiders = false): string[] {
  const ctx = paperContext(platform, env, insiders);
  return HOSTS.filter((h): h is FileHost => h.kind === 'file').flatMap((host) =>
    scopesOf(host).map((scope) => {
      const at = locate(host, scope, ctx, 'socbridge');
      return `${host.id} ${scope}: ${at.file} [${at.container.join(' > ')}]${at.shared ? ' shared' : ''}`;
    }),
  );
}

describe('host config paths', () => {
  it('on macOS', () => {
    expect(table('darwin')).toMatchInlineSnapshot(`
      [
        "claude user: /Users/ana/Library/Application Support/Claude/claude_desktop_config.json [mcpServers]",
        "claude-code user: /Users/ana/.claude.json [mcpServers]",
        "claude-code local: /Users/ana/.claude.json [projects > /work/app > mcpServers]",
        "claude-code project: /work/app/.mcp.json [mcpServers] shared",
        "cursor user: /Users/ana/.cursor/mcp.json [mcpServers]",
        "cursor project: /work/app/.cursor/mcp.json [mcpServers] shared",
        "windsurf user: /Users/ana/.codeium/windsurf/mcp_config.json [mcpServers]",
        "vscode user: /Users/ana/Library/Application Support/Code/User/mcp.json [servers]",
        "vscode project: /work/app/.vscode/mcp.json [servers] shared",
        "continue user: /Users/ana/.continue/config.yaml [mcpServers]",
        "continue project: /work/app/.continue/mcpServers/socbridge.yaml [mcpServers] shared",
        "zed user: /Users/ana/.config/zed/settings.json [context_servers]",
        "zed project: /work/app/.zed/settings.json [context_servers] shared",
        "cline user: /Users/ana/Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json [mcpServers]",
        "gemini user: /Users/ana/.gemini/settings.json [mcpServers]",
        "gemini project: /work/app/.gemini/settings.json [mcpServers] shared",
        "codex user: /Users/ana/.codex/config.toml [mcp_servers]",
        "goose user: /Users/ana/.config/goose/config.yaml [extensions]",
        "lmstudio user: /Users/ana/.lmstudio/mcp.json [mcpServers]",
      ]
    `);
  });

  it('on Windows', () => {
    expect(table('win32')).toMatchInlineSnapshot(`
      [
        "claude user: C:\\Users\\ana\\AppData\\Roaming\\Claude\\claude_desktop_config.json [mcpServers]",
        "claude-code user: C:\\Users\\ana\\.claude.json [mcpServers]",
        "claude-code local: C:\\Users\\ana\\.claude.json [projects > C:\\work\\app > mcpServers]",
        "claude-code project: C:\\work\\app\\.mcp.json [mcpServers] shared",
        "cursor user: C:\\Users\\ana\\.cursor\\mcp.json [mcpServers]",
        "cursor project: C:\\work\\app\\.cursor\\mcp.json [mcpServers] shared",
        "windsurf user: C:\\Users\\ana\\.codeium\\windsurf\\mcp_config.json [mcpServers]",
        "vscode user: C:\\Users\\ana\\AppData\\Roaming\\Code\\User\\mcp.json [servers]",
        "vscode project: C:\\work\\app\\.vscode\\mcp.json [servers] shared",
        "continue user: C:\\Users\\ana\\.continue\\config.yaml [mcpServers]",
        "continue project: C:\\work\\app\\.continue\\mcpServers\\socbridge.yaml [mcpServers] shared",
        "zed user: C:\\Users\\ana\\AppData\\Roaming\\Zed\\settings.json [context_servers]",
        "zed project: C:\\work\\app\\.zed\\settings.json [context_servers] shared",
        "cline user: C:\\Users\\ana\\AppData\\Roaming\\Code\\User\\globalStorage\\saoudrizwan.claude-dev\\settings\\cline_mcp_settings.json [mcpServers]",
        "gemini user: C:\\Users\\ana\\.gemini\\settings.json [mcpServers]",
        "gemini project: C:\\work\\app\\.gemini\\settings.json [mcpServers] shared",
        "codex user: C:\\Users\\ana\\.codex\\config.toml [mcp_servers]",
        "goose user: C:\\Users\\ana\\AppData\\Roaming\\Block\\goose\\config\\config.yaml [extensions]",
        "lmstudio user: C:\\Users\\ana\\.lmstudio\\mcp.json [mcpServers]",
      ]
    `);
  });

  it('on Linux', () => {
    expect(table('linux')).toMatchInlineSnapshot(`
      [
        "claude user: /home/ana/.config/Claude/claude_desktop_config.json [mcpServers]",
        "claude-code user: /home/ana/.claude.json [mcpServers]",
        "claude-code local: /home/ana/.claude.json [projects > /work/app > mcpServers]",
        "claude-code project: /work/app/.mcp.json [mcpServers] shared",
        "cursor user: /home/ana/.cursor/mcp.json [mcpServers]",
        "cursor project: /work/app/.cursor/mcp.json [mcpServers] shared",
        "windsurf user: /home/ana/.codeium/windsurf/mcp_config.json [mcpServers]",
        "vscode user: /home/ana/.config/Code/User/mcp.json [servers]",
        "vscode project: /work/app/.vscode/mcp.json [servers] shared",
        "continue user: /home/ana/.continue/config.yaml [mcpServers]",
        "continue project: /work/app/.continue/mcpServers/socbridge.yaml [mcpServers] shared",
        "zed user: /home/ana/.config/zed/settings.json [context_servers]",
        "zed project: /work/app/.zed/settings.json [context_servers] shared",
        "cline user: /home/ana/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json [mcpServers]",
        "gemini user: /home/ana/.gemini/settings.json [mcpServers]",
        "gemini project: /work/app/.gemini/settings.json [mcpServers] shared",
        "codex user: /home/ana/.codex/config.toml [mcp_servers]",
        "goose user: /home/ana/.config/goose/config.yaml [extensions]",
        "lmstudio user: /home/ana/.lmstudio/mcp.json [mcpServers]",
      ]
    `);
  });

  it('honours XDG_CONFIG_HOME, CLAUDE_CONFIG_DIR, CODEX_HOME and --insiders', () => {
    const lines = table('linux', { XDG_CONFIG_HOME: '/xdg', CLAUDE_CONFIG_DIR: '/cc', CODEX_HOME: '/codex-home' }, true);
    expect(lines.filter((l) => /^(claude|claude-code|vscode|cline|zed|goose|codex) /.test(l))).toMatchInlineSnapshot(`
      [
        "claude user: /xdg/Claude/claude_desktop_config.json [mcpServers]",
        "claude-code user: /cc/.claude.json [mcpServers]",
        "claude-code local: /cc/.claude.json [projects > /work/app > mcpServers]",
        "claude-code project: /work/app/.mcp.json [mcpServers] shared",
        "vscode user: /xdg/Code - Insiders/User/mcp.json [servers]",
        "vscode project: /work/app/.vscode/mcp.json [servers] shared",
        "zed user: /xdg/zed/settings.json [context_servers]",
        "zed project: /work/app/.zed/settings.json [context_servers] shared",
        "cline user: /xdg/Code - Insiders/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json [mcpServers]",
        "codex user: /codex-home/config.toml [mcp_servers]",
        "goose user: /xdg/goose/config.yaml [extensions]",
      ]
    `);
  });

  it('ignores a relative XDG_CONFIG_HOME, as the XDG spec says', () => {
    const ctx = paperContext('linux', { XDG_CONFIG_HOME: 'relative/dir' });
    expect(locate(findHost('zed') as FileHost, 'user', ctx, 'socbridge').file).toBe('/home/ana/.config/zed/settings.json');
  });

  it('prefers the Windows MSIX path for Claude Desktop when its package directory exists', () => {
    const ctx = { ...paperContext('win32'), exists: (p: string) => p.endsWith('Claude_pzs8sxrjxfjjc') };
    expect(locate(findHost('claude') as FileHost, 'user', ctx, 'socbridge').file).toBe(
      'C:\\Users\\ana\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json',
    );
  });

  it('names every host in the error for an unknown id, and the scopes for a missing scope', () => {
    expect(() => findHost('emacs')).toThrow(UsageError);
    expect(() => findHost('emacs')).toThrow(
      'unknown host "emacs"; valid hosts: claude, claude-code, cursor, windsurf, vscode, continue, zed, cline, gemini, codex, goose, lmstudio, cody, jetbrains',
    );
    expect(() => locate(findHost('windsurf') as FileHost, 'project', paperContext('linux'), 'socbridge')).toThrow(
      'Windsurf (windsurf) has no project scope; its scopes: user',
    );
  });
});

describe('entries', () => {
  const base = { version: '1.2.3', profile: 'aisoc-soc.example.com', nodePath: '/usr/local/bin/node', scriptPath: '/usr/lib/node_modules/socbridge/bin/socbridge.js', env: {} };

  it('pins the version for npx and wraps it in cmd /c on Windows', () => {
    expect(buildLaunch({ ...base, platform: 'linux', launcher: 'npx' })).toEqual({
      command: 'npx',
      args: ['-y', 'socbridge@1.2.3', 'serve', '--profile', 'aisoc-soc.example.com'],
      env: {},
    });
    expect(buildLaunch({ ...base, platform: 'win32', launcher: 'npx' })).toEqual({
      command: 'cmd',
      args: ['/c', 'npx', '-y', 'socbridge@1.2.3', 'serve', '--profile', 'aisoc-soc.example.com'],
      env: {},
    });
  });

  it('uses absolute node and script paths with --launcher node', () => {
    expect(buildLaunch({ ...base, platform: 'darwin', launcher: 'node' })).toEqual({
      command: '/usr/local/bin/node',
      args: ['/usr/lib/node_modules/socbridge/bin/socbridge.js', 'serve', '--profile', 'aisoc-soc.example.com'],
      env: {},
    });
  });

  it("spells the entry the way each host reads it", () => {
    const launch = buildLaunch({ ...base, platform: 'linux', launcher: 'npx', env: { HTTPS_PROXY: 'http://proxy:3128' } });
    const shapes = Object.fromEntries(HOSTS.map((h) => [h.id, Object.keys(shapeEntry(h.entry, launch, 'socbridge')).join(',')]));
    expect(shapes).toEqual({
      claude: 'command,args,env',
      'claude-code': 'type,command,args,env',
      cursor: 'command,args,env',
      windsurf: 'command,args,env',
      vscode: 'type,command,args,env',
      continue: 'name,type,command,args,env',
      zed: 'command,args,env',
      cline: 'command,args,env',
      gemini: 'command,args,env',
      codex: 'command,args,env,startup_timeout_sec',
      goose: 'name,type,description,cmd,args,envs,enabled,timeout',
      lmstudio: 'command,args,env',
      cody: 'command,args,env',
      jetbrains: 'command,args,env',
    });
    expect(shapeEntry((findHost('codex') as FileHost).entry, launch, 'socbridge').startup_timeout_sec).toBe(30);
  });

  it('passes proxy and CA settings through, once per name, with the CA path made absolute', () => {
    expect(
      passthroughEnv({ https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1', NO_PROXY: 'localhost', NODE_EXTRA_CA_CERTS: 'certs/corp.pem', PATH: '/bin', HTTP_PROXY: '' }, '/work/app'),
    ).toEqual({ HTTPS_PROXY: 'http://upper:1', NO_PROXY: 'localhost', NODE_EXTRA_CA_CERTS: '/work/app/certs/corp.pem' });
  });

  it('names one profile per backend and URL', () => {
    expect(profileNameFor('aisoc', 'https://aisoc.example.com')).toBe('aisoc-aisoc.example.com');
    expect(profileNameFor('aisoc', 'http://10.0.0.5:8443/tenant/a')).toBe('aisoc-10.0.0.5-8443-tenant-a');
    expect(profileNameFor('aisoc', 'http://[::1]:9000')).toBe('aisoc-1-9000');
  });
});
