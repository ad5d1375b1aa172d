import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendClient } from '../../src/http/client.js';
import { createTransport } from '../../src/http/transport.js';
import { BackendError } from '../../src/http/errors.js';
import { path } from '../../src/http/path.js';
import { silentLogger } from '../../src/server/logger.js';
import { VERSION } from '../../src/version.js';
import { startConnectProxy } from '../helpers/connect-proxy.js';
import { json, startTestServer, type TestServer } from '../helpers/http-server.js';

let server: TestServer | undefined;
const clients: BackendClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.destroy()));
  await server?.close();
  server = undefined;
});

function client(url: string, overrides: Partial<ConstructorParameters<typeof BackendClient>[0]> = {}, env: NodeJS.ProcessEnv = {}) {
  const timeoutMs = overrides.timeoutMs ?? 3000;
  const c = new BackendClient({
    label: 'AiSOC',
    baseUrl: url,
    apiPrefix: '/api/v1',
    authHeaders: { authorization: 'Bearer aisoc_test' },
    timeoutMs,
    maxResponseBytes: 1024 * 1024,
    transport: createTransport({ env }),
    logger: silentLogger,
    errorMessage: (body) => (body as { detail?: string }).detail,
    retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
    ...overrides,
  });
  clients.push(c);
  return c;
}

async function failure(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BackendError);
    return error as BackendError;
  }
  throw new Error('expected the call to fail');
}

describe('BackendClient', () => {
  it('sends identity, tool and auth headers under the API prefix, with encoded query arrays', async () => {
    server = await startTestServer((_req, res) => json(res, 200, { ok: true }));
    const http = client(server.url).bind({ tool: 'aisoc_list_alerts' });
    expect(await http.get('/alerts', { severity: 'high', tags: ['a b', 'c'], skip: undefined })).toEqual({ ok: true });
    const req = server.requests[0]!;
    expect(req.url).toBe('/api/v1/alerts?severity=high&tags=a+b&tags=c');
    expect(req.headers['user-agent']).toBe(`socbridge/${VERSION}`);
    expect(req.headers['x-socbridge-tool']).toBe('aisoc_list_alerts');
    expect(req.headers.authorization).toBe('Bearer aisoc_test');
  });

  it('does not double the API prefix when the URL already has it', async () => {
    server = await startTestServer((_req, res) => json(res, 200, {}));
    await client(`${server.url}/api/v1/`).bind({}).get('/cases');
    expect(server.requests[0]!.url).toBe('/api/v1/cases');
  });

  it('keeps a traversal id inside one path segment', async () => {
    server = await startTestServer((_req, res) => json(res, 200, {}));
    await client(server.url).bind({}).get(path`/alerts/${'../../admin'}`);
    expect(server.requests[0]!.url).toBe('/api/v1/alerts/..%2F..%2Fadmin');
    expect(() => path`/alerts/${'..'}`).toThrow('".." is not a valid identifier');
  });

  it('retries 503 and 429 for GET, honouring Retry-After, then succeeds', async () => {
    server = await startTestServer((_req, res, n) => {
      if (n === 1) return json(res, 503, { detail: 'down' });
      if (n === 2) return json(res, 429, { detail: 'slow down' }, { 'retry-after': '0' });
      json(res, 200, { items: [] });
    });
    expect(await client(server.url).bind({}).get('/alerts')).toEqual({ items: [] });
    expect(server.requests).toHaveLength(3);
  });

  it('never retries a POST', async () => {
    server = await startTestServer((_req, res) => json(res, 503, { detail: 'down' }));
    const error = await failure(client(server.url).bind({}).post('/cases/INC-001/investigate', { alert_summary: 'x' }));
    expect(error.status).toBe(503);
    expect(error.details.backendMessage).toBe('down');
    expect(server.requests).toHaveLength(1);
  });

  it('gives up on 429 with the Retry-After it was told when waiting would pass the deadline', async () => {
    server = await startTestServer((_req, res) => json(res, 429, { detail: 'Rate limit exceeded' }, { 'retry-after': '30' }));
    const error = await failure(client(server.url).bind({}).get('/alerts'));
    expect(error.status).toBe(429);
    expect(error.details.retryAfterSeconds).toBe(30);
    expect(server.requests).toHaveLength(1);
  });

  it('times out a server that never finishes the body, within the one deadline', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items": [');
    });
    const error = await failure(client(server.url, { timeoutMs: 300 }).bind({}).get('/alerts'));
    expect(error.kind).toBe('timeout');
  });

  it('refuses a 200 that is not JSON, naming what came back', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><head><title>Sign in - AiSOC</title></head><body>login</body></html>');
    });
    const error = await failure(client(server.url).bind({}).get('/alerts'));
    expect(error.kind).toBe('non_json');
    expect(error.details.backendMessage).toBe('text/html: Sign in - AiSOC');
  });

  it('caps the response body', async () => {
    server = await startTestServer((_req, res) => json(res, 200, { blob: 'x'.repeat(4096) }));
    const error = await failure(client(server.url, { maxResponseBytes: 1024 }).bind({}).get('/alerts'));
    expect(error.kind).toBe('too_large');
  });

  it('reports connection refused as a connect error', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    const error = await failure(client(`http://127.0.0.1:${port}`).bind({}).get('/alerts'));
    expect(error.kind).toBe('connect');
    expect(error.details.code).toBe('ECONNREFUSED');
  });

  it('retries a reset connection for GET', async () => {
    server = await startTestServer((req, res, n) => {
      if (n === 1) return req.socket.destroy();
      json(res, 200, { ok: 1 });
    });
    expect(await client(server.url).bind({}).get('/alerts')).toEqual({ ok: 1 });
    expect(server.requests).toHaveLength(2);
  });

  it('aborts the in-flight request when the caller cancels', async () => {
    let closed: () => void = () => undefined;
    const sawClose = new Promise<void>((r) => (closed = r));
    server = await startTestServer((req) => {
      req.socket.on('close', () => closed());
    });
    const controller = new AbortController();
    const pending = failure(client(server.url).bind({ signal: controller.signal }).get('/alerts'));
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect((await pending).kind).toBe('aborted');
    await sawClose;
  });

  it('goes through HTTP_PROXY when set, and around it for NO_PROXY hosts', async () => {
    server = await startTestServer((_req, res) => json(res, 200, { via: 'origin' }));
    const proxy = await startConnectProxy();
    try {
      await client(server.url, {}, { HTTP_PROXY: proxy.url }).bind({}).get('/alerts');
      expect(proxy.tunnels).toEqual([new URL(server.url).host]);
      await client(server.url, {}, { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }).bind({}).get('/alerts');
      expect(proxy.tunnels).toHaveLength(1);
      expect(server.requests).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });
});
