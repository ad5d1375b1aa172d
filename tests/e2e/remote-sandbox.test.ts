import type { CallToolResult, Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { connectServe, type Connected } from '../helpers/cli.js';
import { clearSandbox, requestsSeen, waitForRequests } from '../helpers/sandbox-control.js';
import { connect } from '../sandbox/mcp-client.js';

/**
 * `serve --backend mcp`, the built CLI driven over real stdio by the official client, bridging the
 * in-process sandbox's `/mcp` (streamable HTTP) and `/sse` (legacy SSE). What the host sees is
 * compared with what the official client sees talking to the sandbox directly.
 */

type Wire = 'http' | 'sse';
const WIRES: ReadonlyArray<{ wire: Wire; path: string }> = [
  { wire: 'http', path: '/mcp' },
  { wire: 'sse', path: '/sse' },
];

let sandbox: SandboxHandle;
let scanHost: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'remote-e2e' });
  const direct = await connect(sandbox, 'http', sandbox.mcpKeys.full);
  try {
    const page = await direct.callTool({ name: 'list_alerts', arguments: { limit: 1 } });
    const alertId = (page.structuredContent as { items: Array<{ id: string }> }).items[0]!.id;
    const alert = await direct.callTool({ name: 'get_alert', arguments: { alert_id: alertId } });
    scanHost = (alert.structuredContent as { affected: { hosts: string[] } }).affected.hosts[0]!;
  } finally {
    await direct.close();
  }
});
afterAll(async () => {
  await sandbox.close();
});

function bridge(target: SandboxHandle, path: string, args: string[] = [], key = target.mcpKeys.full): Promise<Connected> {
  return connectServe(['--backend', 'mcp', '--url', `${target.url}${path}`, ...args], { env: { SOCBRIDGE_API_KEY: key } });
}

async function withBridge<T>(path: string, args: string[], use: (host: Client, stderr: () => string) => Promise<T>, key?: string): Promise<T> {
  const session = await bridge(sandbox, path, args, key);
  try {
    return await use(session.client, session.stderr);
  } finally {
    await session.close();
  }
}

function text(result: CallToolResult | { content?: unknown }): string {
  return ((result.content ?? []) as Array<{ type: string; text?: string }>).map((b) => b.text ?? '').join('\n');
}

/** A port nothing listens on: a sandbox's, just after it closed. */
async function freedPort(): Promise<number> {
  const probe = await startSandbox({ seed: 'probe' });
  const port = Number(new URL(probe.url).port);
  await probe.close();
  return port;
}

