import { isIP } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, rootCertificates, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import type { Socket } from 'node:net';
import { extraCertificates } from '../http/ca.js';
import { elapsed, StepTimeoutError, withinMs } from './deadline.js';
import { combine, fail, notApplicable, ok, skipped, warn } from './outcome.js';
import { openTunnel, TunnelRefusedError } from '../http/tunnel.js';
import type { CheckOutcome, DoctorContext, Target } from './types.js';

const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

/** Verification errors that mean "this Node does not trust who signed the certificate". */
const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);

const CA_FIX =
  'give socbridge the CA that issued it: --ca-file /path/to/ca.pem, SOCBRIDGE_CA_FILE or NODE_EXTRA_CA_CERTS=/path/to/ca.pem; ' +
  "GUI hosts start socbridge without your shell's environment, so the variable must also be in the server entry's env " +
  '(socbridge install copies NODE_EXTRA_CA_CERTS from the shell it runs in)';

/**
 * The TLS handshake serve will make, with the same trust store (Node's roots plus --ca-file and
 * NODE_EXTRA_CA_CERTS), through the proxy's CONNECT tunnel when there is one. Verification is
 * done here rather than by the handshake, so an untrusted or expired certificate is still shown.
 */
export async function checkTls(ctx: DoctorContext): Promise<CheckOutcome> {
  const { target, connected, resolved } = ctx.facts;
  if (target && !target.https) return notApplicable('plain http, no TLS');
  if (!target || !connected) return skipped(ctx, 'tcp', 'no TCP connection to shake hands over');
  let extra: string[] | undefined;
  try {
    extra = extraCertificates({ caFile: resolved?.values.caFile, env: ctx.input.env });
  } catch (error) {
    return skipped(ctx, 'settings', (error as Error).message);
  }

  const started = performance.now();
  let socket: TLSSocket;
  try {
    socket = await handshake(ctx, target, connected, extra);
  } catch (error) {
    return handshakeFailure(error, target);
  }
  const ms = elapsed(started);
  try {
    return judge(socket, target, ms, extra !== undefined);
  } finally {
    socket.destroy();
  }
}

async function handshake(ctx: DoctorContext, target: Target, connected: { address: string }, extra: string[] | undefined): Promise<TLSSocket> {
  const proxy = ctx.facts.proxy;
  let tunnel: Socket | undefined;
  if (proxy) {
    const opening = openTunnel(proxy, target.hostname, target.port);
    tunnel = await withinMs(opening.socket, ctx.stepMs, opening.cancel);
  }
  const socket = tlsConnect({
    ...(tunnel ? { socket: tunnel } : { host: connected.address, port: target.port }),
    // SNI carries names only; for an IP URL the certificate must list the IP itself.
    ...(isIP(target.hostname) ? {} : { servername: target.hostname }),
    ...(extra ? { ca: [...rootCertificates, ...extra] } : {}),
    rejectUnauthorized: false,
  });
  const ready = new Promise<TLSSocket>((resolve, reject) => {
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
  return withinMs(ready, ctx.stepMs, () => socket.destroy());
}

function judge(socket: TLSSocket, target: Target, ms: number, extraCa: boolean): CheckOutcome {
  const cert = socket.getPeerCertificate(true);
  const protocol = socket.getProtocol() ?? 'TLS';
  const subject = name(cert.subject);
  const issuer = name(cert.issuer);
  const expires = new Date(cert.valid_to);
  const days = Math.floor((expires.getTime() - Date.now()) / DAY_MS);
  const names = cert.subjectaltname ? cert.subjectaltname.replace(/(DNS|IP Address):/g, '') : subject;
  // Node checks the name only for a trusted chain; checking it always shows every problem at once.
  const mismatch = checkServerIdentity(target.hostname, cert);
  const evidence =
    `${protocol} in ${ms} ms; certificate ${subject} issued by ${issuer === subject ? 'itself (self-signed)' : issuer}, ` +
    `for ${names}${mismatch ? '' : ` (matches ${target.hostname})`}, expires ${expires.toISOString().slice(0, 10)} (${days} days)`;

  const problems: CheckOutcome[] = [];
  const code = verificationCode(socket);
  if (code === 'CERT_HAS_EXPIRED') {
    problems.push(fail(`the certificate expired on ${expires.toISOString().slice(0, 10)}`, "renew the server's certificate; nothing in socbridge can make an expired one acceptable"));
  } else if (code === 'CERT_NOT_YET_VALID') {
    problems.push(fail(`the certificate is not valid until ${new Date(cert.valid_from).toISOString()}`, "check this machine's clock, then the certificate's start date"));
  } else if (code && UNTRUSTED.has(code)) {
    const who = issuer === subject ? 'it is self-signed' : `this Node does not trust ${issuer}, which issued it`;
    problems.push(fail(`the certificate chain is not trusted (${code}: ${who}${extraCa ? ', even with the extra CA bundle' : ''})`, CA_FIX));
  } else if (code) {
    problems.push(fail(`certificate verification failed (${code})`, "check the server's certificate chain (it must send its intermediates) or give the issuing CA with --ca-file"));
  }
  if (mismatch) {
    problems.push(fail(`the certificate is for ${names}, not ${target.hostname}`, `use a URL with a name the certificate lists, or reissue it with ${target.hostname} in subjectAltName`));
  }
  if (!code && days < EXPIRY_WARNING_DAYS) {
    problems.push(warn(`the certificate expires in ${days} day(s)`, `renew the server's certificate before ${expires.toISOString().slice(0, 10)}`));
  }
  return combine(problems, evidence);
}

function verificationCode(socket: TLSSocket): string | undefined {
  if (socket.authorized) return undefined;
  // Node stores the OpenSSL code string here, whatever the typings say.
  const reason: unknown = socket.authorizationError;
  if (reason === undefined || reason === null) return undefined;
  return typeof reason === 'string' ? reason : ((reason as { code?: string }).code ?? String(reason));
}

function name(entity: DetailedPeerCertificate['subject'] | undefined): string {
  if (!entity) return 'an unnamed subject';
  const cn = entity.CN;
  const org = entity.O;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return [first(cn) && `CN=${first(cn)}`, first(org) && `O=${first(org)}`].filter(Boolean).join(', ') || 'an unnamed subject';
}

function handshakeFailure(error: unknown, target: Target): CheckOutcome {
  const where = `${target.hostname} port ${target.port}`;
  if (error instanceof StepTimeoutError) {
    return fail(`no TLS handshake with ${where} within ${error.ms} ms`, 'the port accepts connections but does not speak TLS in time: check that it is the HTTPS port, and any TLS-inspecting proxy in between');
  }
  if (error instanceof TunnelRefusedError) {
    const fix = error.status === 407 ? 'put the proxy credentials in the proxy URL: http://user:password@proxy:port' : `ask the proxy's admins to allow CONNECT to ${where}, or add the host to NO_PROXY if it is reachable directly`;
    return fail(`the proxy refused to tunnel to ${where} (${error.status})`, fix);
  }
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const message = (error as Error).message;
  if (/WRONG_VERSION_NUMBER|wrong version number|packet length too long|unknown protocol/i.test(`${code} ${message}`)) {
    return fail(`${where} does not speak TLS (${code || message})`, `use http:// if the server has no TLS, or the port that serves https`);
  }
  if (code === 'ECONNRESET') {
    return fail(`the connection was reset during the TLS handshake with ${where}`, 'a firewall or TLS-inspecting proxy may block it, or the server requires a client certificate');
  }
  return fail(`the TLS handshake with ${where} failed (${code || message})`, "check the server's TLS settings (protocol versions, ciphers) and any proxy in between");
}
