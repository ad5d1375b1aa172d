import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { UsageError } from '../cli/usage-error.js';
import { useEmbeddedSandbox } from '../sandbox/embedded.js';
import { resolveSettings, type SettingFlags } from '../config/settings.js';
import { VERSION } from '../version.js';
import { createBridge } from './bridge.js';
import { serveUntilStopped } from './lifecycle.js';
import { createLogger } from './logger.js';
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
  if (resolved.values.backend === 'mcp') {
    // Checked here, not in the remote bundle: a UsageError must be this bundle's class to exit 2.
    if (!resolved.values.url) throw new UsageError('--backend mcp needs the remote MCP endpoint: pass --url https://host/mcp (or set SOCBRIDGE_URL)');
    const { runRemote } = await import('../remote/run.js');
    return runRemote(resolved, env, sandbox);
  }
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
