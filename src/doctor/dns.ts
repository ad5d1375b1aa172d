import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { elapsed, StepTimeoutError, withinMs } from './deadline.js';
import { fail, ok, skipped, warn } from './outcome.js';
import { ProxyConfigError, proxyRoute, type ProxyRoute } from '../http/proxy.js';
import type { CheckOutcome, DoctorContext } from './types.js';

type Resolution = { addresses: string[]; ms: number } | { error: string; fix: string; ms: number };

const LOOKUP_ERRORS: Record<string, { says: string; fix: string }> = {
  ENOTFOUND: {
    says: 'no such name',
    fix: 'check the host name in --url for typos; an internal name needs the VPN or the DNS server that knows it',
  },
  EAI_AGAIN: { says: 'the DNS server did not answer', fix: 'check the network connection, VPN and DNS servers of this machine' },
  ENODATA: { says: 'the name has no address records', fix: 'ask whoever runs the DNS zone for an A or AAAA record, or use the IP address' },
};

/**
 * Resolves the backend's name the way a connection will (getaddrinfo: hosts file, then DNS), and
 * the proxy's when requests go through one: then the proxy resolves the backend, so a name only it
 * can resolve is a warning, not a failure.
 */
export async function checkDns(ctx: DoctorContext): Promise<CheckOutcome> {
  const { target } = ctx.facts;
  if (!target) return skipped(ctx, 'url', 'no URL to resolve');
  let proxy: ProxyRoute | undefined;
  try {
    proxy = proxyRoute(target.url, ctx.input.env);
  } catch (error) {
    if (!(error instanceof ProxyConfigError)) throw error;
    return fail(`${error.message}, so serve cannot reach ${target.hostname} through it`, `set it to the proxy's URL, e.g. http://proxy.example.com:3128, or unset it`);
  }
  if (proxy) {
    ctx.facts.proxy = proxy;
    if (proxy.password) ctx.facts.secrets.push(proxy.password);
  }

  const own = await resolve(target.hostname, ctx.stepMs);
  const ownText = describe(target.hostname, own);
  if (!proxy) {
    if ('error' in own) return fail(ownText, own.fix);
    ctx.facts.dial = { hostname: target.hostname, port: target.port, addresses: own.addresses };
    return ok(ownText);
  }

  const via = await resolve(proxy.hostname, ctx.stepMs);
  const viaText = `requests go through proxy ${proxy.display} (${proxy.variable}; NO_PROXY does not exempt ${target.hostname}): ${describe(proxy.hostname, via)}`;
  if ('error' in via) return fail(`${viaText}; ${ownText}`, `fix ${proxy.variable}, or add ${target.hostname} to NO_PROXY if it is reachable without the proxy`);
  ctx.facts.dial = { hostname: proxy.hostname, port: proxy.port, addresses: via.addresses };
  if ('error' in own) {
    return warn(
      `${ownText}, but ${viaText}, and the proxy resolves names itself`,
      `nothing to do if the proxy reaches ${target.hostname}; if it should be reached directly, add it to NO_PROXY and fix this machine's DNS`,
    );
  }
  return ok(`${ownText}; ${viaText}`);
}

async function resolve(hostname: string, stepMs: number): Promise<Resolution> {
  if (isIP(hostname)) return { addresses: [hostname], ms: 0 };
  const started = performance.now();
  try {
    // The same lookup a connection makes (getaddrinfo), in the order it would try the addresses.
    const found = await withinMs(lookup(hostname, { all: true, verbatim: true }), stepMs);
    return { addresses: [...new Set(found.map((a) => a.address))], ms: elapsed(started) };
  } catch (error) {
    const ms = elapsed(started);
    if (error instanceof StepTimeoutError) {
      return { error: `no DNS answer within ${error.ms} ms`, fix: 'check the DNS servers of this machine (a VPN may be needed for internal names)', ms };
    }
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    const known = LOOKUP_ERRORS[code];
    return { error: `${code}: ${known?.says ?? (error as Error).message}`, fix: known?.fix ?? 'check the host name and this machine\'s DNS settings', ms };
  }
}

function describe(hostname: string, result: Resolution): string {
  if ('error' in result) return `cannot resolve ${hostname} (${result.error}) after ${result.ms} ms`;
  if (result.ms === 0 && result.addresses[0] === hostname) return `${hostname} is an IP address, no lookup needed`;
  return `${hostname} → ${result.addresses.join(', ')} in ${result.ms} ms`;
}
