import { describe, expect, it } from 'vitest';
import { aisocDoctor } from '../../src/connectors/aisoc/doctor.js';
import { combine, fail, ok, warn } from '../../src/doctor/outcome.js';
import { proxyRoute } from '../../src/http/proxy.js';
import { satisfies } from '../../src/doctor/runtime.js';
import { isLoopback } from '../../src/doctor/url.js';

describe('engines range', () => {
  it.each([
    ['20.18.1', '>=20.18.1', true],
    ['20.18.0', '>=20.18.1', false],
    ['22.0.0', '>=20.18.1', true],
    ['v20.20.2', '>=20.18.1 <21', true],
    ['21.1.0', '>=20.18.1 <21', false],
    ['20.18.1', '20.18.1', true],
  ])('%s against %s is %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('says it cannot read a range it does not understand', () => {
    expect(satisfies('20.18.1', '^20 || ^22')).toBeUndefined();
  });
});

describe('proxy choice, as undici makes it', () => {
  const https = new URL('https://soc.example.com');
  const http = new URL('http://soc.example.com:8000');

  it('uses HTTPS_PROXY for https and falls back to HTTP_PROXY', () => {
    expect(proxyRoute(https, { HTTPS_PROXY: 'http://a:3128', HTTP_PROXY: 'http://b:3128' })).toMatchObject({ variable: 'HTTPS_PROXY', hostname: 'a', port: 3128 });
    expect(proxyRoute(https, { HTTP_PROXY: 'http://b:3128' })).toMatchObject({ variable: 'HTTP_PROXY', hostname: 'b' });
    expect(proxyRoute(http, { HTTPS_PROXY: 'http://a:3128' })).toBeUndefined();
    expect(proxyRoute(https, { https_proxy: 'http://lower:8080' })).toMatchObject({ hostname: 'lower', port: 8080 });
  });

  it.each([
    ['soc.example.com', true],
    ['.example.com', true],
    ['*.example.com', true],
    ['example.com', true],
    ['other.example.com', false],
    ['soc.example.com:443', true],
    ['soc.example.com:8443', false],
    ['*', true],
    ['ample.com', false],
  ])('NO_PROXY=%s bypasses https://soc.example.com: %s', (noProxy, bypassed) => {
    expect(proxyRoute(https, { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: noProxy }) === undefined).toBe(bypassed);
  });

  it('hides the password when it shows the proxy and keeps it as a secret', () => {
    const route = proxyRoute(https, { HTTPS_PROXY: 'http://me:p%40ss@proxy.corp:3128' });
    expect(route?.display).toBe('http://me:***@proxy.corp:3128');
    expect(route?.password).toBe('p@ss');
  });

  it('refuses a proxy variable that is not a URL', () => {
    expect(() => proxyRoute(https, { HTTPS_PROXY: 'proxy.corp 3128' })).toThrow('HTTPS_PROXY is not a URL');
  });
});

describe('loopback', () => {
  it.each([
    ['localhost', true],
    ['api.localhost', true],
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['10.0.0.1', false],
    ['soc.example.com', false],
  ])('%s is loopback: %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});

describe('outcomes', () => {
  it('puts the problems first and keeps every distinct fix', () => {
    const combined = combine([ok('a fine part'), warn('a worry', 'do x'), fail('a failure', 'do y'), warn('another worry', 'do x')], 'the evidence');
    expect(combined).toEqual({ status: 'fail', summary: 'a worry; a failure; another worry; the evidence', fix: 'do x; do y' });
    expect(combine([ok('one'), ok('two')], 'lead')).toEqual({ status: 'ok', summary: 'lead; one; two' });
  });
});

describe('AiSOC doctor data', () => {
  it('reads the missing permission out of both 403 wordings', () => {
    expect(aisocDoctor.auth.missingScope('API key missing scope: lake:query')).toBe('lake:query');
    expect(aisocDoctor.auth.missingScope('Permission denied: alerts:read')).toBe('alerts:read');
    expect(aisocDoctor.auth.missingScope('Forbidden')).toBeUndefined();
  });

  it('reads the health body', () => {
    expect(aisocDoctor.health.read({ status: 'healthy', service: 'aisoc-api', version: '2.1.0' })).toEqual({ healthy: true, said: 'aisoc-api healthy', version: '2.1.0' });
    expect(aisocDoctor.health.read({ status: 'degraded' })).toEqual({ healthy: false, said: 'AiSOC degraded' });
    expect(aisocDoctor.health.read('<html>')).toEqual({ healthy: false, said: 'AiSOC gave no status' });
  });

  it('probes state-changing routes only with bodies the server must refuse', () => {
    for (const { scope, probe } of aisocDoctor.scopes) {
      if (probe.method === 'GET') continue;
      expect(probe.passes, scope).toContain(422);
      expect(Array.isArray(probe.body) || Object.keys(probe.body as object).length === 0, scope).toBe(true);
    }
  });
});
