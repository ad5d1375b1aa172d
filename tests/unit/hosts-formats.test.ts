import { describe, expect, it } from 'vitest';
import { planRemove, planUpsert } from '../../src/hosts/edit.js';
import { ConfigShapeError, ConfigSyntaxError } from '../../src/hosts/errors.js';
import { formatOf } from '../../src/hosts/formats/index.js';
import type { EntryTarget, FormatId } from '../../src/hosts/types.js';

const ENTRY = { command: 'npx', args: ['-y', 'socbridge@1.2.3', 'serve', '--profile', 'aisoc-soc.example.com'], env: { HTTPS_PROXY: 'http://proxy.corp:3128' } };
const OWNED = ['command', 'args', 'env'];

interface Case {
  format: FormatId;
  target: EntryTarget;
  entry?: Record<string, unknown>;
  owned?: string[];
}

function install(text: string | undefined, c: Case) {
  return planUpsert({ format: formatOf(c.format), file: 'config', text, target: c.target, entry: c.entry ?? ENTRY, owned: c.owned ?? OWNED });
}

function uninstall(text: string, c: Case) {
  return planRemove({ format: formatOf(c.format), file: 'config', text, target: c.target });
}

/** Install adds one contiguous run of text (plus at most a comma); uninstall gives the original back. */
function expectRoundTrip(original: string, c: Case): string {
  const installed = install(original, c);
  expect(installed.changed).toBe(true);
  expect(install(installed.text, c).changed).toBe(false);
  expect(uninstall(installed.text, c).text).toBe(original);
  return installed.text;
}

