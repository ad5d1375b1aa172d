import type { ResolvedSettings } from '../config/settings.js';
import type { SandboxHandle } from './index.js';

/**
 * `--sandbox` for serve and call: starts the built-in sandbox in this process and points the
 * resolved settings at it, with the full-access key of the backend being served (`--backend mcp`:
 * the sandbox's streamable HTTP endpoint and its MCP key). Loaded through
 * import() so a real-backend `serve` never loads the sandbox or its SQL engine.
 */
export async function useEmbeddedSandbox(resolved: ResolvedSettings): Promise<{ resolved: ResolvedSettings; sandbox: SandboxHandle }> {
  const { startSandbox } = await import('./index.js');
  const sandbox = await startSandbox({ port: 0 });
  const { url, apiKey } = endpointFor(resolved.values.backend, sandbox);
  return {
    sandbox,
    resolved: {
      ...resolved,
      values: { ...resolved.values, url, apiKey },
      sources: { ...resolved.sources, url: 'sandbox', apiKey: 'sandbox' },
    },
  };
}

/** Where each backend finds the sandbox, and the key that may do everything there. */
function endpointFor(backend: ResolvedSettings['values']['backend'], sandbox: SandboxHandle): { url: string; apiKey: string } {
  switch (backend) {
    case 'calseta':
      return { url: sandbox.url, apiKey: sandbox.calsetaKeys.admin };
    case 'mcp':
      return { url: `${sandbox.url}/mcp`, apiKey: sandbox.mcpKeys.full };
    default:
      return { url: sandbox.url, apiKey: sandbox.keys.full };
  }
}
