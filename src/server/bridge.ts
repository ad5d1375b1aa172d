import { loadConnector } from '../connectors/registry.js';
import type { AnyToolSpec, Connector } from '../connectors/types.js';
import type { ResolvedSettings, Settings } from '../config/settings.js';
import { BackendClient, DEFAULT_MAX_RESPONSE_BYTES } from '../http/client.js';
import { createTransport } from '../http/transport.js';
import type { Logger } from './logger.js';
import { selectTools } from './select-tools.js';

/**
 * One configured backend, ready to serve: its connector, the tools this session exposes, and the
 * HTTP client (absent when no URL is configured — calls then explain how to set one).
 */
export interface Bridge {
  connector: Connector;
  settings: Settings;
  tools: AnyToolSpec[];
  client?: BackendClient;
  logger: Logger;
  /** Scopes a backend has refused this session (scope awareness); their tools are hidden. */
  missingScopes: ReadonlySet<string>;
  /** Records a refused scope; resolves listeners (MCP faces) only the first time it is seen. */
  noteMissingScope(scope: string): void;
  onMissingScope(listener: (scope: string) => void): () => void;
  /** Aborts whatever is in flight and releases the connection pool. */
  close(): Promise<void>;
}

export async function createBridge(resolved: ResolvedSettings, options: { env: NodeJS.ProcessEnv; logger: Logger }): Promise<Bridge> {
  const settings = resolved.values;
  const connector = await loadConnector(settings.backend);
  const tools = selectTools(connector, settings);
  const client = settings.url
    ? new BackendClient({
        label: connector.label,
        baseUrl: settings.url,
        apiPrefix: connector.apiPrefix,
        authHeaders: settings.apiKey ? connector.authHeaders(settings.apiKey) : undefined,
        timeoutMs: settings.timeoutMs,
        maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
        transport: createTransport({ caFile: settings.caFile, env: options.env }),
        logger: options.logger,
        errorMessage: connector.errorMessage,
      })
    : undefined;
  const missingScopes = new Set<string>();
  const listeners = new Set<(scope: string) => void>();
  return {
    connector,
    settings,
    tools,
    client,
    logger: options.logger,
    missingScopes,
    noteMissingScope(scope) {
      if (missingScopes.has(scope)) return;
      missingScopes.add(scope);
      options.logger.info(`${connector.label} refused scope ${scope}; hiding the tools that need it`);
      for (const listener of listeners) listener(scope);
    },
    onMissingScope(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      client?.destroy();
    },
  };
}
