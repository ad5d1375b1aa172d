import { Writable } from 'node:stream';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/config/settings.js';
import { createRemoteBridge, type RemoteBridge } from '../../src/remote/bridge.js';
import { parseHeaderLines } from '../../src/remote/headers.js';
import { createRemoteServer } from '../../src/remote/server.js';
import { createLogger } from '../../src/server/logger.js';
import { FIXTURE_KEY, FIXTURE_TOOLS, startFixture, type Fixture } from './remote-fixture.js';

const base: Settings = {
  backend: 'mcp',
  url: undefined,
  apiKey: FIXTURE_KEY,
  timeoutMs: 5000,
  verbose: true,
  readOnly: false,
  tools: undefined,
  excludeTools: undefined,
  maxResultChars: 20_000,
  caFile: undefined,
  transport: 'auto',
  headers: undefined,
  prefix: undefined,
};

let fixture: Fixture;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(async () => {
  await fixture.close();
});

interface Bridged {
  client: Client;
  bridge: RemoteBridge;
  logs: () => string;
  close(): Promise<void>;
}

const open: Bridged[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) await b.close();
});

/** The bridge in-process, its MCP face connected to the official client over an in-memory pair. */
async function bridged(overrides: Partial<Settings>, connectNow = true): Promise<Bridged> {
  let logs = '';
  const stream = new Writable({ write: (chunk: Buffer, _enc, done) => ((logs += chunk.toString()), done()) });
  const bridge = createRemoteBridge({ ...base, url: `${fixture.url}/mcp`, ...overrides }, { env: {}, logger: createLogger({ verbose: true, stream }) });
  if (connectNow) bridge.connection.start();
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createRemoteServer(bridge).connect(serverSide);
  const client = new Client({ name: 'host', version: '1' });
  await client.connect(clientSide);
  const b = { client, bridge, logs: () => logs, close: async () => (await client.close(), await bridge.close()) };
  open.push(b);
  return b;
}

const text = (result: { content: unknown }) => (result.content as Array<{ type: string; text: string }>)[0]!.text;

describe.each(['http', 'sse'] as const)('remote bridge over %s', (transport) => {
  const url = () => `${fixture.url}/${transport === 'http' ? 'mcp' : 'sse'}`;

  it('mirrors every tool, resource, template and prompt with identical schemas', async () => {
    const { client } = await bridged({ url: url(), transport: 'auto' });
    const { tools } = await client.listTools();
    expect(tools).toEqual(FIXTURE_TOOLS);
    expect((await client.listResources()).resources.map((r) => r.uri)).toEqual(['fixture://docs/one']);
    expect((await client.listResourceTemplates()).resourceTemplates[0]!.uriTemplate).toBe('fixture://docs/{slug}');
    expect((await client.listPrompts()).prompts[0]!.arguments).toEqual([{ name: 'slug', required: true }]);
    const read = await client.readResource({ uri: 'fixture://docs/two' });
    expect(read.contents[0]).toMatchObject({ text: 'contents of fixture://docs/two' });
    const prompt = await client.getPrompt({ name: 'summarize', arguments: { slug: 'abc' } });
    expect(prompt.messages[0]!.content).toEqual({ type: 'text', text: 'Summarize abc' });
  });

  it('passes arguments through and results back, isError results unchanged', async () => {
    const { client } = await bridged({ url: url() });
    const echo = await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    expect(echo.structuredContent).toEqual({ text: 'hi' });
    const failed = await client.callTool({ name: 'fail', arguments: {} });
    expect(failed).toEqual({ isError: true, content: [{ type: 'text', text: 'the fixture failed on purpose' }] });
  });

  it('forwards progress with the host token', async () => {
    const { client } = await bridged({ url: url() });
    const seen: Array<{ progress: number; message?: string }> = [];
    const result = await client.callTool({ name: 'progress', arguments: {} }, { onprogress: (p) => seen.push({ progress: p.progress, message: p.message }) });
    expect(text(result)).toBe('done');
    expect(seen).toEqual([
      { progress: 1, message: 'step 1' },
      { progress: 2, message: 'step 2' },
      { progress: 3, message: 'step 3' },
    ]);
  });

  it('forwards cancellation to the remote', async () => {
    const { client } = await bridged({ url: url() });
    await client.listTools();
    const before = fixture.cancelled.length;
    const controller = new AbortController();
    const call = client.callTool({ name: 'slow', arguments: {} }, { signal: controller.signal });
    while (!fixture.methods.slice(-1).includes('tools/call')) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await expect(call).rejects.toThrow();
    for (let i = 0; i < 200 && fixture.cancelled.length === before; i++) await new Promise((r) => setTimeout(r, 10));
    expect(fixture.cancelled.slice(before).some((c) => String(c).startsWith('aborted:'))).toBe(true);
  });
});

describe('remote bridge: catalog shaping', () => {
  it('--read-only hides every tool not marked readOnlyHint: true, and refuses calling them', async () => {
    const { client } = await bridged({ readOnly: true });
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(['echo', 'list_items', 'fail', 'slow', 'progress']);
    await expect(client.callTool({ name: 'write_note', arguments: {} })).rejects.toThrow(/Unknown tool: write_note/);
  });

  it('--tools / --exclude-tools take globs; --prefix namespaces tools and prompts', async () => {
    const { client, logs } = await bridged({ tools: ['e*', 'list_*', 'nothing_*'], excludeTools: ['list_items'], prefix: 'fx' });
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['fx_echo']);
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual(['fx_summarize']);
    expect((await client.callTool({ name: 'fx_echo', arguments: { text: 'p' } })).structuredContent).toEqual({ text: 'p' });
    expect(logs()).toContain('nothing_*');
  });

  it('caps large results at --max-result-chars and says so', async () => {
    const { client } = await bridged({ maxResultChars: 1000 });
    const result = await client.callTool({ name: 'list_items', arguments: { n: 200 } });
    const structured = result.structuredContent as { items: unknown[]; truncated: boolean; truncation: string };
    expect(structured.truncated).toBe(true);
    expect(structured.items.length).toBeLessThan(200);
    expect(JSON.stringify(structured).length).toBeLessThanOrEqual(1000);
    expect(JSON.parse(text(result))).toEqual(structured);
  });
});

