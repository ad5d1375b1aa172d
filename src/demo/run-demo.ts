import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { VERSION } from '../version.js';

type Json = Record<string, unknown>;

interface Step {
  say: string;
  tool: string;
  args: (state: Json) => Json | undefined;
  show: (result: Json, state: Json) => string[];
}

/**
 * A short triage an analyst would do, driven through the real MCP path: `serve --sandbox` as a
 * child process, the official client over stdio. Each step prints the call and what came back.
 */
const STEPS: Step[] = [
  {
    say: 'Triage the queue: the newest critical alerts',
    tool: 'aisoc_list_alerts',
    args: () => ({ severity: 'critical', page_size: 5 }),
    show: (r, state) => {
      const items = (r.items as Json[]) ?? [];
      state.alert = items.find((a) => a.case_id) ?? items[0];
      return [`${String(r.total ?? items.length)} critical alerts; first ${items.length}:`, ...items.map((a) => `  ${String(a.severity).padEnd(8)} ${String(a.status).padEnd(13)} ${String(a.title)}`)];
    },
  },
  {
    say: 'Open the first one',
    tool: 'aisoc_get_alert',
    args: (state) => (state.alert ? { alert_id: (state.alert as Json).id } : undefined),
    show: (r, state) => {
      state.caseId = r.case_id;
      const mitre = [...((r.mitre_techniques as string[]) ?? [])].join(', ');
      return [`${String(r.title)}`, `  MITRE ${mitre || '—'} · AI score ${String(r.ai_score ?? '—')} · case ${String(r.case_id ?? 'none')}`, ...(r.ai_summary ? [`  ${String(r.ai_summary)}`] : [])];
    },
  },
  {
    say: 'Investigate its case, with the timeline',
    tool: 'aisoc_get_case',
    args: (state) => ({ case_id: state.caseId ?? 'INC-001', include_timeline: true }),
    show: (r, state) => {
      const timeline = ((r.timeline as Json[]) ?? []).slice(0, 4);
      return [`${String(r.case_number)} ${String(r.title)} — ${String(r.status)}, ${String(r.severity)}`, ...timeline.map((e) => `  ${String(e.timestamp)}  ${String(e.title)}`)];
    },
  },
  {
    say: "Audit the AI agent: its latest completed investigations",
    tool: 'aisoc_list_investigations',
    args: () => ({ status: 'completed', limit: 3 }),
    show: (r, state) => {
      const runs = (r.items as Json[]) ?? [];
      state.run = runs.find((x) => x.status === 'completed') ?? runs[0];
      return runs.map((x) => `  run ${String(x.id)} ${String(x.status)} · ${String(x.model_used ?? '')} · ${String(x.iterations ?? '?')} iterations`);
    },
  },
  {
    say: 'Replay its decisions step by step',
    tool: 'aisoc_replay_decision',
    args: (state) => (state.run ? { run_id: (state.run as Json).id, limit: 6 } : undefined),
    show: (r) => ((r.items as Json[]) ?? []).map((e) => `  #${String(e.seq)} ${String(e.agent ?? '').padEnd(12)} ${String(e.kind).padEnd(14)} ${String(e.summary ?? '')}`),
  },
];

export async function runDemo(options: { bin: string; out?: NodeJS.WritableStream }): Promise<number> {
  const out = options.out ?? process.stdout;
  const print = (line = '') => out.write(`${line}\n`);
  const transport = new StdioClientTransport({ command: process.execPath, args: [options.bin, 'serve', '--sandbox'], stderr: 'inherit' });
  const client = new Client({ name: 'socbridge-demo', version: VERSION });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    print(`socbridge ${VERSION} — demo against the built-in sandbox (serve --sandbox, MCP over stdio)`);
    print(`${tools.length} tools served. Server instructions: ${(client.getInstructions() ?? '').split('\n')[0]}`);
    const state: Json = {};
    for (const step of STEPS) {
      const args = step.args(state);
      if (!args) continue;
      print();
      print(`▶ ${step.say}`);
      print(`  → ${step.tool} ${JSON.stringify(args)}`);
      const result = await client.callTool({ name: step.tool, arguments: args });
      const text = (result.content as Array<{ type: string; text?: string }>).map((c) => c.text ?? '').join('');
      if (result.isError) {
        print(`  ✗ ${text}`);
        return 1;
      }
      for (const line of step.show(result.structuredContent as Json, state)) print(`  ${line}`);
      print(`  (${Buffer.byteLength(text)} bytes returned to the model)`);
    }
    print();
    print('Next: socbridge tools · socbridge call <tool> key=value … --sandbox · socbridge install --host <host>');
    return 0;
  } finally {
    await client.close();
  }
}