describe.each(WIRES)('serve --backend mcp over $wire against the sandbox', ({ wire, path }) => {
  it('re-serves every tool, resource, template and prompt exactly as the sandbox lists them', async () => {
    const direct = await connect(sandbox, wire, sandbox.mcpKeys.full);
    try {
      await withBridge(path, ['--transport', wire], async (host) => {
        const [tools, resources, templates, prompts] = await Promise.all([host.listTools(), host.listResources(), host.listResourceTemplates(), host.listPrompts()]);
        const remote = await direct.listTools();
        expect(remote.tools.length).toBeGreaterThan(0);
        // Schemas, output schemas and annotations, field for field.
        expect(tools.tools).toEqual(remote.tools);
        expect(resources.resources).toEqual((await direct.listResources()).resources);
        expect(templates.resourceTemplates).toEqual((await direct.listResourceTemplates()).resourceTemplates);
        expect(prompts.prompts).toEqual((await direct.listPrompts()).prompts);
      });
    } finally {
      await direct.close();
    }
  });

  it('passes calls, resource reads and prompts through, and isError results unchanged', async () => {
    const direct = await connect(sandbox, wire, sandbox.mcpKeys.full);
    try {
      await withBridge(path, [], async (host) => {
        const args = { severity: 'high', limit: 2 };
        const bridged = await host.callTool({ name: 'list_alerts', arguments: args });
        expect(bridged).toEqual(await direct.callTool({ name: 'list_alerts', arguments: args }));

        const missing = await host.callTool({ name: 'get_alert', arguments: { alert_id: 'no-such-alert' } });
        expect(missing).toEqual(await direct.callTool({ name: 'get_alert', arguments: { alert_id: 'no-such-alert' } }));
        expect(missing.isError).toBe(true);

        const uri = 'saltare://documents/phishing-response-sop';
        expect(await host.readResource({ uri })).toEqual(await direct.readResource({ uri }));
        const prompt = { name: 'triage_alert', arguments: { alert_id: 'a-1' } };
        expect(await host.getPrompt(prompt)).toEqual(await direct.getPrompt(prompt));
      });
    } finally {
      await direct.close();
    }
  });

  it('forwards progress in order and the host cancellation to the sandbox', async () => {
    await withBridge(path, [], async (host) => {
      const seen: number[] = [];
      const done = await host.callTool({ name: 'long_running_scan', arguments: { host: scanHost, steps: 4, step_ms: 5 } }, { onprogress: (p) => seen.push(p.progress) });
      expect(done.isError).toBeFalsy();
      expect(seen).toEqual([1, 2, 3, 4]);

      await clearSandbox(sandbox);
      const controller = new AbortController();
      let started: () => void = () => undefined;
      const running = new Promise<void>((resolve) => (started = resolve));
      const call = host.callTool({ name: 'long_running_scan', arguments: { host: scanHost, steps: 50, step_ms: 40 } }, { signal: controller.signal, onprogress: () => started() });
      await running;
      controller.abort('the user stopped it');
      await expect(call).rejects.toThrow();
      const log = await waitForRequests(sandbox, (items) => items.some((r) => r.mcp?.method === 'tools/call' && r.mcp.tool === 'long_running_scan' && r.mcp.cancelled));
      expect(log.some((r) => r.mcp?.method === 'notifications/cancelled')).toBe(true);
    });
  });

  it('re-initializes when the sandbox expires every session, and the next call succeeds', async () => {
    await withBridge(path, [], async (host) => {
      expect((await host.callTool({ name: 'whoami', arguments: {} })).isError).toBeFalsy();
      const expired = await fetch(`${sandbox.url}/__sandbox/mcp/expire-sessions`, { method: 'POST' });
      expect(((await expired.json()) as { expired: number }).expired).toBeGreaterThan(0);
      const after = await host.callTool({ name: 'whoami', arguments: {} });
      expect(after.isError).toBeFalsy();
      expect(after.structuredContent).toMatchObject({ agent: 'socbridge-triage-agent' });
    });
  });

  it('turns the -32000 refusal of a key bound to no agent into readable isError text', async () => {
    await withBridge(
      path,
      [],
      async (host) => {
        // Listing is allowed; calling is not.
        expect((await host.listTools()).tools.map((t) => t.name)).toContain('whoami');
        const refused = await host.callTool({ name: 'whoami', arguments: {} });
        expect(refused.isError).toBe(true);
        expect(text(refused)).toMatch(/refused whoami \(-32000: .*not bound to an agent\).*bind the key to an agent/);
      },
      sandbox.mcpKeys.unbound,
    );
  });

  it('recovers when the sandbox is killed and restarted on the same port mid-session', async () => {
    let target = await startSandbox({ seed: 'remote-restart' });
    const port = Number(new URL(target.url).port);
    const session = await bridge(target, path);
    try {
      expect((await session.client.callTool({ name: 'whoami', arguments: {} })).isError).toBeFalsy();
      await target.close();
      const down = await session.client.callTool({ name: 'whoami', arguments: {} });
      expect(down.isError).toBe(true);
      expect(text(down)).toMatch(/remote MCP server at http:\/\/127\.0\.0\.1:\d+\/(mcp|sse)/);
      target = await startSandbox({ seed: 'remote-restart', port });
      const back = await session.client.callTool({ name: 'whoami', arguments: {} });
      expect(back.isError).toBeFalsy();
      expect(back.structuredContent).toMatchObject({ agent: 'socbridge-triage-agent' });
    } finally {
      await session.close();
      await target.close();
    }
  });
});

describe('serve --backend mcp: faults the host must see explained', () => {
  it('explains a sandbox that is down at start, and a key it refuses once it is up', async () => {
    const port = await freedPort();
    const session = await connectServe(['--backend', 'mcp', '--url', `http://127.0.0.1:${port}/mcp`], { env: { SOCBRIDGE_API_KEY: 'slt_not-checked-yet' } });
    let late: SandboxHandle | undefined;
    try {
      const { tools } = await session.client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['socbridge_remote_status']);
      expect(tools[0]!.description).toMatch(/Cannot reach the remote MCP server at http:\/\/127\.0\.0\.1:\d+\/mcp \(ECONNREFUSED\)/);

      late = await startSandbox({ seed: 'remote-late', port });
      // The status tool retries at once instead of waiting for the background backoff.
      const status = await session.client.callTool({ name: 'socbridge_remote_status', arguments: {} });
      expect(status.isError).toBe(true);
      expect(text(status)).toMatch(/rejected the credentials \(401/);
    } finally {
      await session.close();
      await late?.close();
    }
  });

  it('serves the catalog once a sandbox that was down comes up', async () => {
    const port = await freedPort();
    let late: SandboxHandle | undefined;
    const probe = await startSandbox({ seed: 'remote-late', port });
    const key = probe.mcpKeys.full;
    await probe.close();
    const session = await connectServe(['--backend', 'mcp', '--url', `http://127.0.0.1:${port}/mcp`], { env: { SOCBRIDGE_API_KEY: key } });
    try {
      expect((await session.client.listTools()).tools.map((t) => t.name)).toEqual(['socbridge_remote_status']);
      late = await startSandbox({ seed: 'remote-late', port });
      const status = await session.client.callTool({ name: 'socbridge_remote_status', arguments: {} });
      expect(text(status)).toMatch(/Connected to the remote MCP server at .*: 12 tools are available now/);
      expect((await session.client.listTools()).tools.map((t) => t.name)).toContain('long_running_scan');
    } finally {
      await session.close();
      await late?.close();
    }
  });

  it.each(WIRES)('explains a wrong key over $wire without printing it', async ({ path }) => {
    const wrongKey = 'slt_this-key-was-revoked-0123456789abcdef';
    await withBridge(
      path,
      ['--verbose'],
      async (host, stderr) => {
        const { tools } = await host.listTools();
        expect(tools.map((t) => t.name)).toEqual(['socbridge_remote_status']);
        expect(tools[0]!.description).toMatch(/rejected the credentials \(401: Invalid API key\)\. Check the key/);
        expect(stderr()).not.toContain(wrongKey);
        expect(JSON.stringify(tools)).not.toContain(wrongKey);
      },
      wrongKey,
    );
  });
});

