import { ProtocolError, type Client } from '@modelcontextprotocol/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import type { RequestLogEntry } from '../../src/sandbox/server/request-log.js';
import { eventually } from './client.js';
import { connect, INITIALIZE, rpc } from './mcp-client.js';

const IDLE_MS = 200;
let sandbox: SandboxHandle;
let client: Client;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'mcp-tests', mcpSessionIdleMs: IDLE_MS });
  client = await connect(sandbox, 'http', sandbox.mcpKeys.full);
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});

async function requestLog(): Promise<RequestLogEntry[]> {
  const reply = await fetch(`${sandbox.url}/__sandbox/requests`);
  return ((await reply.json()) as { items: RequestLogEntry[] }).items;
}

async function initialize(key = sandbox.mcpKeys.full): Promise<string> {
  const reply = await rpc(sandbox, INITIALIZE, { key });
  expect(reply.status).toBe(200);
  const session = reply.headers.get('mcp-session-id');
  if (!session) throw new Error('initialize issued no Mcp-Session-Id');
  return session;
}

describe('/mcp catalog', () => {
  it('lists every tool in a fixed order with truthful annotations and an output schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['whoami', 'list_alerts', 'list_cases', 'get_alert', 'get_case_detail', 'get_case_alerts', 'enrich_indicator', 'search_docs', 'long_running_scan', 'update_case', 'add_case_comment', 'delete_case_note']);
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('get_alert')?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(byName.get('add_case_comment')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
    expect(byName.get('delete_case_note')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.get('list_alerts')?.outputSchema?.properties).toHaveProperty('items');
  });

  it('serves documents as resources, cases through a template, and prompts with arguments', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain('saltare://documents/account-compromise-runbook');
    expect(resources.map((r) => r.uri)).toContain('saltare://cases/INC-001');
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['saltare://cases/{case_number}']);
    const doc = await client.readResource({ uri: 'saltare://documents/phishing-response-sop' });
    expect(doc.contents[0]).toMatchObject({ mimeType: 'text/markdown', text: expect.stringContaining('# Phishing Response SOP') });
    const kase = await client.readResource({ uri: 'saltare://cases/INC-002' });
    expect(kase.contents[0]).toMatchObject({ text: expect.stringMatching(/^# INC-002: /) });
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['triage_alert', 'summarize_case']);
    const prompt = await client.getPrompt({ name: 'triage_alert', arguments: { alert_id: 'a-1' } });
    expect(prompt.messages[0]?.content).toMatchObject({ type: 'text', text: expect.stringContaining('Triage alert a-1.') });
  });
});

