// socbridge benchmarks: run with `npm run bench` after `npm run build`. Every number is measured
// here, on the built bundle, against the sandbox over loopback, side by side with its baseline.
// Results: bench/results/<name>.json, summarized into BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Agent, request } from 'undici';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'socbridge.js');
const RESULTS = join(ROOT, 'bench', 'results');
const CODE_CACHE = join(RESULTS, '.code-cache');
const quick = process.argv.includes('--quick');
// `--only cold-start` runs one benchmark (and leaves BENCHMARKS.md alone), for working on it.
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const round = (x, d = 3) => Number(x.toFixed(d));

function baseEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(SOCBRIDGE_|AISOC_|HTTPS?_PROXY|NO_PROXY)/i.test(k)) env[k] = v;
  // serve's code cache lives with the results, so a run never depends on (or fills) the user's own.
  return { ...env, SOCBRIDGE_CONFIG_DIR: join(RESULTS, '.no-profiles'), SOCBRIDGE_CACHE_DIR: CODE_CACHE, ...extra };
}

/** Starts `socbridge sandbox --json` as its own process so it never shares an event loop with the client. */
async function startSandbox() {
  const child = spawn(process.execPath, [BIN, 'sandbox', '--json', '--port', '0', '--no-vendor-limits'], { env: baseEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
  });
  const info = JSON.parse(line);
  return { ...info, stop: () => child.kill('SIGTERM') };
}

async function connect(sandbox, extraArgs = [], apiKey = sandbox.keys.full) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'serve', '--url', sandbox.url, ...extraArgs],
    env: baseEnv({ SOCBRIDGE_API_KEY: apiKey }),
    stderr: 'inherit',
  });
  const client = new Client({ name: 'socbridge-bench', version: '1' });
  await client.connect(transport);
  return { client, transport };
}

/** Time from spawn to the `initialize` answer on stdout; then stdin closes, as a host quitting does. */
function timeToInitialize(args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env: baseEnv({ SOCBRIDGE_URL: 'http://127.0.0.1:9', SOCBRIDGE_API_KEY: 'aisoc_bench', ...env }), stdio: ['pipe', 'pipe', 'ignore'] });
    child.stdout.once('data', () => {
      const ms = performance.now() - started;
      child.stdin.end();
      // serve writes its code cache on the way out when it had none: wait for it to finish.
      child.once('exit', () => resolve(ms));
    });
    child.on('error', reject);
    child.stdin.write(
      `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } })}\n`,
    );
  });
}

/**
 * A host starts `serve` at every launch. The first start on a machine (per socbridge version and
 * Node) compiles from source and writes the code cache; every later one compiles from it. Both are
 * measured, interleaved with the bare script; the target is for the starts a user sees every day.
 */
async function coldStart() {
  const runs = quick ? 5 : 20;
  rmSync(CODE_CACHE, { recursive: true, force: true });
  await timeToInitialize([BIN, 'serve']); // writes the cache the "later starts" use
  const bare = [];
  const ours = [];
  const first = [];
  for (let i = 0; i < runs; i++) {
    // Interleaved so machine noise hits every side alike.
    bare.push(await timeToInitialize([join(ROOT, 'bench', 'bare-server.mjs')]));
    ours.push(await timeToInitialize([BIN, 'serve']));
    const fresh = mkdtempSync(join(tmpdir(), 'socbridge-bench-cache-'));
    first.push(await timeToInitialize([BIN, 'serve'], { SOCBRIDGE_CACHE_DIR: fresh }));
    rmSync(fresh, { recursive: true, force: true });
  }
  const ratio = median(ours) / median(bare);
  return {
    name: 'cold-start',
    unit: 'ms',
    runs,
    socbridge_median: round(median(ours), 1),
    socbridge_p90: round(pct(ours, 90), 1),
    first_start_median: round(median(first), 1),
    first_start_ratio: round(median(first) / median(bare), 2),
    bare_node_median: round(median(bare), 1),
    ratio: round(ratio, 2),
    target: 'ratio <= 2 (starts after the first, which compile from the code cache)',
    pass: ratio <= 2,
  };
}

/** One backend's detail call, for the per-call and result-economy rows: the REST path and the tool doing the same. */
const AISOC_DETAIL = (alertId) => ({ name: 'per-call-overhead', path: `/api/v1/alerts/${alertId}`, tool: 'aisoc_get_alert', args: { alert_id: alertId } });
const CALSETA_DETAIL = (alertUuid) => ({ name: 'calseta-per-call-overhead', path: `/v1/alerts/${alertUuid}`, tool: 'calseta_get_alert', args: { alert_uuid: alertUuid } });

