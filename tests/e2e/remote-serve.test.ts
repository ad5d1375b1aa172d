import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectServe, runCli } from '../helpers/cli.js';
import { FIXTURE_KEY, FIXTURE_TOOLS, startFixture, type Fixture } from '../unit/remote-fixture.js';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(async () => {
  await fixture.close();
});

describe('serve --backend mcp (built CLI over real stdio)', () => {
  it('re-serves the remote catalog and calls, headers never in the logs', async () => {
    const session = await connectServe(['--backend', 'mcp', '--url', `${fixture.url}/mcp`, '--header', 'X-Tenant: tenant-secret-value-123', '--verbose'], {
      env: { SOCBRIDGE_API_KEY: FIXTURE_KEY },
    });
    try {
      expect((await session.client.listTools()).tools).toEqual(FIXTURE_TOOLS);
      const echo = await session.client.callTool({ name: 'echo', arguments: { text: 'stdio' } });
      expect(echo.structuredContent).toEqual({ text: 'stdio' });
      expect(fixture.requests.some((r) => r.headers['x-tenant'] === 'tenant-secret-value-123')).toBe(true);
    } finally {
      await session.close();
    }
    expect(session.stderr()).toContain('[socbridge] debug');
    expect(session.stderr()).not.toContain('tenant-secret-value-123');
    expect(session.stderr()).not.toContain(FIXTURE_KEY);
  });

  it('falls back to SSE for a legacy endpoint', async () => {
    const session = await connectServe(['--backend', 'mcp', '--url', `${fixture.url}/sse`], { env: { SOCBRIDGE_API_KEY: FIXTURE_KEY } });
    try {
      expect((await session.client.listTools()).tools.map((t) => t.name)).toContain('echo');
    } finally {
      await session.close();
    }
  });

  it('answers the handshake at once while the remote is down, and explains it', async () => {
    const session = await connectServe(['--backend', 'mcp', '--url', 'http://127.0.0.1:9/mcp'], { env: { SOCBRIDGE_API_KEY: FIXTURE_KEY } });
    try {
      const { tools } = await session.client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['socbridge_remote_status']);
      expect(tools[0]!.description).toMatch(/Cannot reach the remote MCP server at http:\/\/127\.0\.0\.1:9\/mcp/);
    } finally {
      await session.close();
    }
  });

  it('refuses a malformed --header without echoing it (exit 2)', async () => {
    const result = await runCli(['serve', '--backend', 'mcp', '--url', `${fixture.url}/mcp`, '--header', 'no-colon-secret-value']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--header must be 'Name: value' lines/);
    expect(result.stderr).not.toContain('no-colon-secret-value');
  });

  it('without --url, exits 2 with the usage line, before loading the remote bundle', async () => {
    const result = await runCli(['serve', '--backend', 'mcp']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'socbridge: --backend mcp needs the remote MCP endpoint: pass --url https://host/mcp (or set SOCBRIDGE_URL)\n' +
        'usage: socbridge serve [options] (socbridge serve --help for details)\n',
    );
  });
});
