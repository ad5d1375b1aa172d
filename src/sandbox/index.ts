import { createSandboxClock } from './dataset/clock.js';
import { buildDataset } from './dataset/index.js';
import { createAisocFace } from './faces/aisoc/index.js';
import { createCalsetaFace } from './faces/calseta/index.js';
import { createMcpFace } from './faces/mcp/index.js';
import { SandboxContext } from './server/context.js';
import { startHttpServer } from './server/http-server.js';
import { aisocKeyRecords, calsetaKeyRecords, KeyTable, mcpKeyRecords, type CalsetaKeys, type McpKeys, type SandboxKeys } from './server/keys.js';

export type { CalsetaKeys, McpKeys, SandboxKeys } from './server/keys.js';

/**
 * socbridge's sandbox: a seeded SOC dataset served on 127.0.0.1 through each vendor's API, with
 * real auth and scope checks and optional fault injection. Loaded lazily (dynamic import) so a
 * `serve` against a real backend never pays for it or for its SQL engine.
 */
export interface SandboxOptions {
  port?: number; // 0 (default) = ephemeral
  seed?: string | number; // default 'socbridge'
  latencyMs?: number; // added to every response (default 0)
  errorRate?: number; // 0..1 fraction of API requests answered 503 (deterministic PRNG from seed)
  rateLimit?: number; // requests per minute per key; 0/undefined = off → 429 + Retry-After + X-RateLimit-*
  runStepMs?: number; // live investigation runs append one event per step (default 150)
  mcpSessionIdleMs?: number; // `/mcp` sessions end after this long without a request (default 30 min)
  vendorRateLimits?: boolean; // Calseta's own per-key limits (600/min, …); default on, off for benchmarks
}

export interface SandboxHandle {
  url: string /* http://127.0.0.1:PORT, no trailing slash */;
  /** AiSOC keys (`aisoc_…`), for `${url}/api/v1`. */
  keys: SandboxKeys;
  /** Calseta keys (`cai_…`), for `${url}/v1`; `/health` answers as Calseta when sent one of these. */
  calsetaKeys: CalsetaKeys;
  /** MCP keys (`slt_…`, Saltare scopes), for `${url}/mcp` (streamable HTTP) and `${url}/sse` (legacy SSE). */
  mcpKeys: McpKeys;
  close(): Promise<void>;
}

const DEFAULT_SEED = 'socbridge';
const DEFAULT_RUN_STEP_MS = 150;
/** Saltare's: sessions expire after 30 minutes of inactivity. */
const DEFAULT_MCP_SESSION_IDLE_MS = 30 * 60_000;

/** The person every sandbox key belongs to: the SOC lead of the primary tenant. */
const KEY_OWNER = 'dwhitfield';

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const seed = String(options.seed ?? DEFAULT_SEED);
  const port = options.port ?? 0;
  const latencyMs = options.latencyMs ?? 0;
  const errorRate = options.errorRate ?? 0;
  const rateLimit = options.rateLimit ?? 0;
  const runStepMs = options.runStepMs ?? DEFAULT_RUN_STEP_MS;
  const mcpSessionIdleMs = options.mcpSessionIdleMs ?? DEFAULT_MCP_SESSION_IDLE_MS;
  check(Number.isInteger(port) && port >= 0 && port <= 65535, `port must be an integer 0–65535 (got ${port})`);
  check(Number.isFinite(latencyMs) && latencyMs >= 0, `latencyMs must be ≥ 0 (got ${latencyMs})`);
  check(Number.isFinite(errorRate) && errorRate >= 0 && errorRate <= 1, `errorRate must be between 0 and 1 (got ${errorRate})`);
  check(Number.isInteger(rateLimit) && rateLimit >= 0, `rateLimit must be a whole number ≥ 0 (got ${rateLimit})`);
  check(Number.isFinite(runStepMs) && runStepMs >= 0, `runStepMs must be ≥ 0 (got ${runStepMs})`);
  // setTimeout's ceiling (~24.8 days); beyond it Node fires at once.
  check(Number.isInteger(mcpSessionIdleMs) && mcpSessionIdleMs >= 1 && mcpSessionIdleMs <= 2_147_483_647, `mcpSessionIdleMs must be a whole number of milliseconds from 1 to 2147483647 (got ${mcpSessionIdleMs})`);

  const dataset = buildDataset(seed);
  const owner = dataset.entities.users.find((u) => u.username === KEY_OWNER);
  if (!owner) throw new Error(`sandbox dataset has no user ${KEY_OWNER}`);
  const keyOwner = { id: owner.id, email: owner.email, username: owner.username };
  const { keys, records } = aisocKeyRecords(seed, dataset.primaryTenantId, keyOwner);
  const calseta = calsetaKeyRecords(seed, dataset.primaryTenantId, keyOwner);
  const keyTable = new KeyTable();
  keyTable.add(records);
  keyTable.add(calseta.records);
  const mcp = mcpKeyRecords(seed, dataset.primaryTenantId, keyOwner);
  keyTable.add(mcp.records);

  const ctx = new SandboxContext(dataset, keyTable, createSandboxClock(), runStepMs);
  // Calseta first: it claims the shared `/health` only for requests carrying a Calseta key.
  const mcpFace = createMcpFace(ctx, { idleMs: mcpSessionIdleMs });
  const faces = [createCalsetaFace(ctx, { vendorLimits: options.vendorRateLimits ?? true }), createAisocFace(ctx), mcpFace];
  const server = await startHttpServer({ port, seed, latencyMs, errorRate, rateLimit, faces, controls: { expireMcpSessions: () => mcpFace.expireSessions() } });

  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    keys,
    calsetaKeys: calseta.keys,
    mcpKeys: mcp.keys,
    close: () => {
      closing ??= (async () => {
        for (const face of faces) face.close();
        await server.close();
        await ctx.close();
      })();
      return closing;
    },
  };
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(`startSandbox: ${message}`);
}