describe('serve --backend mcp: what a session serves', () => {
  it('--read-only, --tools / --exclude-tools globs and --prefix shape the served catalog', async () => {
    const args = ['--read-only', '--tools', 'list_*,get_*,*_scan,update_case', '--exclude-tools', 'get_case_alerts', '--prefix', 'saltare'];
    await withBridge('/mcp', args, async (host) => {
      const { tools } = await host.listTools();
      // update_case matches --tools but writes, so --read-only hides it.
      expect(tools.map((t) => t.name)).toEqual(['saltare_list_alerts', 'saltare_list_cases', 'saltare_get_alert', 'saltare_get_case_detail', 'saltare_long_running_scan']);
      const page = await host.callTool({ name: 'saltare_list_cases', arguments: { limit: 1 } });
      expect(page.isError).toBeFalsy();
      await expect(host.callTool({ name: 'saltare_update_case', arguments: { case_id: 'INC-001', status: 'closed' } })).rejects.toThrow(/Unknown tool: saltare_update_case/);
      await expect(host.callTool({ name: 'list_cases', arguments: {} })).rejects.toThrow(/Unknown tool: list_cases/);
      expect((await host.listPrompts()).prompts.map((p) => p.name)).toEqual(['saltare_triage_alert', 'saltare_summarize_case']);
    });
  });

  it('serves only what the sandbox shows a read-only key (scopes hide the write tools)', async () => {
    await withBridge(
      '/mcp',
      [],
      async (host) => {
        const names = (await host.listTools()).tools.map((t) => t.name);
        expect(names).toContain('list_alerts');
        expect(names).not.toContain('update_case');
        expect(names).not.toContain('delete_case_note');
      },
      sandbox.mcpKeys.readOnly,
    );
  });

  it('caps resource reads at --max-result-chars and says so, like tool results', async () => {
    // The longest resource the sandbox serves (the dataset is fixed by the seed).
    const longest = await withBridge('/mcp', [], async (host) => {
      const sizes = await Promise.all(
        (await host.listResources()).resources.map(async (r) => ({ uri: r.uri, length: ((await host.readResource({ uri: r.uri })).contents[0] as { text: string }).text.length })),
      );
      return sizes.sort((a, b) => b.length - a.length)[0]!;
    });
    expect(longest.length).toBeGreaterThan(1000);
    await withBridge('/mcp', ['--max-result-chars', '1000'], async (host) => {
      const cut = (await host.readResource({ uri: longest.uri })).contents[0] as { text: string };
      expect(cut.text.length).toBeLessThanOrEqual(1000);
      expect(cut.text).toMatch(/…\[socbridge cut \d+ of \d+ characters to stay under --max-result-chars 1000;/);
    });
  });

  it.each(WIRES)('sends --header values over $wire and never prints them or the key, even with --verbose', async ({ path }) => {
    const secret = 'tenant-secret-7f3a9c2e41d8';
    await clearSandbox(sandbox);
    await withBridge(path, ['--header', `X-Secret: ${secret}`, '--verbose'], async (host, stderr) => {
      expect((await host.callTool({ name: 'whoami', arguments: {} })).isError).toBeFalsy();
      await host.callTool({ name: 'get_alert', arguments: { alert_id: 'no-such-alert' } });
      expect(stderr()).toContain('[socbridge] debug');
      expect(stderr()).toContain('X-Secret');
      expect(stderr()).not.toContain(secret);
      expect(stderr()).not.toContain(sandbox.mcpKeys.full);
    });
    expect((await requestsSeen(sandbox)).some((r) => r.mcp?.method === 'tools/call')).toBe(true);
  });
});

describe('serve --sandbox --backend mcp', () => {
  it('bridges the built-in sandbox /mcp with its full-access MCP key', async () => {
    const session = await connectServe(['--sandbox', '--backend', 'mcp', '--verbose']);
    try {
      const names = (await session.client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('long_running_scan');
      expect(names).toContain('delete_case_note');
      const me = await session.client.callTool({ name: 'whoami', arguments: {} });
      expect(me.structuredContent).toMatchObject({ agent: 'socbridge-triage-agent', scopes: ['mcp:tools:read', 'mcp:tools:write', 'mcp:tools:destructive', 'mcp:resources:read'] });
      expect(session.stderr()).toMatch(/bridging the remote MCP server at http:\/\/127\.0\.0\.1:\d+\/mcp .*\[sandbox\]/);
      expect(session.stderr()).not.toMatch(/slt_/);
    } finally {
      await session.close();
    }
  });
});
