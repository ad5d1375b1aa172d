import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/cli.js';
import { clearSandbox, requestsSeen } from '../helpers/sandbox-control.js';

/** `socbridge doctor --backend calseta`: health, the auth probe and one probe per scope, against the sandbox. */

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'calseta-doctor' });
});
afterAll(async () => {
  await sandbox.close();
});

const doctor = (key: string) => runCli(['doctor', '--backend', 'calseta', '--url', sandbox.url], { env: { SOCBRIDGE_API_KEY: key } });

it('names the scopes a key lacks and the tools they hide; the POST probes stop at validation', async () => {
  await clearSandbox(sandbox);
  const { stdout } = await doctor(sandbox.calsetaKeys.readOnly);
  expect(stdout).toMatch(/granted: alerts:read, enrichments:read, workflows:read; missing: alerts:write \(hides calseta_post_finding, calseta_update_alert_status, calseta_set_alert_malice\); workflows:execute \(hides calseta_execute_workflow\)/);
  expect(stdout).not.toContain(sandbox.calsetaKeys.readOnly);
  const posts = (await requestsSeen(sandbox)).filter((r) => r.method === 'POST');
  expect(posts.map((r) => r.status).every((s) => s === 403)).toBe(true);

  await clearSandbox(sandbox);
  const admin = await doctor(sandbox.calsetaKeys.admin);
  expect(admin.stdout).toMatch(/granted: alerts:read, alerts:write, enrichments:read, workflows:read, workflows:execute/);
  const adminPosts = (await requestsSeen(sandbox)).filter((r) => r.method === 'POST');
  expect(adminPosts.length).toBe(2);
  expect(adminPosts.every((r) => r.status === 404 || r.status === 422)).toBe(true);
});

it('explains an expired key', async () => {
  const { code, stdout } = await doctor(sandbox.calsetaKeys.expired);
  expect(code).toBe(1);
  expect(stdout).toMatch(/401 .*KEY_EXPIRED.*the API key has expired/);
});