describe('/mcp tool calls', () => {
  it('returns structured content matching the text block, the same for the same seed', async () => {
    const result = await client.callTool({ name: 'list_alerts', arguments: { severity: 'critical', limit: 3 } });
    const page = result.structuredContent as { items: Array<{ id: string; severity: string }>; total: number; next_cursor?: string };
    expect(page.items).toHaveLength(3);
    expect(page.items.every((a) => a.severity === 'critical')).toBe(true);
    expect(JSON.parse((result.content as Array<{ text: string }>)[0]!.text)).toEqual(page);
    const again = await rpc(sandbox, { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'list_alerts', arguments: { severity: 'critical', limit: 3 } } });
    expect((again.body as { result: { structuredContent: unknown } }).result.structuredContent).toEqual(page);
  });

  it('answers bad business input with an isError result, not a JSON-RPC error', async () => {
    const missing = await client.callTool({ name: 'get_alert', arguments: { alert_id: 'no-such-alert' } });
    expect(missing.isError).toBe(true);
    expect(missing.content).toEqual([{ type: 'text', text: 'No alert with id "no-such-alert" in this workspace. Call list_alerts to find alert ids.' }]);
    const badIp = await client.callTool({ name: 'enrich_indicator', arguments: { type: 'ip', value: '999.1.1.1' } });
    expect(badIp.isError).toBe(true);
    expect(badIp.content).toEqual([{ type: 'text', text: '"999.1.1.1" is not a valid ip: expected an IPv4 or IPv6 address. Check the indicator type.' }]);
  });

  it('writes: update_case and add_case_comment show in get_case_detail; delete_case_note removes the comment', async () => {
    const updated = await client.callTool({ name: 'update_case', arguments: { case_id: 'INC-003', status: 'contained', assignee: 'dwhitfield' } });
    expect(updated.structuredContent).toMatchObject({ case_number: 'INC-003', status: 'contained', assignee: 'dwhitfield' });
    const added = await client.callTool({ name: 'add_case_comment', arguments: { case_id: 'INC-003', comment: 'Blocked the C2 domain at the proxy.' } });
    const note = added.structuredContent as { id: string; author: string };
    expect(note.author).toBe('socbridge-triage-agent');
    const detail = await client.callTool({ name: 'get_case_detail', arguments: { case_id: 'inc-003', include: ['comments'] } });
    const comments = (detail.structuredContent as { comments: Array<{ id: string; body: string }> }).comments;
    expect(comments.at(-1)).toMatchObject({ id: note.id, body: 'Blocked the C2 domain at the proxy.' });
    expect(detail.structuredContent).toMatchObject({ status: 'contained' });
    const deleted = await client.callTool({ name: 'delete_case_note', arguments: { case_id: 'INC-003', note_id: note.id } });
    expect(deleted.structuredContent).toEqual({ case_number: 'INC-003', deleted: note.id });
    const after = await client.callTool({ name: 'get_case_detail', arguments: { case_id: 'INC-003', include: ['comments'] } });
    expect((after.structuredContent as { comments: Array<{ id: string }> }).comments.map((c) => c.id)).not.toContain(note.id);
  });

  it('sends strictly increasing progress when given a progress token', async () => {
    const seen: number[] = [];
    const result = await client.callTool({ name: 'long_running_scan', arguments: { host: hostName(), steps: 4, step_ms: 5 } }, { onprogress: (p) => seen.push(p.progress) });
    expect(result.isError).toBeFalsy();
    // The SDK client handles notifications a microtask after responses, so the last progress can
    // lose the race with the result right behind it; the wire itself is checked below.
    expect(seen.slice(0, 3)).toEqual([1, 2, 3]);

    const wire = await rpc(sandbox, { jsonrpc: '2.0', id: 30, method: 'tools/call', params: { name: 'long_running_scan', arguments: { host: hostName(), steps: 3, step_ms: 1 }, _meta: { progressToken: 'scan-1' } } }, { accept: 'application/json, text/event-stream' });
    const events = wire.text.split('\n\n').filter(Boolean).map((e) => JSON.parse(e.replace(/^event: message\ndata: /, '')) as { method?: string; params?: { progress: number; total: number; progressToken: string }; id?: number });
    expect(events.slice(0, 3).map((e) => [e.method, e.params?.progressToken, e.params?.progress, e.params?.total])).toEqual([1, 2, 3].map((n) => ['notifications/progress', 'scan-1', n, 3]));
    expect(events[3]).toMatchObject({ id: 30, result: { structuredContent: { steps: 3 } } });
    expect(events).toHaveLength(4);
  });

  it('records in the request log that a cancellation reached the sandbox', async () => {
    const controller = new AbortController();
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    const call = client.callTool({ name: 'long_running_scan', arguments: { host: hostName(), steps: 50, step_ms: 20 } }, { signal: controller.signal, onprogress: () => started() });
    await running;
    controller.abort('test cancels');
    await expect(call).rejects.toThrow();
    const cancelled = await eventually(async () => (await requestLog()).find((e) => e.mcp?.tool === 'long_running_scan' && e.mcp.cancelled));
    expect(cancelled.mcp).toMatchObject({ method: 'tools/call', tool: 'long_running_scan', cancelled: true });
    const notice = (await requestLog()).find((e) => e.mcp?.method === 'notifications/cancelled');
    expect(notice?.status).toBe(202);
  });
});

