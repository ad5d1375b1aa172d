import type { Server } from '@modelcontextprotocol/server';
import { redactSecrets } from '../config/mask.js';
import type { Settings } from '../config/settings.js';
import { createDispatcher } from './dispatcher.js';
import type { Logger } from '../server/logger.js';
import { RemoteCatalog, type ListName } from './catalog.js';
import { RemoteConnection } from './connection.js';
import { explainFailure } from './explain.js';
import type { RemoteFailure } from './failures.js';
import { createRemoteFetch } from './fetch.js';
import { remoteRequestHeaders } from './headers.js';
import { createNaming, type Naming } from './names.js';
import { createToolFilter, type ToolFilter } from './filters.js';

/** How long a host's list request waits for the first connection before the status tool answers. */
const FIRST_CONNECT_WAIT_MS = 5000;

/** `serve --backend mcp`: one remote MCP server, kept connected, re-served on stdio. */
export interface RemoteBridge {
  url: string;
  timeoutMs: number;
  maxResultChars: number;
  connection: RemoteConnection;
  catalog: RemoteCatalog;
  naming: Naming;
  filter: ToolFilter;
  logger: Logger;
  /** The MCP faces currently served (one per stdio connection), to forward list_changed to. */
  servers: Set<Server>;
  /** The text the host sees for a failure, secrets removed. */
  explain(failure: RemoteFailure, what?: string): string;
  redact(text: string): string;
  /** Warns once about --tools / --exclude-tools patterns that match no remote tool. */
  warnUnmatchedFilters(tools: ReadonlyArray<{ remote: string; served: string }>): void;
  close(): Promise<void>;
}

export function createRemoteBridge(settings: Settings, options: { env: NodeJS.ProcessEnv; logger: Logger }): RemoteBridge {
  const { logger } = options;
  if (!settings.url) throw new Error('--backend mcp needs --url');
  const url = settings.url;
  const secrets = [settings.apiKey, ...(settings.headers?.values ?? [])];
  const redact = (text: string) => redactSecrets(text, secrets);
  const dispatcher = createDispatcher({ caFile: settings.caFile, env: options.env });
  const servers = new Set<Server>();
  const notifyHost = (list: ListName) => {
    for (const server of servers) {
      const sent = list === 'tools' ? server.sendToolListChanged() : list === 'prompts' ? server.sendPromptListChanged() : server.sendResourceListChanged();
      sent.catch((error: unknown) => logger.debug(`forwarding ${list} list_changed failed: ${String(error)}`));
    }
  };

  let catalog: RemoteCatalog | undefined;
  const connection = new RemoteConnection(
    {
      url: new URL(url),
      transport: settings.transport,
      fetch: createRemoteFetch({ dispatcher, headers: remoteRequestHeaders(settings.apiKey, settings.headers) }),
      timeoutMs: settings.timeoutMs,
      onNotification: (list) => catalog?.changed(list),
    },
    logger,
  );
  catalog = new RemoteCatalog(connection, {
    waitMs: Math.min(FIRST_CONNECT_WAIT_MS, settings.timeoutMs),
    timeoutMs: settings.timeoutMs,
    logger,
    onChanged: notifyHost,
  });
  const mirrored = catalog;
  let connectedBefore = false;
  connection.onConnected(() => {
    // The first connection needs no refresh; later ones may find a changed remote.
    if (connectedBefore) void mirrored.refresh();
    else if (!mirrored.has('tools')) notifyHost('tools');
    connectedBefore = true;
  });

  let warned = false;
  const filter = createToolFilter(settings);
  return {
    url,
    timeoutMs: settings.timeoutMs,
    maxResultChars: settings.maxResultChars,
    connection,
    catalog,
    naming: createNaming(settings.prefix),
    filter,
    logger,
    servers,
    explain: (failure, what) => redact(explainFailure(failure, { url, timeoutMs: settings.timeoutMs, what })),
    redact,
    warnUnmatchedFilters(tools) {
      if (warned) return;
      warned = true;
      const unmatched = filter.unmatched(tools);
      if (unmatched.length) logger.warn(`--tools / --exclude-tools pattern(s) ${unmatched.join(', ')} match no tool of the remote MCP server`);
    },
    async close() {
      await connection.close();
      await (await dispatcher()).destroy();
    },
  };
}