describe('remote bridge: faults', () => {
  it('re-initializes once when the remote forgets the session, and the call succeeds', async () => {
    const { client } = await bridged({});
    await client.listTools();
    const initsBefore = fixture.methods.filter((m) => m === 'initialized').length;
    fixture.expireSessions();
    const echo = await client.callTool({ name: 'echo', arguments: { text: 'again' } });
    expect(echo.structuredContent).toEqual({ text: 'again' });
    expect(fixture.methods.filter((m) => m === 'initialized').length).toBe(initsBefore + 1);
  });

  it('explains a wrong key through the status tool instead of an empty catalog', async () => {
    const { client } = await bridged({ apiKey: 'wrong-key-0000000000' });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['socbridge_remote_status']);
    expect(tools[0]!.description).toMatch(/rejected the credentials \(401/);
    const result = await client.callTool({ name: 'socbridge_remote_status', arguments: {} });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/--api-key/);
    expect(text(result)).not.toContain('wrong-key-0000000000');
  });

  it('explains a remote that is down, then serves it once it is up (list_changed sent)', async () => {
    const later = await startFixture();
    const port = new URL(later.url).port;
    await later.close();
    const { client } = await bridged({ url: `http://127.0.0.1:${port}/mcp` });
    const changed: string[] = [];
    client.setNotificationHandler('notifications/tools/list_changed', () => void changed.push('tools'));
    const first = await client.listTools();
    expect(first.tools[0]!.name).toBe('socbridge_remote_status');
    expect(first.tools[0]!.description).toMatch(/Cannot reach the remote MCP server at http:\/\/127\.0\.0\.1:\d+\/mcp \(ECONNREFUSED\)/);
    const revived = await startFixture({ port: Number(port) });
    try {
      const status = await client.callTool({ name: 'socbridge_remote_status', arguments: {} });
      expect(text(status)).toMatch(/7 tools are available now/);
      expect((await client.listTools()).tools).toEqual(FIXTURE_TOOLS);
      for (let i = 0; i < 100 && changed.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(changed).toContain('tools');
    } finally {
      await revived.close();
    }
  });

  it('recovers when the remote restarts mid-session', async () => {
    const first = await startFixture();
    const port = Number(new URL(first.url).port);
    const { client } = await bridged({ url: `${first.url}/mcp` });
    expect((await client.callTool({ name: 'echo', arguments: { text: 'one' } })).structuredContent).toEqual({ text: 'one' });
    await first.close();
    const down = await client.callTool({ name: 'echo', arguments: { text: 'two' } });
    expect(down.isError).toBe(true);
    expect(text(down)).toMatch(/Cannot reach|dropped/);
    const second = await startFixture({ port });
    try {
      expect((await client.callTool({ name: 'echo', arguments: { text: 'three' } })).structuredContent).toEqual({ text: 'three' });
    } finally {
      await second.close();
    }
  });

  it('rebuilds an SSE session whose stream went silent without breaking', async () => {
    const { client, logs } = await bridged({ url: `${fixture.url}/sse`, timeoutMs: 400 });
    expect((await client.callTool({ name: 'echo', arguments: { text: 'before' } })).structuredContent).toEqual({ text: 'before' });
    const streamsOpened = () => fixture.requests.filter((r) => r.method === 'GET' && r.path === '/sse').length;
    const opened = streamsOpened();
    expect(fixture.stallSseStreams()).toBeGreaterThan(0);

    const stalled = await client.callTool({ name: 'echo', arguments: { text: 'lost' } });
    expect(stalled.isError).toBe(true);
    expect(text(stalled)).toMatch(/did not answer echo within 400 ms/);
    // The ping probe gets no answer either, so the session is rebuilt on a new stream.
    let after: Awaited<ReturnType<typeof client.callTool>> | undefined;
    for (let i = 0; i < 50 && (after === undefined || after.isError); i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = await client.callTool({ name: 'echo', arguments: { text: 'after' } });
    }
    expect(after?.structuredContent).toEqual({ text: 'after' });
    expect(streamsOpened()).toBeGreaterThan(opened);
    expect(logs()).toMatch(/the remote session stopped answering \(ping: timeout\); reconnecting/);
  });

  it('turns a -32000 scope refusal into readable isError text', async () => {
    const { client } = await bridged({});
    const result = await client.callTool({ name: 'write_note', arguments: { note: 'x' } });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/missing scope mcp:tools:write.*--read-only or --exclude-tools write_note/);
  });

  it('sends --header values on every request and never logs them', async () => {
    const headers = parseHeaderLines(['X-Tenant: tenant-secret-value-123']);
    const { client, logs } = await bridged({ headers });
    await client.callTool({ name: 'echo', arguments: { text: 'h' } });
    const mine = fixture.requests.filter((r) => r.headers['x-tenant'] === 'tenant-secret-value-123');
    expect(mine.length).toBeGreaterThan(1);
    expect(logs()).not.toContain('tenant-secret-value-123');
    expect(logs()).not.toContain(FIXTURE_KEY);
    expect(String(headers)).toBe('X-Tenant: te…-123');
  });
});
