import type { CallToolResult, Tool } from '@modelcontextprotocol/client';
import { ProtocolError, ProtocolErrorCode, Server, type ServerContext } from '@modelcontextprotocol/server';
import { VERSION } from '../version.js';
import type { RemoteBridge } from './bridge.js';
import { capRemoteResult, capResourceContents } from './cap.js';
import { RemoteUnavailableError } from './connection.js';
import { classifyFailure, type RemoteFailure } from './failures.js';
import type { RemoteSession } from './session.js';
import { STATUS_TOOL_NAME, statusTool } from './status-tool.js';

/** JSON-RPC errors that mean "you asked wrongly", passed to the host as the remote sent them. */
const CALLER_ERRORS = new Set<number>([ProtocolErrorCode.InvalidParams, ProtocolErrorCode.MethodNotFound, ProtocolErrorCode.InvalidRequest]);

/**
 * The stdio face of a remote MCP server. Low-level handlers rather than McpServer, so tool
 * schemas, annotations and output schemas reach the host exactly as the remote wrote them.
 * `initialize` is answered by the SDK at once; only list and call requests wait for the remote.
 */
export function createRemoteServer(bridge: RemoteBridge): Server {
  const live = bridge.connection.current;
  const instructions = live.status === 'connected' ? live.session.client.getInstructions() : undefined;
  const server = new Server(
    { name: 'socbridge', version: VERSION, title: `socbridge (remote MCP: ${bridge.url})` },
    {
      capabilities: { tools: { listChanged: true }, resources: { listChanged: true }, prompts: { listChanged: true } },
      instructions: instructions ?? `Tools, resources and prompts of the remote MCP server at ${bridge.url}, bridged by socbridge.`,
    },
  );

  server.setRequestHandler('tools/list', async () => ({ tools: await servedTools(bridge) }));
  server.setRequestHandler('tools/call', async (request, ctx) => {
    const { name, arguments: args } = request.params;
    const tool = await findTool(bridge, name);
    if (tool === 'status') return await retryConnection(bridge);
    const result = await callTool(bridge, tool, args, ctx);
    return server.projectCallToolResult(result, tool.outputSchema);
  });

  server.setRequestHandler('resources/list', async () => ({ resources: await listOrEmpty(bridge, 'resources') }));
  server.setRequestHandler('resources/templates/list', async () => ({ resourceTemplates: await listOrEmpty(bridge, 'resourceTemplates') }));
  server.setRequestHandler('resources/read', async (request, ctx) =>
    capResourceContents(
      await forward(bridge, `resources/read ${request.params.uri}`, (session) =>
        session.client.request({ method: 'resources/read', params: { uri: request.params.uri } }, requestOptions(bridge, ctx)),
      ),
      bridge.maxResultChars,
    ),
  );

  server.setRequestHandler('prompts/list', async () => ({
    prompts: (await listOrEmpty(bridge, 'prompts')).map((p) => ({ ...p, name: bridge.naming.served(p.name) })),
  }));
  server.setRequestHandler('prompts/get', async (request, ctx) => {
    const remoteName = bridge.naming.remote(request.params.name);
    if (remoteName === undefined) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown prompt: ${request.params.name}`);
    return forward(bridge, `prompt ${request.params.name}`, (session) =>
      session.client.request({ method: 'prompts/get', params: { name: remoteName, arguments: request.params.arguments } }, requestOptions(bridge, ctx)),
    );
  });

  bridge.servers.add(server);
  server.onclose = () => bridge.servers.delete(server);
  return server;
}

/** The remote's tools, renamed and filtered; the status tool while the remote has never answered. */
async function servedTools(bridge: RemoteBridge): Promise<Tool[]> {
  try {
    const tools = await bridge.catalog.list('tools');
    const served = tools.map((tool) => ({ tool, name: bridge.naming.served(tool.name) }));
    bridge.warnUnmatchedFilters(served.map((s) => ({ remote: s.tool.name, served: s.name })));
    return served.filter((s) => bridge.filter.allows(s.tool, s.name)).map((s) => ({ ...s.tool, name: s.name }));
  } catch (error) {
    if (bridge.catalog.has('tools')) throw asProtocolError(bridge, error, 'tools/list');
    return [statusTool(bridge.naming.served(STATUS_TOOL_NAME), bridge.url, bridge.explain(failureOf(error)))];
  }
}

/** The remote tool behind a served name, if this session serves it; 'status' for the status tool. */
async function findTool(bridge: RemoteBridge, servedName: string): Promise<Tool | 'status'> {
  const remoteName = bridge.naming.remote(servedName);
  const isStatus = servedName === bridge.naming.served(STATUS_TOOL_NAME);
  let tools: Tool[];
  try {
    tools = await bridge.catalog.list('tools');
  } catch (error) {
    if (isStatus) return 'status';
    throw asProtocolError(bridge, error, servedName);
  }
  const tool = tools.find((t) => t.name === remoteName);
  // A host that listed tools while the remote was down may call the status tool after it came back.
  if (!tool && isStatus) return 'status';
  if (!tool || !bridge.filter.allows(tool, servedName)) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${servedName}`);
  return tool;
}

/**
 * One call through to the remote: arguments as given, progress relayed with the host's token,
 * cancellation forwarded (the SDK sends `notifications/cancelled` when the signal aborts), the
 * remote's own `isError` results untouched. Failures on the way become `isError` text; malformed
 * calls stay JSON-RPC errors.
 */
async function callTool(bridge: RemoteBridge, tool: Tool, args: Record<string, unknown> | undefined, ctx: ServerContext): Promise<CallToolResult> {
  const servedName = bridge.naming.served(tool.name);
  const started = Date.now();
  const progress = progressRelay(bridge, ctx);
  try {
    const result = await bridge.connection.run(
      (session) =>
        session.client.request(
          { method: 'tools/call', params: { name: tool.name, arguments: args } },
          { ...requestOptions(bridge, ctx), onprogress: progress.onprogress, resetTimeoutOnProgress: true },
        ),
      { waitMs: bridge.timeoutMs },
    );
    await progress.settle();
    bridge.logger.debug(`${servedName} ${result.isError ? 'returned isError' : 'ok'} in ${Date.now() - started} ms`);
    return result.isError ? result : capRemoteResult(result, bridge.maxResultChars);
  } catch (error) {
    const failure = failureOf(error);
    if (failure.kind === 'rpc' && CALLER_ERRORS.has(failure.code)) throw new ProtocolError(failure.code, bridge.redact(failure.message), failure.data);
    bridge.logger.debug(`${servedName} failed in ${Date.now() - started} ms: ${failure.kind}`);
    return { isError: true, content: [{ type: 'text', text: bridge.explain(failure, servedName) }] };
  }
}

/** The status tool's call: try now, and say what happened. */
async function retryConnection(bridge: RemoteBridge): Promise<CallToolResult> {
  try {
    const tools = await bridge.catalog.list('tools');
    bridge.catalog.changed('tools');
    return { content: [{ type: 'text', text: `Connected to the remote MCP server at ${bridge.url}: ${tools.length} tools are available now. List the tools again to use them.` }] };
  } catch (error) {
    return { isError: true, content: [{ type: 'text', text: bridge.explain(failureOf(error)) }] };
  }
}

/** Resource and prompt lists: empty while the remote has never answered (the status tool explains why). */
async function listOrEmpty<L extends 'resources' | 'resourceTemplates' | 'prompts'>(bridge: RemoteBridge, list: L) {
  try {
    return await bridge.catalog.list(list);
  } catch (error) {
    if (bridge.catalog.has(list)) throw asProtocolError(bridge, error, list);
    return [];
  }
}

async function forward<T>(bridge: RemoteBridge, what: string, request: (session: RemoteSession) => Promise<T>): Promise<T> {
  try {
    return await bridge.connection.run(request, { waitMs: bridge.timeoutMs });
  } catch (error) {
    throw asProtocolError(bridge, error, what);
  }
}

function requestOptions(bridge: RemoteBridge, ctx: ServerContext) {
  return { signal: ctx.mcpReq.signal, timeout: bridge.timeoutMs };
}

/**
 * Relays the remote's progress to the host under the host's own token. Clients built on the
 * official SDK dispatch notifications asynchronously but responses at once, and drop progress that
 * arrives after the response; `settle` holds the result until the relayed progress is out and the
 * host had a moment to dispatch it (the REST bridge does the same, server/execute.ts).
 */
function progressRelay(bridge: RemoteBridge, ctx: ServerContext) {
  const token = ctx.mcpReq._meta?.progressToken;
  const sent: Array<Promise<void>> = [];
  return {
    onprogress:
      token === undefined
        ? undefined
        : (p: { progress: number; total?: number; message?: string }) => {
            const notified = ctx.mcpReq
              .notify({ method: 'notifications/progress', params: { progressToken: token, progress: p.progress, total: p.total, message: p.message } })
              .catch((error: unknown) => bridge.logger.debug(`relaying progress failed: ${String(error)}`));
            sent.push(notified);
          },
    async settle(): Promise<void> {
      if (sent.length === 0) return;
      await Promise.all(sent);
      await new Promise((resolve) => setTimeout(resolve, PROGRESS_SETTLE_MS));
    },
  };
}

const PROGRESS_SETTLE_MS = 25;

/** A remote JSON-RPC error keeps its code; anything else becomes an internal error carrying the explanation. */
function asProtocolError(bridge: RemoteBridge, error: unknown, what: string): ProtocolError {
  const failure = failureOf(error);
  if (failure.kind === 'rpc') return new ProtocolError(failure.code, bridge.redact(failure.message), failure.data);
  return new ProtocolError(ProtocolErrorCode.InternalError, bridge.explain(failure, what));
}

function failureOf(error: unknown): RemoteFailure {
  return error instanceof RemoteUnavailableError ? error.failure : classifyFailure(error);
}
