import type { CallToolResult } from '@modelcontextprotocol/server';
import type { AnyToolSpec, ResourceSpec } from '../connectors/types.js';
import { redactSecrets } from '../config/mask.js';
import { BackendError } from '../http/errors.js';
import type { Bridge } from './bridge.js';
import { describeError } from './errors.js';
import { shapeResult, type JsonObject } from './results.js';

export interface CallContext {
  signal: AbortSignal;
  /** Sends a progress notification; absent when the caller gave no progress token. */
  notifyProgress?: (progress: number, total: number | undefined, message: string | undefined) => Promise<void>;
}

/**
 * Runs one tool with already-validated arguments and returns the MCP result: a compact, capped
 * `structuredContent` object plus the same JSON as one text block, or an `isError` result whose
 * text tells the model what to do next. Shared by `serve` and `socbridge call`.
 */
export async function executeTool(bridge: Bridge, spec: AnyToolSpec, args: Record<string, unknown>, call: CallContext): Promise<CallToolResult> {
  const { settings, connector } = bridge;
  const started = Date.now();
  try {
    if (!bridge.client) throw missingSetting('url', bridge);
    if (!settings.apiKey) throw missingSetting('key', bridge);
    let last = 0;
    let lastSentAt = 0;
    const output = await spec.run(args, {
      http: bridge.client.bind({ tool: spec.name, signal: call.signal }),
      signal: call.signal,
      log: bridge.logger,
      progress: async (progress, total, message) => {
        // Progress must strictly increase; connectors report counts that may repeat.
        if (!call.notifyProgress || progress <= last) return;
        last = progress;
        lastSentAt = Date.now();
        await call.notifyProgress(progress, total, message);
      },
    });
    await letProgressSettle(lastSentAt);
    const shaped = shapeResult(output, settings.maxResultChars);
    bridge.logger.debug(`${spec.name} ok in ${Date.now() - started} ms`);
    return { content: [{ type: 'text', text: shaped.text }], structuredContent: shaped.value };
  } catch (error) {
    const lostScope = scopeLoss(bridge, error);
    const text = describeError(error, {
      connector,
      spec,
      args,
      url: settings.url ?? '(no URL)',
      timeoutMs: settings.timeoutMs,
    });
    bridge.logger.debug(`${spec.name} failed in ${Date.now() - started} ms: ${error instanceof BackendError ? error.kind : 'error'}`);
    const hidden = lostScope ? ` socbridge now hides the tools that need ${lostScope} for the rest of this session.` : '';
    return { isError: true, content: [{ type: 'text', text: redactSecrets(text + hidden, [settings.apiKey]) }] };
  }
}

/** A 403 that names a missing scope, on a backend with scope awareness: remember it. */
function scopeLoss(bridge: Bridge, error: unknown): string | undefined {
  if (!(error instanceof BackendError) || error.status !== 403 || !bridge.connector.missingScopeOf) return undefined;
  const scope = bridge.connector.missingScopeOf(error);
  if (scope) bridge.noteMissingScope(scope);
  return scope;
}

/**
 * Reads one resource: the same bound client, shaping and cap as a tool, but failures are thrown
 * (resources have no isError result) with the same explanatory text.
 */
export async function readResource(bridge: Bridge, spec: ResourceSpec, vars: Record<string, string>, signal: AbortSignal): Promise<{ value: JsonObject; text: string }> {
  const { settings, connector } = bridge;
  try {
    if (!bridge.client) throw missingSetting('url', bridge);
    if (!settings.apiKey) throw missingSetting('key', bridge);
    const output = await spec.read(vars, {
      http: bridge.client.bind({ tool: `resource:${spec.name}`, signal }),
      signal,
      log: bridge.logger,
      progress: async () => undefined,
    });
    return shapeResult(output, settings.maxResultChars);
  } catch (error) {
    scopeLoss(bridge, error);
    const asTool = { name: spec.uri, scope: spec.scope } as AnyToolSpec;
    const text = describeError(error, { connector, spec: asTool, args: vars, url: settings.url ?? '(no URL)', timeoutMs: settings.timeoutMs });
    throw new Error(redactSecrets(text, [settings.apiKey]));
  }
}

/**
 * Clients built on the official SDK dispatch notifications asynchronously but responses at once,
 * and drop progress that arrives after the response closed the request. A burst of progress
 * right before the result (a run that finished between two polls) would lose its tail, so the
 * result waits a moment after the last progress notification.
 */
const PROGRESS_SETTLE_MS = 25;
async function letProgressSettle(lastSentAt: number): Promise<void> {
  const wait = lastSentAt + PROGRESS_SETTLE_MS - Date.now();
  if (lastSentAt > 0 && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

function missingSetting(what: 'url' | 'key', bridge: Bridge): BackendError {
  const { label, id } = bridge.connector;
  const message =
    what === 'url'
      ? `No ${label} URL is configured, so socbridge cannot call ${label}. Set SOCBRIDGE_URL in this server's env in the host config, pass --url, or run: socbridge install --host <host> --backend ${id} --url <url> --api-key <key>. Then restart the host.`
      : `No ${label} API key is configured, so socbridge cannot call ${label}. Set SOCBRIDGE_API_KEY in this server's env in the host config, pass --api-key, or store it in a profile: socbridge install --host <host> --backend ${id} --url <url> --api-key <key>. Then restart the host.`;
  return new BackendError(message, { kind: 'config' });
}
