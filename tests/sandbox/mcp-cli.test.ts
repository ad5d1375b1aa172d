import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';

describe('socbridge sandbox: MCP endpoints', () => {
  it('--json includes the MCP keys, and /mcp answers with the full one', async () => {
    const child = spawnCli(['sandbox', '--json', '--seed', 'mcp-cli']);
    let stdout = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes('\n')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`sandbox exited early (${code})`)));
    });
    const info = JSON.parse(stdout.trim()) as { url: string; mcpKeys: Record<string, string> };
    expect(Object.keys(info.mcpKeys).sort()).toEqual(['full', 'readOnly', 'unbound']);
    const reply = await fetch(`${info.url}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${info.mcpKeys.full}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'whoami', arguments: {} } }),
    });
    expect(((await reply.json()) as { result: { structuredContent: { agent: string } } }).result.structuredContent.agent).toBe('socbridge-triage-agent');
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('prints the MCP endpoints and the full MCP key', async () => {
    const child = spawnCli(['sandbox', '--seed', 'mcp-cli']);
    let stdout = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes('Ctrl-C')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`sandbox exited early (${code})`)));
    });
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout)?.[0];
    expect(stdout).toContain(`MCP at ${url}/mcp (streamable HTTP) and ${url}/sse (legacy SSE)`);
    expect(stdout).toMatch(/full-access key {2}slt_[A-Za-z0-9_-]{43}\n/);
    child.kill('SIGTERM');
    await once(child, 'exit');
  });
});
