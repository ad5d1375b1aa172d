import { UsageError } from '../cli/usage-error.js';
import type { Connector } from './types.js';

/**
 * Every backend socbridge can bridge, by id (the value of --backend), each loaded when chosen:
 * a catalog is dozens of zod schemas, and `serve` builds only the one it serves.
 */
const LOADERS: Record<string, () => Promise<Connector>> = {
  aisoc: async () => (await import('./aisoc/index.js')).aisocConnector,
  calseta: async () => (await import('./calseta/index.js')).calsetaConnector,
};

export const CONNECTOR_IDS: readonly string[] = Object.keys(LOADERS);

export async function loadConnector(id: string): Promise<Connector> {
  const load = LOADERS[id];
  // The remote MCP backend mirrors another server's catalog; only `serve` speaks it.
  if (!load && id === 'mcp') throw new UsageError('--backend mcp is supported by serve only: its tools come from the remote server at run time');
  if (!load) throw new UsageError(`unknown backend "${id}"; known backends: ${CONNECTOR_IDS.join(', ')}`);
  return load();
}

/** Every connector, for what spans them all (the catalog contract test). */
export function loadAllConnectors(): Promise<Connector[]> {
  return Promise.all(CONNECTOR_IDS.map(loadConnector));
}