/** A host that some alert touches, read from the dataset through the API. */
let scanHost: string | undefined;
function hostName(): string {
  if (!scanHost) throw new Error('scan host not loaded');
  return scanHost;
}
beforeAll(async () => {
  const reply = await rpc(sandbox, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_alerts', arguments: { limit: 1 } } });
  const id = (reply.body as { result: { structuredContent: { items: Array<{ id: string }> } } }).result.structuredContent.items[0]!.id;
  const detail = await rpc(sandbox, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_alert', arguments: { alert_id: id } } });
  scanHost = (detail.body as { result: { structuredContent: { affected: { hosts: string[] } } } }).result.structuredContent.affected.hosts[0];
});

describe('/mcp keys and scopes', () => {
  it('answers 401 with a JSON-RPC body without a key or with a key of another face', async () => {
    for (const key of [null, 'slt_not-a-key', sandbox.keys.full]) {
      const reply = await rpc(sandbox, INITIALIZE, { key });
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
      expect(reply.text).not.toContain(sandbox.keys.full);
    }
  });

  it('hides write and destructive tools from a read-only key and refuses them with -32000', async () => {
    const readOnly = await connect(sandbox, 'http', sandbox.mcpKeys.readOnly);
    try {
      const names = (await readOnly.listTools()).tools.map((t) => t.name);
      expect(names).toContain('list_cases');
      expect(names).not.toContain('update_case');
      expect(names).not.toContain('delete_case_note');
      const refused = await readOnly.callTool({ name: 'update_case', arguments: { case_id: 'INC-001', status: 'closed' } }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ProtocolError);
      expect(refused).toMatchObject({ code: -32000, message: expect.stringContaining('missing scope mcp:tools:write') });
    } finally {
      await readOnly.close();
    }
    const raw = await rpc(sandbox, { jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'delete_case_note', arguments: { case_id: 'INC-001', note_id: 'x' } } }, { key: sandbox.mcpKeys.readOnly });
    expect(raw.body).toEqual({ jsonrpc: '2.0', id: 9, error: { code: -32000, message: 'missing scope mcp:tools:destructive' } });
  });

  it('lets a key bound to no agent list and read, and refuses its tool calls with -32000', async () => {
    const listed = await rpc(sandbox, { jsonrpc: '2.0', id: 3, method: 'tools/list' }, { key: sandbox.mcpKeys.unbound });
    expect((listed.body as { result: { tools: unknown[] } }).result.tools).toHaveLength(12);
    const read = await rpc(sandbox, { jsonrpc: '2.0', id: 4, method: 'resources/read', params: { uri: 'saltare://documents/phishing-response-sop' } }, { key: sandbox.mcpKeys.unbound });
    expect(read.body).toHaveProperty('result.contents');
    const called = await rpc(sandbox, { jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'whoami', arguments: {} } }, { key: sandbox.mcpKeys.unbound });
    expect(called.body).toEqual({ jsonrpc: '2.0', id: 5, error: { code: -32000, message: 'API key is not bound to an agent' } });
  });

  it('derives the keys from the seed', async () => {
    const twin = await startSandbox({ seed: 'mcp-tests' });
    const other = await startSandbox({ seed: 'another-seed' });
    try {
      expect(twin.mcpKeys).toEqual(sandbox.mcpKeys);
      expect(other.mcpKeys.full).not.toBe(sandbox.mcpKeys.full);
      expect(sandbox.mcpKeys.full).toMatch(/^slt_[A-Za-z0-9_-]{43}$/);
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });
});

describe('/mcp sessions', () => {
  it('serves a POST without a session statelessly, as JSON, issuing no session id', async () => {
    const reply = await rpc(sandbox, { jsonrpc: '2.0', id: 11, method: 'tools/call', params: { name: 'whoami', arguments: {} } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(reply.headers.get('mcp-session-id')).toBeNull();
    expect(reply.body).toMatchObject({ id: 11, result: { structuredContent: { agent: 'socbridge-triage-agent' } } });
  });

  it('answers as an event stream when Accept asks for one, and 202 for a notification', async () => {
    const session = await initialize();
    const streamed = await rpc(sandbox, { jsonrpc: '2.0', id: 12, method: 'ping' }, { session, accept: 'application/json, text/event-stream' });
    expect(streamed.headers.get('content-type')).toBe('text/event-stream');
    const [event, data, ...rest] = streamed.text.split('\n');
    expect(event).toBe('event: message');
    expect(JSON.parse(data!.replace(/^data: /, ''))).toEqual({ jsonrpc: '2.0', id: 12, result: {} });
    expect(rest).toEqual(['', '']);
    const note = await rpc(sandbox, { jsonrpc: '2.0', method: 'notifications/initialized' }, { session });
    expect(note.status).toBe(202);
    expect(note.text).toBe('');
  });

  it('answers 404 for a session that idled out, was expired by the hook, or was deleted', async () => {
    const idle = await initialize();
    await sleep(IDLE_MS * 2);
    expect((await rpc(sandbox, { jsonrpc: '2.0', id: 1, method: 'ping' }, { session: idle })).status).toBe(404);

    const hooked = await initialize();
    const expired = await fetch(`${sandbox.url}/__sandbox/mcp/expire-sessions`, { method: 'POST' });
    expect(((await expired.json()) as { expired: number }).expired).toBeGreaterThanOrEqual(1);
    const gone = await rpc(sandbox, { jsonrpc: '2.0', id: 1, method: 'ping' }, { session: hooked });
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ error: { code: -32001 } });

    const deleted = await initialize();
    expect((await rpc(sandbox, undefined, { session: deleted, method: 'DELETE' })).status).toBe(200);
    expect((await rpc(sandbox, { jsonrpc: '2.0', id: 1, method: 'ping' }, { session: deleted })).status).toBe(404);
  });

  it('opens the session stream on GET and refuses GET without a session', async () => {
    expect((await rpc(sandbox, undefined, { method: 'GET', accept: 'text/event-stream' })).status).toBe(400);
    const session = await initialize();
    const controller = new AbortController();
    const stream = await fetch(`${sandbox.url}/mcp`, { headers: { authorization: `Bearer ${sandbox.mcpKeys.full}`, accept: 'text/event-stream', 'mcp-session-id': session }, signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    controller.abort();
  });

  it('logs the JSON-RPC method and tool of each request', async () => {
    await rpc(sandbox, { jsonrpc: '2.0', id: 21, method: 'tools/call', params: { name: 'search_docs', arguments: { query: 'phishing' } } });
    const entry = (await requestLog()).findLast((e) => e.path === '/mcp' && e.mcp?.tool === 'search_docs');
    expect(entry).toMatchObject({ method: 'POST', status: 200, authorized: true, mcp: { method: 'tools/call', tool: 'search_docs', id: 21, cancelled: false } });
  });

  it('applies scripted faults to /mcp', async () => {
    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ path: '^/mcp$', fault: { type: 'status', status: 503 } }) });
    expect((await rpc(sandbox, { jsonrpc: '2.0', id: 1, method: 'ping' })).status).toBe(503);
    expect((await rpc(sandbox, { jsonrpc: '2.0', id: 1, method: 'ping' })).status).toBe(200);
  });
});

describe('a sandbox restarted on the same port', () => {
  it('frees the port at once and does not know the old session ids', async () => {
    const first = await startSandbox({ seed: 'restart' });
    const port = Number(new URL(first.url).port);
    const initialized = await rpc(first, INITIALIZE);
    const session = initialized.headers.get('mcp-session-id') ?? '';
    const stream = await fetch(`${first.url}/mcp`, { headers: { authorization: `Bearer ${first.mcpKeys.full}`, accept: 'text/event-stream', 'mcp-session-id': session } });
    expect(stream.status).toBe(200);
    await first.close();
    const second = await startSandbox({ seed: 'restart', port });
    try {
      expect(second.url).toBe(first.url);
      expect((await rpc(second, { jsonrpc: '2.0', id: 1, method: 'ping' }, { session, fresh: true })).status).toBe(404);
      expect((await rpc(second, INITIALIZE, { fresh: true })).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
