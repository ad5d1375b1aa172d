import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { connectServe, runCli, spawnCli, type Connected } from '../helpers/cli.js';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'e2e', runStepMs: 20 });
});
afterAll(async () => {
  await sandbox.close();
});

const env = () => ({ SOCBRIDGE_URL: sandbox.url, SOCBRIDGE_API_KEY: sandbox.keys.full });

describe.each(['legacy', 'modern'] as const)('serve over stdio, %s protocol era', (era) => {
  let session: Connected;
  beforeAll(async () => {
    session = await connectServe([], { env: env(), era });
  });
  afterAll(async () => {
    await session.close();
  });

  it('identifies itself and tells the model the main workflows', () => {
    expect(session.client.getServerVersion()?.name).toBe('socbridge');
    const instructions = session.client.getInstructions() ?? '';
    for (const workflow of [/triage/i, /investigat/i, /audit/i, /detection/i]) expect(instructions).toMatch(workflow);
  });

  it('lists all 19 AiSOC tools in catalog order with every annotation explicit', async () => {
    const { tools } = await session.client.listTools();
    expect(tools).toHaveLength(19);
    expect(tools[0]!.name).toBe('aisoc_list_alerts');
    for (const tool of tools) {
      expect(Object.keys(tool.annotations ?? {})).toEqual(expect.arrayContaining(['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint']));
      expect(tool.inputSchema.additionalProperties).toBe(false);
    }
  });

  it('answers a tool call with structuredContent and the same compact JSON as text', async () => {
    const result = await session.client.callTool({ name: 'aisoc_list_alerts', arguments: { page_size: 3 } });
    expect(result.isError).toBeFalsy();
    const text = (result.content as Array<{ type: string; text: string }>)[0]!.text;
    expect(JSON.parse(text)).toEqual(result.structuredContent);
    expect(text).not.toContain('\n');
    expect(text).not.toContain(':null');
    expect((result.structuredContent as { items: unknown[] }).items).toHaveLength(3);
  });
});

describe('serve process behaviour', () => {
  it('writes only JSON-RPC lines to stdout, even with --verbose, and exits within 2 s of stdin closing', async () => {
    const child = spawnCli(['serve', '--verbose'], env());
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const send = (msg: object) => child.stdin.write(`${JSON.stringify(msg)}\n`);
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'aisoc_list_alerts', arguments: { page_size: 2 } } });
    send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'aisoc_get_alert', arguments: { alert_id: '00000000-0000-4000-8000-000000000000' } } });
    while ((stdout.match(/\n/g) ?? []).length < 3) await new Promise((r) => setTimeout(r, 20));
    const closedAt = Date.now();
    child.stdin.end();
    const [code] = (await once(child, 'exit')) as [number];
    const exitMs = Date.now() - closedAt;
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(2000);
    const lines = stdout.trimEnd().split('\n');
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('jsonrpc', '2.0');
    expect(lines.map((l) => (JSON.parse(l) as { id: number }).id)).toEqual([1, 2, 3]);
    expect(stderr).toContain('[socbridge] debug');
    expect(stderr).not.toContain(sandbox.keys.full);
  });

  it('exits promptly on SIGTERM', async () => {
    const child = spawnCli(['serve'], env());
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } })}\n`);
    await once(child.stdout, 'data');
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
  });

  it('starts without a key and explains how to set one on every call', async () => {
    const session = await connectServe([], { env: { SOCBRIDGE_URL: sandbox.url } });
    try {
      const result = await session.client.callTool({ name: 'aisoc_list_alerts', arguments: {} });
      expect(result.isError).toBe(true);
      const text = (result.content as Array<{ text: string }>)[0]!.text;
      expect(text).toContain('No AiSOC API key is configured');
      expect(text).toContain('SOCBRIDGE_API_KEY');
    } finally {
      await session.close();
    }
  });

  it('--read-only hides every tool that writes and refuses calls to them', async () => {
    const session = await connectServe(['--read-only'], { env: env() });
    try {
      const { tools } = await session.client.listTools();
      expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
      expect(tools.map((t) => t.name)).not.toContain('aisoc_run_investigation');
      await expect(session.client.callTool({ name: 'aisoc_run_investigation', arguments: { case_id: 'INC-001' } })).rejects.toThrow(/aisoc_run_investigation/);
    } finally {
      await session.close();
    }
  });

  it('--tools and --exclude-tools shape the catalog', async () => {
    const session = await connectServe(['--tools', 'aisoc_list_alerts,aisoc_get_alert,aisoc_list_cases', '--exclude-tools', 'aisoc_list_cases'], { env: env() });
    try {
      const { tools } = await session.client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['aisoc_list_alerts', 'aisoc_get_alert']);
    } finally {
      await session.close();
    }
  });

  it('refuses an unknown tool name at start-up with exit 2, listing the valid ones', async () => {
    const result = await runCli(['serve', '--tools', 'aisoc_list_alerts,aisoc_drop_tables'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('socbridge: --tools names unknown tool(s) aisoc_drop_tables; valid aisoc tools: aisoc_list_alerts, aisoc_list_cases');
    expect(result.stderr).toContain('usage: socbridge serve');
  });

  it('refuses a bad flag value with exit 2 and one line naming the flag', async () => {
    const result = await runCli(['serve', '--timeout', 'fast'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('socbridge: --timeout must be milliseconds, a whole number from 1000 to 600000 (got "fast")');
  });
});