/** Times two ways of doing one thing, alternating so machine noise hits both alike, after a warm-up. */
async function interleaved(direct, bridged, runs) {
  for (let i = 0; i < 50; i++) {
    await direct();
    await bridged();
  }
  const d = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    d.push(await direct());
    b.push(await bridged());
  }
  return { d, b };
}

async function perCallOverhead(sandbox, session, apiKey, detail) {
  const runs = quick ? 200 : 1000;
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
  const direct = async () => {
    const t = performance.now();
    const res = await request(`${sandbox.url}${detail.path}`, { headers: { authorization: `Bearer ${apiKey}` }, dispatcher });
    await res.body.json();
    return performance.now() - t;
  };
  const viaBridge = async () => {
    const t = performance.now();
    await session.client.callTool({ name: detail.tool, arguments: detail.args });
    return performance.now() - t;
  };
  const { d, b } = await interleaved(direct, viaBridge, runs);
  await dispatcher.close();
  const added = median(b) - median(d);
  return {
    name: detail.name,
    unit: 'ms',
    runs,
    tool: detail.tool,
    direct_http_median: round(median(d)),
    bridge_call_median: round(median(b)),
    added_median: round(added),
    bridge_call_p99: round(pct(b, 99)),
    target: 'added_median <= 1',
    pass: added <= 1,
    note: 'bridge = MCP tools/call over stdio from the official client (JSON-RPC framing both ways) + REST call + shaping',
  };
}

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

/** CPU time (user + system, every thread) the process has used, in ms: a cost that machine load moves far less than calls/s. */
function cpuMsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, 100 per second on Linux
}

