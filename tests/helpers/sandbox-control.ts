import type { SandboxHandle } from '../../src/sandbox/index.js';
import type { RequestLogEntry } from '../../src/sandbox/server/request-log.js';

export type LoggedRequest = RequestLogEntry;

/** Scripts the next responses of the sandbox (see src/sandbox/server/faults.ts). */
export async function addFault(sandbox: SandboxHandle, fault: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
  if (res.status !== 201) throw new Error(`fault not accepted: ${res.status} ${await res.text()}`);
}

export async function clearSandbox(sandbox: SandboxHandle): Promise<void> {
  await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
  await fetch(`${sandbox.url}/__sandbox/requests`, { method: 'DELETE' });
}

export async function requestsSeen(sandbox: SandboxHandle): Promise<LoggedRequest[]> {
  const res = await fetch(`${sandbox.url}/__sandbox/requests`);
  return ((await res.json()) as { items: LoggedRequest[] }).items;
}

/** Polls until the predicate holds on the request log (bounded; fails the test with what it saw). */
export async function waitForRequests(sandbox: SandboxHandle, predicate: (items: LoggedRequest[]) => boolean, timeoutMs = 5000): Promise<LoggedRequest[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const items = await requestsSeen(sandbox);
    if (predicate(items)) return items;
    if (Date.now() > deadline) throw new Error(`request log never matched: ${JSON.stringify(items)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** GET against the sandbox with a key, for picking real ids in tests. */
export async function sandboxGet<T>(sandbox: SandboxHandle, path: string, key = sandbox.keys.full): Promise<T> {
  const res = await fetch(`${sandbox.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}
