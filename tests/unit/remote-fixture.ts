// A small remote MCP server for the remote-bridge tests: streamable HTTP at /mcp (sessions, bearer
// auth, expiry on demand) and the legacy HTTP+SSE transport at /sse, both on 127.0.0.1.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import {
  ProtocolError,
  Server,
  WebStandardStreamableHTTPServerTransport,
  type CallToolResult,
  type JSONRPCMessage,
  type Tool,
  type Transport,
} from '@modelcontextprotocol/server';

export const FIXTURE_KEY = 'fixture-secret-key-0123456789';

export const FIXTURE_TOOLS: Tool[] = [
  {
    name: 'echo',
    title: 'Echo',
    description: 'Returns its text.',
    inputSchema: { type: 'object', properties: { text: { type: 'string', maxLength: 100 } }, required: ['text'], additionalProperties: false },
    outputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
  {
    name: 'list_items',
    description: 'Returns n items.',
    inputSchema: { type: 'object', properties: { n: { type: 'integer', minimum: 1 } }, required: ['n'] },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'fail',
    description: 'Always returns an isError result.',
    inputSchema: { type: 'object', properties: {} },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'slow',
    description: 'Waits until cancelled.',
    inputSchema: { type: 'object', properties: {} },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'progress',
    description: 'Reports three progress steps.',
    inputSchema: { type: 'object', properties: {} },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'write_note',
    description: 'Writes a note (needs a write scope).',
    inputSchema: { type: 'object', properties: { note: { type: 'string' } } },
    annotations: { readOnlyHint: false, destructiveHint: false },
  },
  { name: 'unannotated', description: 'No annotations at all.', inputSchema: { type: 'object' } },
];

export interface Fixture {
  url: string;
  /** Every request's method, path and headers, as received. */
  requests: Array<{ method: string; path: string; headers: IncomingMessage['headers'] }>;
  /** JSON-RPC methods received, in order (notifications included). */
  methods: string[];
  cancelled: Array<string | number>;
  /** Forgets every streamable-HTTP session: the next request with an old id gets 404. */
  expireSessions(): void;
  /**
   * Silences every open `/sse` stream without closing it (a half-open connection, a buffering
   * proxy): POSTs are still accepted, nothing comes back. Streams opened later are healthy.
   */
  stallSseStreams(): number;
  close(): Promise<void>;
}

export async function startFixture(options: { port?: number } = {}): Promise<Fixture> {
  const requests: Fixture['requests'] = [];
  const methods: string[] = [];
  const cancelled: Array<string | number> = [];
  const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();
  const sseSessions = new Map<string, SseServerTransport>();

  const build = () => buildServer(methods, cancelled);

  const http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ method: req.method ?? '', path, headers: req.headers });
    if (req.headers.authorization !== `Bearer ${FIXTURE_KEY}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid API key' }));
      return;
    }
    if (path === '/mcp') void handleStreamable(req, res, sessions, build);
    else if (path === '/sse' && req.method === 'GET') void openSse(req, res, sseSessions, build);
    else if (path === '/messages' && req.method === 'POST') void postSse(req, res, sseSessions);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    methods,
    cancelled,
    expireSessions: () => sessions.clear(),
    stallSseStreams: () => {
      for (const transport of sseSessions.values()) transport.stalled = true;
      return sseSessions.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

function buildServer(methods: string[], cancelled: Array<string | number>): Server {
  const server = new Server(
    { name: 'fixture', version: '1.0.0' },
    { capabilities: { tools: { listChanged: true }, resources: {}, prompts: {} }, instructions: 'Fixture instructions.' },
  );
  server.oninitialized = () => void methods.push('initialized');
  server.fallbackNotificationHandler = async (n) => {
    methods.push(n.method);
    if (n.method === 'notifications/cancelled') cancelled.push((n.params as { requestId: string | number }).requestId);
  };
  server.setRequestHandler('tools/list', async () => {
    methods.push('tools/list');
    return { tools: FIXTURE_TOOLS };
  });
  server.setRequestHandler('tools/call', async (request, ctx): Promise<CallToolResult> => {
    methods.push('tools/call');
    const args = request.params.arguments ?? {};
    switch (request.params.name) {
      case 'echo':
        return { content: [{ type: 'text', text: JSON.stringify({ text: args.text }) }], structuredContent: { text: String(args.text) } };
      case 'list_items': {
        const items = Array.from({ length: Number(args.n) }, (_, i) => ({ id: i, label: `item ${i} `.repeat(5) }));
        return { content: [{ type: 'text', text: JSON.stringify({ items }) }], structuredContent: { items } };
      }
      case 'fail':
        return { isError: true, content: [{ type: 'text', text: 'the fixture failed on purpose' }] };
      case 'slow':
        await new Promise<void>((resolve) => ctx.mcpReq.signal.addEventListener('abort', () => resolve(), { once: true }));
        cancelled.push(`aborted:${String(ctx.mcpReq.id)}`);
        return { content: [{ type: 'text', text: 'cancelled' }] };
      case 'progress': {
        const token = ctx.mcpReq._meta?.progressToken;
        if (token !== undefined) {
          for (const step of [1, 2, 3]) {
            await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, progress: step, total: 3, message: `step ${step}` } });
          }
        }
        return { content: [{ type: 'text', text: 'done' }] };
      }
      case 'write_note':
        throw new ProtocolError(-32000, 'missing scope mcp:tools:write');
      default:
        throw new ProtocolError(-32602, `Unknown tool: ${request.params.name}`);
    }
  });
  server.setRequestHandler('resources/list', async () => ({
    resources: [{ uri: 'fixture://docs/one', name: 'one', title: 'Doc one', mimeType: 'text/plain' }],
  }));
  server.setRequestHandler('resources/templates/list', async () => ({
    resourceTemplates: [{ uriTemplate: 'fixture://docs/{slug}', name: 'doc', description: 'A doc by slug' }],
  }));
  server.setRequestHandler('resources/read', async (request) => {
    if (!request.params.uri.startsWith('fixture://docs/')) throw new ProtocolError(-32602, `Unknown resource: ${request.params.uri}`);
    return { contents: [{ uri: request.params.uri, mimeType: 'text/plain', text: `contents of ${request.params.uri}` }] };
  });
  server.setRequestHandler('prompts/list', async () => ({
    prompts: [{ name: 'summarize', description: 'Summarize a doc', arguments: [{ name: 'slug', required: true }] }],
  }));
  server.setRequestHandler('prompts/get', async (request) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Summarize ${request.params.arguments?.slug ?? '?'}` } }],
  }));
  return server;
}