async function throughput(sandbox, session, alertId) {
  const total = quick ? 2000 : 10_000;
  const inFlight = 16;
  const pid = session.transport.pid;
  const samples = [];
  let started_calls = 0;
  let finished = 0;
  const cpuBefore = cpuMsOf(pid);
  const started = performance.now();
  const worker = async () => {
    while (started_calls < total) {
      started_calls++;
      await session.client.callTool({ name: 'aisoc_get_alert', arguments: { alert_id: alertId } });
      finished++;
      if (finished % (total / 5) === 0) samples.push({ calls: finished, rss_mb: round(rssOf(pid), 1) });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  const rate = total / seconds;
  const rss = rssOf(pid);
  const cpuPerCall = (cpuMsOf(pid) - cpuBefore) / total;
  const growth = samples.length >= 2 ? samples.at(-1).rss_mb - samples[1].rss_mb : 0;
  return {
    name: 'throughput',
    unit: 'calls/s',
    calls: total,
    in_flight: inFlight,
    calls_per_second: round(rate, 0),
    serve_cpu_ms_per_call: round(cpuPerCall, 3),
    rss_after_mb: round(rss, 1),
    rss_samples: samples,
    rss_growth_after_warmup_mb: round(growth, 1),
    target: '>= 2000 calls/s; RSS <= 80 MB and not growing',
    pass: rate >= 2000 && rss <= 80 && growth < 8,
  };
}

async function resultEconomy(sandbox, session) {
  const res = await request(`${sandbox.url}/api/v1/alerts?page=1&page_size=25`, { headers: { authorization: `Bearer ${sandbox.keys.full}` } });
  const raw = await res.body.text();
  const result = await session.client.callTool({ name: 'aisoc_list_alerts', arguments: { page_size: 25 } });
  const ours = result.content[0].text;
  // The reference @aisoc/mcp returns the backend JSON pretty-printed with two-space indentation.
  const reference = JSON.stringify(JSON.parse(raw), null, 2);
  const share = Buffer.byteLength(ours) / Buffer.byteLength(raw);
  return {
    name: 'result-economy',
    unit: 'bytes',
    items: 25,
    raw_backend_bytes: Buffer.byteLength(raw),
    reference_package_bytes: Buffer.byteLength(reference),
    socbridge_bytes: Buffer.byteLength(ours),
    share_of_raw: round(share, 3),
    share_of_reference: round(Buffer.byteLength(ours) / Buffer.byteLength(reference), 3),
    target: 'share_of_raw <= 0.40',
    pass: share <= 0.4,
  };
}

/**
 * Calseta's list and its agent-ready detail, each against the raw `{data, meta}` body. Calseta's own
 * MCP server returns that body as a JSON string, so raw is also its baseline.
 */
async function calsetaResultEconomy(sandbox, session, apiKey, alertUuid) {
  const measure = async (path, tool, args) => {
    const res = await request(`${sandbox.url}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
    const raw = await res.body.text();
    const result = await session.client.callTool({ name: tool, arguments: args });
    const ours = result.content[0].text;
    return { raw_backend_bytes: Buffer.byteLength(raw), socbridge_bytes: Buffer.byteLength(ours), share_of_raw: round(Buffer.byteLength(ours) / Buffer.byteLength(raw), 3) };
  };
  const list = await measure('/v1/alerts?page=1&page_size=25', 'calseta_search_alerts', { page_size: 25 });
  const detail = await measure(`/v1/alerts/${alertUuid}`, 'calseta_get_alert', { alert_uuid: alertUuid });
  return {
    name: 'calseta-result-economy',
    unit: 'bytes',
    items: 25,
    ...list,
    detail,
    // Issue 5 sets no size target for Calseta. Its list endpoint already returns summaries (no raw
    // payloads), so the list stays close to raw; the detail drops the raw payload unless asked.
    target: 'none set (informational); the raw body is what Calseta\'s own MCP server returns',
    pass: null,
  };
}

/**
 * The remote MCP bridge's added latency: the same tools/call made by the official client straight
 * to the sandbox's `/mcp` (streamable HTTP), and through `serve --backend mcp` over stdio.
 */
async function remoteMcpOverhead(sandbox) {
  const apiKey = sandbox.mcpKeys?.full;
  if (!apiKey) throw new Error('`socbridge sandbox --json` printed no mcpKeys.full: the sandbox needs its MCP face for the remote-mcp row');
  const runs = quick ? 200 : 1000;
  const direct = new Client({ name: 'socbridge-bench', version: '1' });
  await direct.connect(new StreamableHTTPClientTransport(new URL(`${sandbox.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${apiKey}` } } }));
  const session = await connect({ url: `${sandbox.url}/mcp` }, ['--backend', 'mcp'], apiKey);
  try {
    const list = await direct.callTool({ name: 'list_alerts', arguments: { limit: 1 } });
    const call = { name: 'get_alert', arguments: { alert_id: list.structuredContent.items[0].id } };
    const timed = async (client) => {
      const t = performance.now();
      const result = await client.callTool(call);
      if (result.isError) throw new Error(`get_alert failed: ${JSON.stringify(result.content)}`);
      return performance.now() - t;
    };
    const { d, b } = await interleaved(() => timed(direct), () => timed(session.client), runs);
    const added = median(b) - median(d);
    return {
      name: 'remote-mcp-overhead',
      unit: 'ms',
      runs,
      tool: call.name,
      direct_mcp_median: round(median(d)),
      bridge_call_median: round(median(b)),
      added_median: round(added),
      bridge_call_p99: round(pct(b, 99)),
      target: 'added_median <= 2',
      pass: added <= 2,
      note: 'direct = official client → sandbox /mcp over streamable HTTP; bridge = official client over stdio → serve --backend mcp → the same /mcp',
    };
  } finally {
    await session.client.close();
    await direct.close();
  }
}

/** What the numbers rest on, kept with the generator so BENCHMARKS.md never loses it. */
const NOTES = [
  '## What the numbers rest on',
  '',
  '- **Cold start.** `serve` runs from its own CommonJS bundle (dist/serve.cjs, 667 kB) that the launcher compiles through V8\'s code cache, kept in the user\'s cache directory (src/launch/). The first start on a machine, per socbridge version and Node, compiles from source and writes the cache; the row shows both. Node 20 has no compile cache for ES modules (module.enableCompileCache arrives in 22.1). Of what is left over the bare script, about 14 ms is the MCP SDK building its protocol schemas at import, 10 ms reading the cache, 10 ms garbage collection; socbridge\'s own modules take about 5 ms.',
  '- **RSS.** The REST backends use node:http/https (src/http/transport.ts): undici parses HTTP in WebAssembly, and a minimal SDK server doing the same GETs measured 12 MB more idle and up to 27 MB more under this load with it. `serve` runs V8 in its memory-saving mode and caps the young generation at 4 MB (src/server/heap.ts): with V8\'s defaults RSS climbs to 110-160 MB under 16 calls in flight, nearly all of it collectable garbage. A 2 MB young generation measured 77-81 MB but a third more CPU per call; an 8 MB one, 84-86 MB. The live heap after 10,000 calls is about 12 MB.',
  '- **serve\'s CPU per call** (user + system time of the serve process over the throughput run) is the steadier cost: calls/s depends on the client and the sandbox, which share the same two cores.',
  '- RSS counts about 40 MB of the node binary\'s own pages that every Node process has (a bare script answering one line: ~44 MB).',
  '- Everything shares a 2-core machine, so each number moves by ±10-20 % between runs; the ratio rows (cold start) and the interleaved pairs (per-call) are the stable ones.',
];

function summarize(results, meta) {
  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` (bench/run.mjs) on ${meta.date}: Node ${meta.node}, ${meta.cpus} × ${meta.cpu}, ${meta.memory_gb} GB.`,
    'Everything runs on this machine: the built bundle, the sandbox as its own process on 127.0.0.1, the official MCP client over stdio.',
    'Raw numbers: `bench/results/*.json`.',
    '',
    '| benchmark | measured | baseline | target | pass |',
    '|---|---|---|---|---|',
  ];
  for (const r of results) {
    const row = {
      'cold-start': [
        `${r.socbridge_median} ms median (p90 ${r.socbridge_p90}); the first start on a machine, which writes the code cache: ${r.first_start_median} ms (${r.first_start_ratio}×)`,
        `bare node ${r.bare_node_median} ms → ${r.ratio}×`,
      ],
      'per-call-overhead': [`${r.bridge_call_median} ms per tools/call (+${r.added_median} ms)`, `direct HTTP GET ${r.direct_http_median} ms`],
      'calseta-per-call-overhead': [`${r.bridge_call_median} ms per tools/call (+${r.added_median} ms)`, `direct HTTP GET ${r.direct_http_median} ms`],
      'remote-mcp-overhead': [`${r.bridge_call_median} ms per tools/call (+${r.added_median} ms)`, `direct MCP tools/call over streamable HTTP ${r.direct_mcp_median} ms`],
      'calseta-result-economy': [
        `list ${r.socbridge_bytes} B (${Math.round(r.share_of_raw * 100)}% of raw); detail ${r.detail?.socbridge_bytes} B (${Math.round((r.detail?.share_of_raw ?? 0) * 100)}% of raw)`,
        `raw list ${r.raw_backend_bytes} B, raw detail ${r.detail?.raw_backend_bytes} B (what Calseta's own MCP server returns)`,
      ],
      throughput: [
        `${r.calls_per_second} calls/s, RSS ${r.rss_after_mb} MB after ${r.calls} calls (growth ${r.rss_growth_after_warmup_mb} MB); serve's CPU ${r.serve_cpu_ms_per_call} ms per call`,
        '16 in flight',
      ],
      'result-economy': [`${r.socbridge_bytes} B (${Math.round(r.share_of_raw * 100)}% of raw)`, `raw ${r.raw_backend_bytes} B; reference package ${r.reference_package_bytes} B`],
    }[r.name] ?? ['', ''];
    lines.push(`| ${r.name} | ${row[0]} | ${row[1]} | ${r.target} | ${r.pass === null ? 'n/a' : r.pass ? 'yes' : '**no**'} |`);
  }
  lines.push('', ...NOTES);
  return `${lines.join('\n')}\n`;
}

/** The Calseta rows, through `serve --backend calseta` against the sandbox's Calseta face. */
async function calsetaRows(sandbox) {
  const apiKey = sandbox.calsetaKeys?.admin;
  if (!apiKey) throw new Error('`socbridge sandbox --json` printed no calsetaKeys.admin: the sandbox needs its Calseta face for the Calseta rows');
  const session = await connect(sandbox, ['--backend', 'calseta'], apiKey);
  try {
    const list = await session.client.callTool({ name: 'calseta_search_alerts', arguments: { page_size: 1 } });
    const alertUuid = list.structuredContent.items[0].uuid;
    return [await perCallOverhead(sandbox, session, apiKey, CALSETA_DETAIL(alertUuid)), await calsetaResultEconomy(sandbox, session, apiKey, alertUuid)];
  } finally {
    await session.client.close();
  }
}

async function main() {
  const meta = {
    date: new Date().toISOString(),
    node: process.versions.node,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memory_gb: Math.round(totalmem() / 2 ** 30),
    quick,
  };
  if (only === 'cold-start') return report([await coldStart()], meta, false);
  // Without the cold-start row, warm the code cache here: the sessions below measure later starts.
  if (only) await timeToInitialize([BIN, 'serve']);
  const results = only ? [] : [await coldStart()];
  const sandbox = await startSandbox();
  const session = await connect(sandbox);
  try {
    const list = await session.client.callTool({ name: 'aisoc_list_alerts', arguments: { page_size: 1 } });
    const alertId = list.structuredContent.items[0].id;
    results.push(await perCallOverhead(sandbox, session, sandbox.keys.full, AISOC_DETAIL(alertId)));
    results.push(await throughput(sandbox, session, alertId));
    results.push(await resultEconomy(sandbox, session));
    results.push(...(await calsetaRows(sandbox)));
    results.push(await remoteMcpOverhead(sandbox));
  } finally {
    await session.client.close();
    sandbox.stop();
  }
  report(only ? results.filter((r) => r.name === only) : results, meta, !quick && !only);
}

function report(results, meta, summary) {
  for (const r of results) {
    writeFileSync(join(RESULTS, `${r.name}.json`), `${JSON.stringify({ ...r, meta }, null, 2)}\n`);
    console.log(`${r.pass === null ? 'INFO' : r.pass ? 'PASS' : 'MISS'} ${r.name}: ${JSON.stringify(r)}`);
  }
  if (summary) writeFileSync(join(ROOT, 'BENCHMARKS.md'), summarize(results, meta));
}

await main();
