import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { UsageError } from '../cli/usage-error.js';
import { useEmbeddedSandbox } from '../sandbox/embedded.js';
import type { SandboxHandle } from '../sandbox/index.js';
import { resolveSettings, type ResolvedSettings, type SettingFlags } from '../config/settings.js';
import { VERSION } from '../version.js';
import { createBridge } from './bridge.js';
import { createLogger, type Logger } from './logger.js';
import { createMcpServer } from './mcp.js';

/**
 * `socbridge serve`: one bridge, served over stdio to whichever protocol era the host opens with,
 * until stdin closes or a signal arrives; then in-flight backend requests are aborted and the
 * process exits.
 */
export async function runStdioServer(flags: SettingFlags & { sandbox?: boolean }): Promise<void> {
  // stdout is the JSON-RPC channel: anything a dependency prints goes to stderr instead.
  console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);

  const env = process.env;
  const configured = await resolveSettings(flags, env);
  const { resolved, sandbox } = flags.sandbox ? await useEmbeddedSandbox(configured) : { resolved: configured, sandbox: undefined };
  if (resolved.values.backend === 'mcp') return runRemote(resolved, env, sandbox);
  const logger = createLogger({ verbose: resolved.values.verbose });
  const bridge = await createBridge(resolved, { env, logger });
  logger.debug(
    `socbridge ${VERSION} serving ${bridge.connector.id} at ${resolved.values.url ?? '(no URL)'}: ${bridge.tools.length} tools` +
      `${resolved.values.readOnly ? ' (read-only)' : ''}${sandbox ? ' [sandbox]' : ''}`,
  );

  const handle = serveStdio(() => createMcpServer(bridge), {
    onerror: (error) => logger.debug(`transport: ${error.message}`),
  });
  await serveUntilStopped(logger, [() => handle.close(), () => bridge.close(), async () => sandbox?.close()]);
}

/**
 * `serve --backend mcp`: the remote bridge. The connection starts in the background, so the host's
 * handshake is answered at once whether or not the remote is up.
 */
async function runRemote(resolved: ResolvedSettings, env: NodeJS.ProcessEnv, sandbox: SandboxHandle | undefined): Promise<void> {
  const settings = resolved.values;
  if (!settings.url) {
    throw new UsageError('--backend mcp needs the remote MCP endpoint: pass --url https://host/mcp (or set SOCBRIDGE_URL)');
  }
  const logger = createLogger({ verbose: settings.verbose });
  const { createRemoteBridge } = await import('../remote/bridge.js');
  const { createRemoteServer } = await import('../remote/server.js');
  const bridge = createRemoteBridge(settings, { env, logger });
  logger.debug(
    `socbridge ${VERSION} bridging the remote MCP server at ${settings.url} (transport ${settings.transport})` +
      `${settings.readOnly ? ' (read-only)' : ''}${settings.headers ? `, headers ${settings.headers.entries.map(([n]) => n).join(', ')}` : ''}${sandbox ? ' [sandbox]' : ''}`,
  );
  bridge.connection.start();
  const handle = serveStdio(() => createRemoteServer(bridge), {
    onerror: (error) => logger.debug(`transport: ${error.message}`),
  });
  await serveUntilStopped(logger, [() => handle.close(), () => bridge.close(), async () => sandbox?.close()]);
}

/** Serves until stdin closes or a signal arrives, then runs the cleanup steps and exits. */
async function serveUntilStopped(logger: Logger, steps: Array<() => Promise<unknown>>): Promise<void> {

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (why: string) => {
      if (stopping) return;
      stopping = true;
      logger.debug(`shutting down (${why})`);
      void shutdown(logger, steps).then(resolve);
    };
    process.stdin.once('end', () => stop('stdin closed'));
    process.stdin.once('close', () => stop('stdin closed'));
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  // Keep-alive sockets or timers must not keep a host waiting on a server it already let go of.
  process.exit(0);
}

/** Runs each cleanup step, bounded so a stuck socket cannot hold the process open. */
async function shutdown(logger: Logger, steps: Array<() => Promise<unknown>>): Promise<void> {
  const all = Promise.allSettled(steps.map((step) => step())).then((results) => {
    for (const r of results) if (r.status === 'rejected') logger.debug(`shutdown step failed: ${String(r.reason)}`);
  });
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
}
