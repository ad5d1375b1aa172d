import type { ResolvedSettings } from '../config/settings.js';
import type { SandboxHandle } from './index.js';

/**
 * `--sandbox` for serve and call: starts the built-in sandbox in this process and points the
 * resolved settings at it, with the full-access key of the backend being served. Loaded through
 * import() so a real-backend `serve` never loads the sandbox or its SQL engine.
 */
export async function useEmbeddedSandbox(resolved: ResolvedSettings): Promise<{ resolved: ResolvedSettings; sandbox: SandboxHandle }> {
  const { startSandbox } = await import('./index.js');
  const sandbox = await startSandbox({ port: 0 });
  const apiKey = resolved.values.backend === 'calseta' ? sandbox.calsetaKeys.admin : sandbox.keys.full;
  return {
    sandbox,
    resolved: {
      ...resolved,
      values: { ...resolved.values, url: sandbox.url, apiKey },
      sources: { ...resolved.sources, url: 'sandbox', apiKey: 'sandbox' },
    },
  };
}
