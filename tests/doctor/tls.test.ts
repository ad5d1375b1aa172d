import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { makeCertificates, runDoctorJson, startConnectProxy, startTlsFront, tempMachine, type Certificates, type Machine, type Running } from './helpers.js';

let sandbox: SandboxHandle;
let machine: Machine;
let certs: Certificates;
const fronts: Running[] = [];

beforeAll(async () => {
  const { startSandbox } = await import('../../src/sandbox/index.js');
  sandbox = await startSandbox();
  machine = tempMachine();
  certs = makeCertificates(path.join(machine.root, 'certs'));
});

afterAll(async () => {
  await Promise.all(fronts.map((f) => f.close()));
  await sandbox.close();
  machine.cleanup();
});

async function front(tls: { key: string; cert: string }): Promise<Running> {
  const running = await startTlsFront(sandbox.url, tls);
  fronts.push(running);
  return running;
}


describe('doctor TLS', () => {
  it('fails on a self-signed certificate with the exact CA fix, and the HTTP checks are skipped', async () => {
    const server = await front(certs.selfSigned);
    const run = await runDoctorJson(machine, ['--url', server.url, '--api-key', sandbox.keys.full]);
    expect(run.code).toBe(1);
    const tls = run.byId('tls');
    expect(tls.status).toBe('fail');
    expect(tls.summary).toContain('the certificate chain is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT: it is self-signed)');
    expect(tls.summary).toMatch(/^the certificate chain is not trusted .*; TLSv1\.[23] in \d+ ms; certificate CN=localhost issued by itself \(self-signed\)/);
    expect(tls.fix).toContain('--ca-file /path/to/ca.pem');
    expect(tls.fix).toContain('NODE_EXTRA_CA_CERTS');
    expect(tls.fix).toContain("server entry's env");
    expect(run.byId('health')).toMatchObject({ status: 'fail', summary: 'skipped: the TLS handshake failed' });
  });

  it('passes once the certificate is given with --ca-file', async () => {
    const server = await front(certs.selfSigned);
    const run = await runDoctorJson(machine, ['--url', server.url, '--api-key', sandbox.keys.full, '--ca-file', certs.selfSigned.file]);
    expect(run.byId('tls').status).toBe('ok');
    expect(run.byId('tls').summary).toMatch(/^TLSv1\.[23] in \d+ ms; certificate CN=localhost issued by itself \(self-signed\), for localhost, 127\.0\.0\.1 \(matches 127\.0\.0\.1\), expires \d{4}-\d\d-\d\d \(\d+ days\)$/);
    expect(run.byId('settings').summary).toContain(`caFile=${certs.selfSigned.file} (flag)`);
    for (const id of ['health', 'auth', 'tools', 'clock']) expect(run.byId(id).status, id).toBe('ok');
    expect(run.code).toBe(0);
  });

  it('trusts a CA given through NODE_EXTRA_CA_CERTS, read explicitly as serve does', async () => {
    const server = await front(certs.leaf);
    const run = await runDoctorJson(machine, ['--url', server.url, '--api-key', sandbox.keys.full], { NODE_EXTRA_CA_CERTS: certs.caFile });
    expect(run.byId('tls').status).toBe('ok');
    expect(run.byId('tls').summary).toContain('issued by CN=socbridge test root CA');
    expect(run.code).toBe(0);
  });

  it('fails on an expired certificate even from a trusted CA, naming the date', async () => {
    const server = await front(certs.expired);
    const run = await runDoctorJson(machine, ['--url', server.url, '--api-key', sandbox.keys.full, '--ca-file', certs.caFile]);
    const tls = run.byId('tls');
    expect(tls.status).toBe('fail');
    expect(tls.summary).toMatch(/^the certificate expired on 2020-02-01/);
    expect(tls.fix).toContain("renew the server's certificate");
    expect(run.code).toBe(1);
  });

  it('warns when the certificate expires within 14 days', async () => {
    const server = await front(certs.expiring);
    const run = await runDoctorJson(machine, ['--url', server.url, '--api-key', sandbox.keys.full, '--ca-file', certs.caFile]);
    const tls = run.byId('tls');
    expect(tls.status).toBe('warn');
    expect(tls.summary).toMatch(/^the certificate expires in [45] day\(s\)/);
    expect(run.code).toBe(0);
  });

  it('fails when the certificate names another host', async () => {
    const server = await front(certs.otherName);
    const run = await runDoctorJson(machine, ['--url', server.url, '--api-key', sandbox.keys.full, '--ca-file', certs.caFile]);
    const tls = run.byId('tls');
    expect(tls.status).toBe('fail');
    expect(tls.summary).toContain('the certificate is for soc.example.com, not 127.0.0.1');
  });

  it('shakes hands through the CONNECT proxy serve would use', async () => {
    const server = await front(certs.leaf);
    const proxy = await startConnectProxy(server.port);
    try {
      const run = await runDoctorJson(machine, ['--url', 'https://localhost:8443', '--api-key', sandbox.keys.full, '--ca-file', certs.caFile], { HTTPS_PROXY: proxy.url });
      expect(run.byId('tcp').summary).toContain('(the proxy)');
      expect(run.byId('tls')).toMatchObject({ status: 'ok', summary: expect.stringContaining('issued by CN=socbridge test root CA, for localhost, 127.0.0.1 (matches localhost)') });
      expect(run.byId('auth').status).toBe('ok');
      expect(proxy.tunnels).toContain('localhost:8443');
      expect(run.code).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('fails with a clear message when https meets a plain-http port', async () => {
    const run = await runDoctorJson(machine, ['--url', sandbox.url.replace('http:', 'https:'), '--api-key', sandbox.keys.full]);
    const tls = run.byId('tls');
    expect(tls.status).toBe('fail');
    expect(tls.summary).toContain('does not speak TLS');
    expect(tls.fix).toContain('http://');
  });

  it('fails settings when the CA file does not exist', async () => {
    const server = await front(certs.selfSigned);
    const run = await runDoctorJson(machine, ['--url', server.url, '--api-key', sandbox.keys.full, '--ca-file', path.join(machine.root, 'nope.pem')]);
    expect(run.byId('settings').status).toBe('fail');
    expect(run.byId('settings').summary).toContain('nope.pem cannot be read (ENOENT)');
    expect(run.byId('tls')).toMatchObject({ status: 'fail', summary: expect.stringMatching(/^skipped: cannot read CA file/) });
  });
});
