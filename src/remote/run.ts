import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { ResolvedSettings } from '../config/settings.js';
import type { SandboxHandle } from '../sandbox/index.js';
import { serveUntilStopped } from '../server/lifecycle.js';
import { createLogger } from '../server/logger.js';
import { VERSION } from '../version.js';
import { createRemoteBridge } from './bridge.js';
import { createRemoteServer } from './server.js';

/**
 * `serve --backend mcp`: the remote bridge. The connection starts in the background, so the host's
 * handshake is answered at once whether or not the remote is up. Its own bundle in the serve build
 * (dist/serve-remote.cjs), so the AiSOC and Calseta paths never carry the MCP client and undici.
 */
export async function runRemote(resolved: ResolvedSettings, env: NodeJS.ProcessEnv, sandbox: SandboxHandle | undefined): Promise<void> {
  const settings = resolved.values;
  const logger = createLogger({ verbose: settings.verbose });
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

