import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { closedPort, runDoctorJson, startConnectProxy, startSilentServer, tempMachine, type Machine } from './helpers.js';

let sandbox: SandboxHandle;
let machine: Machine;

beforeAll(async () => {
  const { startSandbox } = await import('../../src/sandbox/index.js');
  sandbox = await startSandbox();
  machine = tempMachine();
});

afterAll(async () => {
  await sandbox.close();
  machine.cleanup();
});

describe('doctor on the network path', () => {
  it('fails tcp on a closed port and reports every later network check as skipped-fail', async () => {
    const port = await closedPort();
    const run = await runDoctorJson(machine, ['--url', `http://127.0.0.1:${port}`, '--api-key', sandbox.keys.full]);
    expect(run.code).toBe(1);
    expect(run.byId('dns').status).toBe('ok');
    expect(run.byId('tcp')).toMatchObject({ status: 'fail', summary: `127.0.0.1:${port}: connection refused: nothing listens on that port` });
    expect(run.byId('tcp').fix).toContain('check the port in --url');
    for (const id of ['health', 'auth', 'tools', 'clock']) {
      expect(run.byId(id).status, id).toBe('fail');
      expect(run.byId(id).summary, id).toMatch(/^skipped: /);
    }
    expect(run.byId('health').summary).toBe('skipped: no TCP connection');
  });

  it('fails dns on a name that cannot resolve, and tcp is not attempted', async () => {
    const run = await runDoctorJson(machine, ['--url', 'https://aisoc.socbridge-test.invalid', '--api-key', sandbox.keys.full]);
    expect(run.code).toBe(1);
    expect(run.byId('url').status).toBe('ok');
    const dns = run.byId('dns');
    expect(dns.status).toBe('fail');
    expect(dns.summary).toMatch(/^cannot resolve aisoc\.socbridge-test\.invalid \((ENOTFOUND|EAI_AGAIN)/);
    expect(run.byId('tcp')).toMatchObject({ status: 'fail', summary: 'skipped: no address to connect to', fix: 'fix the dns check first' });
    expect(run.byId('tls')).toMatchObject({ status: 'fail', summary: 'skipped: no TCP connection to shake hands over' });
  });

  it('gives up on a server that never answers within the step budget, and skips auth', async () => {
    const silent = await startSilentServer();
    try {
      const run = await runDoctorJson(machine, ['--url', silent.url, '--api-key', sandbox.keys.full, '--timeout', '1000']);
      expect(run.code).toBe(1);
      expect(run.byId('tcp').status).toBe('ok');
      expect(run.byId('health')).toMatchObject({ status: 'fail', summary: 'GET /health got no complete answer within 1000 ms' });
      expect(run.byId('auth').summary).toMatch(/^skipped: the backend did not answer/);
      expect(run.byId('auth').status).toBe('fail');
    } finally {
      await silent.close();
    }
  });

  it('warns on plain http to a host that is not loopback', async () => {
    const run = await runDoctorJson(machine, ['--url', 'http://aisoc.socbridge-test.invalid:8000', '--api-key', sandbox.keys.full]);
    expect(run.byId('url').status).toBe('warn');
    expect(run.byId('url').summary).toContain('plain http to aisoc.socbridge-test.invalid');
    expect(run.byId('url').fix).toContain('https://');
  });

  it('goes through the proxy serve would use: a name only the proxy resolves is a warning and everything else passes', async () => {
    const proxy = await startConnectProxy(Number(new URL(sandbox.url).port));
    try {
      const url = 'http://soc.socbridge-test.invalid:8000';
      const run = await runDoctorJson(machine, ['--url', url, '--api-key', sandbox.keys.full], { HTTP_PROXY: `http://doctor:s3cret-proxy-password@127.0.0.1:${proxy.port}` });
      const dns = run.byId('dns');
      expect(dns.status).toBe('warn');
      expect(dns.summary).toContain('cannot resolve soc.socbridge-test.invalid');
      expect(dns.summary).toContain(`requests go through proxy http://doctor:***@127.0.0.1:${proxy.port} (HTTP_PROXY`);
      expect(run.byId('tcp').summary).toMatch(new RegExp(`^connected to 127\\.0\\.0\\.1:${proxy.port} \\(the proxy\\)`));
      expect(run.byId('health').status).toBe('ok');
      expect(run.byId('auth').status).toBe('ok');
      expect(proxy.tunnels).toContain('soc.socbridge-test.invalid:8000');
      expect(run.stdout).not.toContain('s3cret-proxy-password');
    } finally {
      await proxy.close();
    }
  });

  it('bypasses the proxy for hosts in NO_PROXY, as serve does', async () => {
    const run = await runDoctorJson(machine, ['--url', sandbox.url, '--api-key', sandbox.keys.full], { HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: 'localhost,127.0.0.1' });
    expect(run.code).toBe(0);
    expect(run.byId('dns').summary).not.toContain('proxy');
  });
});