async function handleStreamable(
  req: IncomingMessage,
  res: ServerResponse,
  sessions: Map<string, WebStandardStreamableHTTPServerTransport>,
  build: () => Server,
): Promise<void> {
  const body = req.method === 'POST' ? await readBody(req) : undefined;
  const sessionId = req.headers['mcp-session-id'];
  let transport = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
  if (typeof sessionId === 'string' && !transport) {
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } }));
    return;
  }
  if (!transport) {
    const created = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: false,
      onsessioninitialized: (id) => void sessions.set(id, created),
    });
    transport = created;
    await build().connect(created);
  }
  const request = new Request(`http://127.0.0.1${req.url}`, {
    method: req.method,
    headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])),
    body,
  });
  const response = await transport.handleRequest(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  const stream = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** The legacy transport's server half: responses travel as `message` events on the GET stream. */
class SseServerTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  stalled = false;
  constructor(private readonly res: ServerResponse) {}
  async start(): Promise<void> {}
  async send(message: JSONRPCMessage): Promise<void> {
    if (this.stalled) return;
    this.res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }
  async close(): Promise<void> {
    this.res.end();
    this.onclose?.();
  }
}

async function openSse(req: IncomingMessage, res: ServerResponse, sessions: Map<string, SseServerTransport>, build: () => Server): Promise<void> {
  const id = randomUUID();
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const transport = new SseServerTransport(res);
  sessions.set(id, transport);
  req.on('close', () => sessions.delete(id));
  await build().connect(transport);
  res.write(`event: endpoint\ndata: /messages?sessionId=${id}\n\n`);
}

async function postSse(req: IncomingMessage, res: ServerResponse, sessions: Map<string, SseServerTransport>): Promise<void> {
  const id = new URL(req.url ?? '/', 'http://x').searchParams.get('sessionId') ?? '';
  const transport = sessions.get(id);
  const body = await readBody(req);
  if (!transport) {
    res.writeHead(404).end('unknown session');
    return;
  }
  res.writeHead(202).end('Accepted');
  transport.onmessage?.(JSON.parse(body) as JSONRPCMessage);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
