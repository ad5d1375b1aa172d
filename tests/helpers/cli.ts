import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'socbridge.js');

/** A clean environment for child processes: no inherited SOCBRIDGE_/AISOC_ settings, an empty config dir, the tree's own code cache. */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(SOCBRIDGE_|AISOC_|HTTPS?_PROXY|NO_PROXY)/i.test(k)) env[k] = v;
  }
  return { ...env, SOCBRIDGE_CONFIG_DIR: join(ROOT, 'tests', '.no-profiles'), SOCBRIDGE_CACHE_DIR: join(ROOT, 'tests', '.code-cache'), ...extra };
}

export type Era = 'legacy' | 'modern';

export interface Connected {
  client: Client;
  stderr: () => string;
  close(): Promise<void>;
}

/** Spawns the built CLI's `serve` and connects the official MCP client over real stdio. */
export async function connectServe(args: string[], options: { env?: Record<string, string>; era?: Era } = {}): Promise<Connected> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'serve', ...args],
    env: childEnv(options.env),
    stderr: 'pipe',
  });
  let stderr = '';
  const client = new Client(
    { name: 'socbridge-tests', version: '1.0.0' },
    options.era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
  const connecting = client.connect(transport);
  (transport.stderr as PassThrough | null)?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await connecting;
  return { client, stderr: () => stderr, close: () => client.close() };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI to completion. */
export function runCli(args: string[], options: { env?: Record<string, string>; input?: string; timeoutMs?: number; keepStdinOpenMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: childEnv(options.env), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    // keepStdinOpenMs: a host that stays connected for a while before it quits.
    if (options.keepStdinOpenMs) {
      child.stdin.write(options.input ?? '');
      setTimeout(() => child.stdin.end(), options.keepStdinOpenMs);
    } else child.stdin.end(options.input ?? '');
  });
}

/** Spawns the built CLI and leaves it running (for raw stdio and signal tests). */
export function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { env: childEnv(env), stdio: 'pipe' });
}
