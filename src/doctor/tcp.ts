import { connect, type Socket } from 'node:net';
import { elapsed } from './deadline.js';
import { fail, ok, skipped } from './outcome.js';
import type { CheckOutcome, DoctorContext } from './types.js';

const CONNECT_ERRORS: Record<string, { says: string; fix: string }> = {
  ECONNREFUSED: { says: 'connection refused: nothing listens on that port', fix: 'check the port in --url and that the server (or the proxy) is running there' },
  EHOSTUNREACH: { says: 'no route to the host', fix: 'check the VPN, the network and any firewall between this machine and the server' },
  ENETUNREACH: { says: 'the network is unreachable', fix: 'check the network connection and the VPN' },
  EADDRNOTAVAIL: { says: 'the address is not available from this machine', fix: 'check the address in --url' },
};

type Attempt = { socket: Socket } | { code: string };

/**
 * A TCP connection to the first address that takes one (the proxy's when one is in use), all
 * attempts together bounded by one step budget: a host that drops packets costs seconds, not minutes.
 */
export async function checkTcp(ctx: DoctorContext): Promise<CheckOutcome> {
  const { dial } = ctx.facts;
  if (!dial) return skipped(ctx, 'dns', 'no address to connect to');
  const role = ctx.facts.proxy ? ' (the proxy)' : '';
  const started = performance.now();
  const deadline = Date.now() + ctx.stepMs;
  const failures: string[] = [];
  let lastCode = '';
  for (const address of dial.addresses) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    const attempt = await tryConnect(address, dial.port, remaining);
    if ('socket' in attempt) {
      attempt.socket.destroy();
      ctx.facts.connected = { address, port: dial.port };
      return ok(`connected to ${join(address, dial.port)}${role} in ${elapsed(started)} ms`);
    }
    lastCode = attempt.code;
    failures.push(`${join(address, dial.port)}: ${CONNECT_ERRORS[attempt.code]?.says ?? attempt.code}`);
  }
  if (lastCode === 'ETIMEDOUT' || failures.length < dial.addresses.length) {
    return fail(
      `no answer from ${dial.hostname} port ${dial.port}${role} within ${ctx.stepMs} ms: packets are dropped (firewall, VPN not connected, wrong address)${failures.length ? `; ${failures.join('; ')}` : ''}`,
      `check the firewall and VPN; compare with \`curl -v ${ctx.facts.target?.url.origin ?? ''}\` from this machine`,
    );
  }
  return fail(failures.join('; '), CONNECT_ERRORS[lastCode]?.fix ?? 'check the address and port in --url');
}

function tryConnect(host: string, port: number, timeoutMs: number): Promise<Attempt> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ code: 'ETIMEDOUT' });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve({ socket });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ code: error.code ?? error.message });
    });
  });
}

function join(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