function commonEnds(a: string, b: string): number {
  let head = 0;
  while (head < a.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return head + tail;
}

const mcp = (name = 'socbridge'): EntryTarget => ({ container: ['mcpServers'], kind: 'map', name });

describe('JSON and JSONC', () => {
  it('adds to a Claude Desktop file without touching other servers or settings', () => {
    const original = `{
  "mcpServers": {
    "filesystem": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/ana/Documents"]
    }
  },
  "globalShortcut": "Alt+Space"
}
`;
    const installed = expectRoundTrip(original, { format: 'json', target: mcp() });
    expect(installed).toMatchInlineSnapshot(`
      "{
        "mcpServers": {
          "filesystem": {
            "command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/ana/Documents"]
          },
          "socbridge": {
            "command": "npx",
            "args": ["-y", "socbridge@1.2.3", "serve", "--profile", "aisoc-soc.example.com"],
            "env": {
              "HTTPS_PROXY": "http://proxy.corp:3128"
            }
          }
        },
        "globalShortcut": "Alt+Space"
      }
      "
    `);
    // Only an insertion (and the comma it needs) — every other byte is where it was.
    expect(commonEnds(original, installed)).toBeGreaterThanOrEqual(original.length - 1);
  });

  it('keeps comments, trailing commas, tabs, CRLF and unicode in a VS Code mcp.json', () => {
    const original =
      '// Workspace MCP servers — ünïcødé ✓\r\n{\r\n\t"inputs": [\r\n\t\t{"type": "promptString", "id": "token", "password": true},\r\n\t],\r\n\t"servers": {\r\n\t\t/* the team\'s git server */\r\n\t\t"git": {"type": "stdio", "command": "uvx", "args": ["mcp-server-git"]}, // keep me\r\n\t},\r\n}\r\n';
    const c: Case = { format: 'jsonc', target: { container: ['servers'], kind: 'map', name: 'socbridge' }, entry: { type: 'stdio', ...ENTRY }, owned: ['type', ...OWNED] };
    const installed = expectRoundTrip(original, c);
    expect(installed).toMatchInlineSnapshot(`
      "// Workspace MCP servers — ünïcødé ✓
      {
      	"inputs": [
      		{"type": "promptString", "id": "token", "password": true},
      	],
      	"servers": {
      		/* the team's git server */
      		"git": {"type": "stdio", "command": "uvx", "args": ["mcp-server-git"]}, // keep me
      		"socbridge": {
      			"type": "stdio",
      			"command": "npx",
      			"args": ["-y", "socbridge@1.2.3", "serve", "--profile", "aisoc-soc.example.com"],
      			"env": {
      				"HTTPS_PROXY": "http://proxy.corp:3128"
      			}
      		},
      	},
      }
      "
    `);
    expect(installed.split('\r\n').every((line, i, all) => i === all.length - 1 || !line.includes('\n'))).toBe(true);
  });

  it('writes compactly into a one-line file', () => {
    const original = '{"mcpServers":{"a":{"command":"x"}},"z":1}';
    expect(expectRoundTrip(original, { format: 'json', target: mcp() })).toMatchInlineSnapshot(`"{"mcpServers":{"a":{"command":"x"}, "socbridge": {"command": "npx", "args": ["-y", "socbridge@1.2.3", "serve", "--profile", "aisoc-soc.example.com"], "env": {"HTTPS_PROXY": "http://proxy.corp:3128"}}},"z":1}"`);
  });

  it('creates the container (and a missing file) and leaves an empty container on uninstall', () => {
    const fresh = install(undefined, { format: 'json', target: mcp() });
    expect(fresh.text).toMatchInlineSnapshot(`
      "{
        "mcpServers": {
          "socbridge": {
            "command": "npx",
            "args": ["-y", "socbridge@1.2.3", "serve", "--profile", "aisoc-soc.example.com"],
            "env": {
              "HTTPS_PROXY": "http://proxy.corp:3128"
            }
          }
        }
      }
      "
    `);
    expect(uninstall(fresh.text, { format: 'json', target: mcp() }).text).toBe('{\n  "mcpServers": {}\n}\n');

    const other = '{\n    "theme": "dark"\n}\n';
    const added = install(other, { format: 'json', target: mcp() }).text;
    expect(added).toMatchInlineSnapshot(`
      "{
          "theme": "dark",
          "mcpServers": {
              "socbridge": {
                  "command": "npx",
                  "args": ["-y", "socbridge@1.2.3", "serve", "--profile", "aisoc-soc.example.com"],
                  "env": {
                      "HTTPS_PROXY": "http://proxy.corp:3128"
                  }
              }
          }
      }
      "
    `);
    expect(uninstall(added, { format: 'json', target: mcp() }).text).toBe('{\n    "theme": "dark",\n    "mcpServers": {}\n}\n');
  });

  it('round-trips an empty container and a null one', () => {
    expectRoundTrip('{\n  "mcpServers": {}\n}\n', { format: 'json', target: mcp() });
    const fromNull = install('{\n  "mcpServers": null\n}\n', { format: 'json', target: mcp() });
    expect(JSON.parse(fromNull.text)).toEqual({ mcpServers: { socbridge: ENTRY } });
  });

  it('writes Claude Code local scope under projects[<cwd>], next to the other projects', () => {
    const original = '{\n  "numStartups": 42,\n  "projects": {\n    "/home/ana/other": {\n      "allowedTools": []\n    }\n  }\n}\n';
    const c: Case = { format: 'json', target: { container: ['projects', '/home/ana/app', 'mcpServers'], kind: 'map', name: 'socbridge' } };
    const installed = install(original, c).text;
    expect(JSON.parse(installed)).toEqual({
      numStartups: 42,
      projects: { '/home/ana/other': { allowedTools: [] }, '/home/ana/app': { mcpServers: { socbridge: ENTRY } } },
    });
    expect(installed.startsWith('{\n  "numStartups": 42,\n  "projects": {\n    "/home/ana/other": {\n      "allowedTools": []\n    },\n')).toBe(true);
  });

  it('updates our fields in place and keeps fields the user added to the entry', () => {
    const original = `{
  "mcpServers": {
    "socbridge": {
      "command": "npx",
      "args": ["-y", "socbridge@1.0.0", "serve", "--profile", "aisoc-old.example.com"],
      "disabled": false,
      "autoApprove": ["aisoc_list_alerts"],
      "env": {
        "OLD": "1"
      }
    }
  }
}
`;
    const updated = install(original, { format: 'json', target: mcp() });
    expect(updated.changed).toBe(true);
    expect(updated.text).toMatchInlineSnapshot(`
      "{
        "mcpServers": {
          "socbridge": {
            "command": "npx",
            "args": ["-y", "socbridge@1.2.3", "serve", "--profile", "aisoc-soc.example.com"],
            "disabled": false,
            "autoApprove": ["aisoc_list_alerts"],
            "env": {
              "HTTPS_PROXY": "http://proxy.corp:3128"
            }
          }
        }
      }
      "
    `);
  });

  it('notes comments in a file whose host reads strict JSON', () => {
    expect(install('{ // mine\n}\n', { format: 'json', target: mcp() }).notes).toEqual([
      'the file has comments or trailing commas; this host reads strict JSON and may refuse it',
    ]);
    expect(install('{ // mine\n}\n', { format: 'jsonc', target: mcp() }).notes).toEqual([]);
  });

  it('refuses a file that does not parse, naming line and column', () => {
    const broken = '{\n  "mcpServers": {\n    "a": {"command": "x"}\n    "b": {}\n  }\n}\n';
    expect(() => install(broken, { format: 'json', target: mcp() })).toThrow(ConfigSyntaxError);
    expect(() => install(broken, { format: 'json', target: mcp() })).toThrow('config:4:5: expected ","');
  });

  it('refuses a top level or a container of the wrong type', () => {
    expect(() => install('[1, 2]', { format: 'json', target: mcp() })).toThrow(new ConfigShapeError('config', 'the top level is a list, but it must be an object'));
    expect(() => install('{"mcpServers": []}', { format: 'json', target: mcp() })).toThrow(
      'config: mcpServers is a list, but it must be an object mapping server names to their settings; it was left unchanged',
    );
    expect(() => install('{"mcpServers": "none"}', { format: 'json', target: mcp() })).toThrow('mcpServers is a string, but it must be an object');
    expect(() => install('{"projects": 3}', { format: 'json', target: { container: ['projects', '/a', 'mcpServers'], kind: 'map', name: 's' } })).toThrow(
      'config: projects is a number, but it must be an object; it was left unchanged',
    );
  });

  it('keeps a byte-order mark', () => {
    const original = '\uFEFF{\n  "mcpServers": {}\n}\n';
    const installed = expectRoundTrip(original, { format: 'json', target: mcp() });
    expect(installed.startsWith('\uFEFF{')).toBe(true);
  });
});

describe('YAML', () => {
  const continueTarget: EntryTarget = { container: ['mcpServers'], kind: 'list', name: 'socbridge' };
  const continueEntry = { name: 'socbridge', type: 'stdio', ...ENTRY };
  const continueCase: Case = { format: 'yaml', target: continueTarget, entry: continueEntry, owned: ['name', 'type', ...OWNED] };

  it('appends to a Continue config.yaml list, keeping comments and spacing byte for byte', () => {
    const original = `name: Local Assistant
version: 1.0.0
schema: v1

models:
  - name: GPT-4o      # the fast one
    provider: openai
    model: gpt-4o
    apiKey: \${{ secrets.OPENAI_API_KEY }}
    roles: [ chat, edit ]

mcpServers:
  - name: git
    command: uvx
    args:
      - mcp-server-git   # pinned

# rules come last
rules:
  - Always cite the alert id
`;
    const installed = expectRoundTrip(original, continueCase);
    expect(installed).toMatchInlineSnapshot(`
      "name: Local Assistant
      version: 1.0.0
      schema: v1

      models:
        - name: GPT-4o      # the fast one
          provider: openai
          model: gpt-4o
          apiKey: \${{ secrets.OPENAI_API_KEY }}
          roles: [ chat, edit ]

      mcpServers:
        - name: git
          command: uvx
          args:
            - mcp-server-git   # pinned
        - name: socbridge
          type: stdio
          command: npx
          args:
            - -y
            - socbridge@1.2.3
            - serve
            - --profile
            - aisoc-soc.example.com
          env:
            HTTPS_PROXY: http://proxy.corp:3128

      # rules come last
      rules:
        - Always cite the alert id
      "
    `);
    expect(commonEnds(original, installed)).toBe(original.length);
  });

  it("writes Goose's map the way serde_yaml does (sequences not indented)", () => {
    const original = `GOOSE_PROVIDER: anthropic
GOOSE_MODEL: claude-sonnet-4
extensions:
  developer:
    bundled: true
    enabled: true
    name: developer
    timeout: 300
    type: builtin
  github:
    args:
    - -y
    - '@modelcontextprotocol/server-github'
    cmd: npx
    enabled: true
    envs: {}
    name: github
    type: stdio
`;
    const entry = { name: 'socbridge', type: 'stdio', cmd: 'npx', args: ENTRY.args, envs: {}, enabled: true, timeout: 300 };
    const installed = expectRoundTrip(original, { format: 'yaml', target: { container: ['extensions'], kind: 'map', name: 'socbridge' }, entry, owned: Object.keys(entry) });
    expect(installed.slice(original.length)).toMatchInlineSnapshot(`
      "  socbridge:
          name: socbridge
          type: stdio
          cmd: npx
          args:
          - -y
          - socbridge@1.2.3
          - serve
          - --profile
          - aisoc-soc.example.com
          envs: {}
          enabled: true
          timeout: 300
      "
    `);
  });

  it('turns an empty flow list into a block and back', () => {
    expectRoundTrip('name: x\nmcpServers: []\nother: 1\n', continueCase);
  });

  it('handles a key with no value, a missing key, an empty file and CRLF', () => {
    const fromNull = install('extensions:\nGOOSE_MODE: auto\n', { format: 'yaml', target: { container: ['extensions'], kind: 'map', name: 'socbridge' } });
    expect(fromNull.text).toMatchInlineSnapshot(`
      "extensions:
        socbridge:
          command: npx
          args:
            - -y
            - socbridge@1.2.3
            - serve
            - --profile
            - aisoc-soc.example.com
          env:
            HTTPS_PROXY: http://proxy.corp:3128
      GOOSE_MODE: auto
      "
    `);
    const fresh = install(undefined, continueCase);
    expect(fresh.text).toMatchInlineSnapshot(`
      "mcpServers:
        - name: socbridge
          type: stdio
          command: npx
          args:
            - -y
            - socbridge@1.2.3
            - serve
            - --profile
            - aisoc-soc.example.com
          env:
            HTTPS_PROXY: http://proxy.corp:3128
      "
    `);
    const crlf = expectRoundTrip('name: x\r\nmcpServers:\r\n  - name: git\r\n    command: uvx\r\n', continueCase);
    expect(crlf.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('falls back to re-serialising a layout it does not splice (a flow list with items), and says so', () => {
    const original = 'name: x\nmcpServers: [{name: git, command: uvx}]\n';
    const installed = install(original, continueCase);
    expect(installed.notes).toEqual([
      'the file was re-serialised (a layout socbridge does not edit in place); its formatting outside the entry may have changed',
    ]);
    expect(formatOf('yaml').parse(installed.text, 'x')).toEqual({ name: 'x', mcpServers: [{ name: 'git', command: 'uvx' }, continueEntry] });
    expect(formatOf('yaml').parse(uninstall(installed.text, continueCase).text, 'x')).toEqual({ name: 'x', mcpServers: [{ name: 'git', command: 'uvx' }] });
  });

  it('refuses invalid YAML with line and column, and a container of the wrong type', () => {
    expect(() => install('mcpServers:\n  - name: a\n   bad: [\n', continueCase)).toThrow(ConfigSyntaxError);
    try {
      install('a: 1\nb: [1, 2\nc: 3\n', continueCase);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigSyntaxError);
      expect((error as ConfigSyntaxError).line).toBeGreaterThan(1);
    }
    expect(() => install('mcpServers:\n  git: {}\n', continueCase)).toThrow('mcpServers is an object, but it must be a list of servers');
    expect(() => install('- a\n- b\n', continueCase)).toThrow('the top level is a list, but it must be an object');
  });
});

describe('TOML', () => {
  const codex: Case = { format: 'toml', target: { container: ['mcp_servers'], kind: 'map', name: 'socbridge' }, entry: { ...ENTRY, startup_timeout_sec: 30 }, owned: [...OWNED, 'startup_timeout_sec'] };
  const original = `# Codex settings
model = "gpt-5-codex"
approval_policy = "on-request"

[mcp_servers.github]
command = "npx"
args = ["-y", "@modelcontextprotocol/server-github"]
env = { GITHUB_TOKEN = "from-keychain" }   # inline table

# Profiles
[profiles.fast]
model = "gpt-5-mini"
`;

  it("appends only our table and removes exactly it", () => {
    const installed = expectRoundTrip(original, codex);
    expect(installed.slice(original.length)).toMatchInlineSnapshot(`
      "
      [mcp_servers.socbridge]
      command = "npx"
      args = ["-y", "socbridge@1.2.3", "serve", "--profile", "aisoc-soc.example.com"]
      env = { HTTPS_PROXY = "http://proxy.corp:3128" }
      startup_timeout_sec = 30
      "
    `);
    expect(installed.startsWith(original)).toBe(true);
  });

  it('replaces our table in place, keeping keys we do not own (our env sub-table becomes inline)', () => {
    const existing = `model = "o3"

[mcp_servers.socbridge]
command = "npx"
args = ["-y", "socbridge@1.0.0", "serve"]
tool_timeout_sec = 120

[mcp_servers.socbridge.env]
OLD = "1"

[mcp_servers.other]
command = "other"
`;
    const updated = install(existing, codex);
    expect(updated.text).toMatchInlineSnapshot(`
      "model = "o3"

      [mcp_servers.socbridge]
      command = "npx"
      args = ["-y", "socbridge@1.2.3", "serve", "--profile", "aisoc-soc.example.com"]
      tool_timeout_sec = 120
      env = { HTTPS_PROXY = "http://proxy.corp:3128" }
      startup_timeout_sec = 30

      [mcp_servers.other]
      command = "other"
      "
    `);
    expect(install(updated.text, codex).changed).toBe(false);
  });

  it('refuses our server written as an inline table, a wrong-typed container and bad syntax', () => {
    expect(() => install('[mcp_servers]\nsocbridge = { command = "x" }\n', codex)).toThrow(
      'config: the "socbridge" server is not written as a [mcp_servers.socbridge] table; edit or remove it by hand; it was left unchanged',
    );
    expect(() => install('mcp_servers = []\n', codex)).toThrow('mcp_servers is a list, but it must be an object');
    expect(() => install('model = "o3"\n[mcp_servers.github\ncommand = "x"\n', codex)).toThrow(/^config:2:\d+: /);
  });

  it('is not fooled by header-like lines inside multi-line strings and arrays', () => {
    const tricky = `[profiles.notes]
text = """
[mcp_servers.socbridge]
command = "not-a-table"
"""
matrix = [
  [1, 2],
]

[[hooks]]
run = "echo"
`;
    const installed = expectRoundTrip(tricky, codex);
    expect(installed.startsWith(tricky)).toBe(true);
    expect((formatOf('toml').parse(installed, 'x') as { profiles: { notes: { text: string } } }).profiles.notes.text).toContain('not-a-table');
  });

  it('writes a fresh file', () => {
    expect(install(undefined, codex).text).toMatchInlineSnapshot(`
      "[mcp_servers.socbridge]
      command = "npx"
      args = ["-y", "socbridge@1.2.3", "serve", "--profile", "aisoc-soc.example.com"]
      env = { HTTPS_PROXY = "http://proxy.corp:3128" }
      startup_timeout_sec = 30
      "
    `);
  });
});
