import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BackendClient } from '../../src/http/client.js';
import { BackendError } from '../../src/http/errors.js';
import { createTransport, type TransportOptions } from '../../src/http/transport.js';
import { silentLogger } from '../../src/server/logger.js';
import { makeCertificates, type Certificates } from '../doctor/helpers.js';
import { startConnectProxy } from '../helpers/connect-proxy.js';
import { json, startTestServer, type TestServer } from '../helpers/http-server.js';

// The transport under BackendClient: node:http/https keep-alive agents, extra CAs, CONNECT tunnels.

let certs: Certificates;
let dir: string;
const closers: Array<() => unknown> = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'socbridge-transport-'));
  certs = makeCertificates(join(dir, 'certs'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function client(baseUrl: string, options: TransportOptions) {
  const c = new BackendClient({
    label: 'AiSOC',
    baseUrl,
    apiPrefix: '/api/v1',
    authHeaders: { authorization: 'Bearer aisoc_test' },
    timeoutMs: 3000,
    maxResponseBytes: 1024 * 1024,
    transport: createTransport(options),
    logger: silentLogger,
    errorMessage: () => undefined,
    retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  });
  closers.push(() => c.destroy());
  return c.bind({ tool: 'aisoc_get_alert' });
}

async function httpsServer(tls: { key: string; cert: string }): Promise<{ url: string; port: number; connections: number }> {
  const state = { url: '', port: 0, connections: 0 };
  const server: HttpsServer = createHttpsServer(tls, (req, res) => json(res, 200, { path: req.url }));
  server.on('secureConnection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.url = `https://localhost:${state.port}`;
  closers.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return state;
}

describe('createTransport', () => {
  it('trusts a private CA given with --ca-file, and refuses the same server without it as a TLS failure', async () => {
    const server = await httpsServer(certs.leaf);
    expect(await client(server.url, { env: {}, caFile: certs.caFile }).get('/alerts/A-1')).toEqual({ path: '/api/v1/alerts/A-1' });

    const refused = await client(server.url, { env: {} })
      .get('/alerts/A-1')
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BackendError);
    expect(refused).toMatchObject({ kind: 'tls', details: { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' } });
  });

  it('reads NODE_EXTRA_CA_CERTS from the environment it is given, not only at process start', async () => {
    const server = await httpsServer(certs.leaf);
    expect(await client(server.url, { env: { NODE_EXTRA_CA_CERTS: certs.caFile } }).get('/x')).toEqual({ path: '/api/v1/x' });
  });

  it('fails at creation, naming the file, when the CA file cannot be read', () => {
    expect(() => createTransport({ env: {}, caFile: join(dir, 'missing.pem') })).toThrow(`cannot read CA file ${join(dir, 'missing.pem')}: ENOENT`);
  });

  it('tunnels https through HTTPS_PROXY with the credentials from its URL, TLS to the backend inside', async () => {
    const server = await httpsServer(certs.leaf);
    const proxy = await startConnectProxy({ forwardTo: server.port });
    closers.push(() => proxy.close());
    const proxyUrl = proxy.url.replace('http://', 'http://me:p%40ss@');
    const api = client(server.url, { env: { HTTPS_PROXY: proxyUrl }, caFile: certs.caFile });
    expect(await api.get('/alerts')).toEqual({ path: '/api/v1/alerts' });
    expect(await api.get('/cases')).toEqual({ path: '/api/v1/cases' });
    expect(proxy.requests).toHaveLength(1);
    expect(proxy.requests[0]).toMatchObject({ target: `localhost:${server.port}`, headers: { 'proxy-authorization': `Basic ${Buffer.from('me:p@ss').toString('base64')}` } });
    expect(server.connections).toBe(1);
  });

  it('reports a proxy that refuses the tunnel as a connect failure naming its status', async () => {
    const server = await httpsServer(certs.leaf);
    const refusing = createServer((_req, res) => res.writeHead(405).end());
    refusing.on('connect', (_req, socket: Socket) => socket.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n'));
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => refusing.close(() => resolve())));
    const failure = await client(server.url, { env: { HTTPS_PROXY: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}` }, caFile: certs.caFile })
      .get('/alerts')
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: 'connect', message: 'the proxy answered CONNECT with 407' });
  });

  it('keeps one connection alive across sequential calls and sends a JSON body with its length', async () => {
    let connections = 0;
    const bodies: string[] = [];
    const server: TestServer = await startTestServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        bodies.push(`${req.headers['content-length']} ${body}`);
        json(res, 200, { ok: true });
      });
    });
    closers.push(() => server.close());
    server.server.on('connection', () => connections++);
    const api = client(server.url, { env: {} });
    for (let i = 0; i < 3; i++) await api.post('/cases', { title: `case ${i}` });
    expect(bodies).toEqual(['18 {"title":"case 0"}', '18 {"title":"case 1"}', '18 {"title":"case 2"}']);
    expect(connections).toBe(1);
  });

  it('close() lets an in-flight exchange finish first', async () => {
    let release: () => void = () => undefined;
    const server = await startTestServer((_req, res) => {
      release = () => json(res, 200, { late: true });
    });
    closers.push(() => server.close());
    const transport = createTransport({ env: {} });
    const origin = server.url;
    const pending = transport.request({ origin, path: '/slow', method: 'GET', headers: {}, deadline: Date.now() + 5_000 });
    await new Promise((r) => setTimeout(r, 50));
    let closed = false;
    const closing = transport.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    release();
    const response = await pending;
    const chunks: Buffer[] = [];
    for await (const chunk of response.body) chunks.push(chunk as Buffer);
    await closing;
    expect(JSON.parse(Buffer.concat(chunks).toString())).toEqual({ late: true });
    expect(closed).toBe(true);
  });
});
