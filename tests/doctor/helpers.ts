import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, childEnv } from '../helpers/cli.js';
import { startConnectProxy as startConnectProxyOn, type ConnectProxy } from '../helpers/connect-proxy.js';

export interface DoctorRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CheckRow {
  id: string;
  status: 'ok' | 'warn' | 'fail';
  summary: string;
  fix?: string;
  ms: number;
}

/** A temporary machine for one test file: HOME, a project directory (the cwd), socbridge's config dir. */
export interface Machine {
  root: string;
  home: string;
  project: string;
  configDir: string;
  env(extra?: Record<string, string>): Record<string, string>;
  cleanup(): void;
}

export function tempMachine(): Machine {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'socbridge-doctor-')));
  const home = path.join(root, 'home');
  const project = path.join(root, 'project');
  const configDir = path.join(root, 'config');
  for (const dir of [home, project, configDir]) mkdirSync(dir, { recursive: true });
  return {
    root,
    home,
    project,
    configDir,
    // Everything a host path or doctor reads from the environment points into the temporary machine;
    // NODE_EXTRA_CA_CERTS from the runner's environment is dropped unless a test sets it.
    env: (extra = {}) => ({
      HOME: home,
      USERPROFILE: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      CLAUDE_CONFIG_DIR: home,
      CODEX_HOME: path.join(home, '.codex'),
      SOCBRIDGE_CONFIG_DIR: configDir,
      NODE_EXTRA_CA_CERTS: '',
      ...extra,
    }),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Runs the built CLI's `doctor` in the machine's project directory. */
export function runDoctor(machine: Machine, args: string[], extraEnv: Record<string, string> = {}): Promise<DoctorRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'doctor', ...args], { cwd: machine.project, env: childEnv(machine.env(extraEnv)), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `doctor --json`: stdout must be exactly one JSON object of the documented shape. */
export async function runDoctorJson(machine: Machine, args: string[], extraEnv: Record<string, string> = {}): Promise<DoctorRun & { ok: boolean; checks: CheckRow[]; byId(id: string): CheckRow }> {
  const run = await runDoctor(machine, [...args, '--json'], extraEnv);
  const parsed = JSON.parse(run.stdout) as { ok: boolean; checks: CheckRow[] };
  return {
    ...run,
    ...parsed,
    byId(id: string) {
      const row = parsed.checks.find((c) => c.id === id);
      if (!row) throw new Error(`no check "${id}" in ${run.stdout}`);
      return row;
    },
  };
}

export interface Certificates {
  dir: string;
  /** A CA and a leaf for localhost/127.0.0.1 it signed, valid for 30 days. */
  caPem: string;
  leaf: { key: string; cert: string };
  /** Self-signed for localhost/127.0.0.1. */
  selfSigned: { key: string; cert: string; file: string };
  caFile: string;
  /** Signed by the CA, valid only in January 2020. */
  expired: { key: string; cert: string };
  /** Signed by the CA, valid for 5 more days. */
  expiring: { key: string; cert: string };
  /** Signed by the CA for another name only. */
  otherName: { key: string; cert: string };
}

/** Real certificates from openssl: `openssl ca` can back-date a certificate, which `x509 -req` cannot. */
export function makeCertificates(dir: string): Certificates {
  mkdirSync(dir, { recursive: true });
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const file = (name: string) => path.join(dir, name);
  const read = (name: string) => readFileSync(file(name), 'utf8');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const san = 'subjectAltName=DNS:localhost,IP:127.0.0.1';

  ssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/CN=socbridge test root CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  ssl('req', '-x509', ...ec, '-keyout', 'self.key', '-out', 'self.pem', '-days', '30', '-subj', '/CN=localhost', '-addext', san);
  writeFileSync(file('index.txt'), '');
  writeFileSync(
    file('ca.cnf'),
    ['[ca]', 'default_ca = test', '[test]', `database = ${file('index.txt')}`, `new_certs_dir = ${dir}`, `serial = ${file('serial')}`, 'default_md = sha256', 'policy = any', 'copy_extensions = copy', 'unique_subject = no', '[any]', 'commonName = supplied', ''].join('\n'),
  );
  const signed = (name: string, subjectAltName: string, dates: string[]) => {
    ssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`, '-addext', subjectAltName);
    ssl('ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-in', `${name}.csr`, '-out', `${name}.pem`, '-notext', '-create_serial', ...dates);
    return { key: read(`${name}.key`), cert: read(`${name}.pem`) };
  };
  return {
    dir,
    caPem: read('ca.pem'),
    caFile: file('ca.pem'),
    leaf: signed('leaf', san, ['-days', '30']),
    selfSigned: { key: read('self.key'), cert: read('self.pem'), file: file('self.pem') },
    expired: signed('expired', san, ['-startdate', '20200101000000Z', '-enddate', '20200201000000Z']),
    expiring: signed('expiring', san, ['-days', '5']),
    otherName: signed('other', 'subjectAltName=DNS:soc.example.com', ['-days', '30']),
  };
}

export interface Running {
  url: string;
  port: number;
  close(): Promise<void>;
}

function closer(server: Server, sockets: Set<Socket>): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

function track(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return sockets;
}

/** An HTTPS server on 127.0.0.1 that hands every request to an HTTP backend (the sandbox): TLS in front of a real API. */
export async function startTlsFront(backend: string, tls: { key: string; cert: string }): Promise<Running> {
  const target = new URL(backend);
  const server = createHttpsServer(tls, (req, res) => {
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const sockets = track(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `https://127.0.0.1:${port}`, port, close: closer(server, sockets) };
}

/** Accepts connections and never answers a byte. */
export async function startSilentServer(): Promise<Running> {
  const server = createHttpServer(() => {
    // Deliberately never responds.
  });
  const sockets = track(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, close: closer(server, sockets) };
}

/** A CONNECT proxy that sends every tunnel to one backend, whatever name was asked for. */
export function startConnectProxy(backendPort: number): Promise<ConnectProxy> {
  return startConnectProxyOn({ forwardTo: backendPort });
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
