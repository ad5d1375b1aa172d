import { UsageError } from '../cli/usage-error.js';
import { aisocConnector } from './aisoc/index.js';
import { calsetaConnector } from './calseta/index.js';
import type { Connector } from './types.js';

/** Every backend socbridge can bridge, by id (the value of --backend). */
export const connectors: Record<string, Connector> = {
  [aisocConnector.id]: aisocConnector,
  [calsetaConnector.id]: calsetaConnector,
};

export function getConnector(id: string): Connector {
  const connector = connectors[id];
  // The remote MCP backend mirrors another server's catalog; only `serve` speaks it.
  if (!connector && id === 'mcp') throw new UsageError('--backend mcp is supported by serve only: its tools come from the remote server at run time');
  if (!connector) throw new UsageError(`unknown backend "${id}"; known backends: ${Object.keys(connectors).join(', ')}`);
  return connector;
}
