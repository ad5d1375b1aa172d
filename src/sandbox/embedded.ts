/**
 * `--sandbox` for serve/call/demo: starts the built-in sandbox in this process. Loaded through
 * import() so a real-backend `serve` never loads the sandbox or its SQL engine.
 */
export async function startEmbeddedSandbox(options: { seed?: string } = {}) {
  const { startSandbox } = await import('./index.js');
  return startSandbox({ port: 0, seed: options.seed });
}
