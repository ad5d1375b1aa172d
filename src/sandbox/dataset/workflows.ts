import { DATASET_NOW_MS, DAY } from './clock.js';
import { Prng } from './prng.js';
import type { IndicatorType, Workflow } from './types.js';

type Spec = readonly [string, Workflow['workflowType'], IndicatorType[], Workflow['riskLevel'], Workflow['approvalMode'], Workflow['state'], string];

const SPECS: readonly Spec[] = [
  ['Block IP at perimeter firewall', 'indicator', ['ip'], 'medium', 'agent_only', 'active', 'panos.block_ip'],
  ['Revoke Okta sessions', 'indicator', ['account'], 'high', 'always', 'active', 'okta.revoke_session'],
  ['Disable Entra ID account', 'indicator', ['account'], 'critical', 'always', 'active', 'azure_entra.disable_user'],
  ['Add hash to EDR blocklist', 'indicator', ['hash_sha256', 'hash_md5', 'hash_sha1'], 'low', 'never', 'active', 'crowdstrike.block_hash'],
  ['Sinkhole domain on resolvers', 'indicator', ['domain'], 'low', 'agent_only', 'active', 'infoblox.sinkhole'],
  ['Isolate host', 'alert', [], 'critical', 'always', 'draft', 'crowdstrike.isolate_host'],
];

/** Response workflows with their approval modes, as Calseta executes them. */
export function buildWorkflows(seed: string, tenantId: string): Workflow[] {
  const prng = new Prng(seed, `workflows:${tenantId}`);
  return SPECS.map(([name, workflowType, indicatorTypes, riskLevel, approvalMode, state, action]) => {
    const createdAtMs = DATASET_NOW_MS - prng.int(30, 400) * DAY;
    return {
      id: prng.uuid(),
      tenantId,
      name,
      workflowType,
      indicatorTypes,
      state,
      riskLevel,
      approvalMode,
      approvalChannel: approvalMode === 'never' ? null : '#soc-approvals',
      approvalTimeoutSeconds: 3600,
      timeoutSeconds: 300,
      retryCount: prng.int(0, 3),
      isActive: state === 'active',
      isSystem: false,
      documentation: `Runs \`${action}\` for the given ${workflowType === 'indicator' ? `indicator (${indicatorTypes.join(', ')})` : 'alert'}. Approval: ${approvalMode}. Risk: ${riskLevel}.`,
      code: [
        'from calseta.workflows import WorkflowContext, WorkflowResult',
        '',
        'async def run(ctx: WorkflowContext) -> WorkflowResult:',
        `    """${name}."""`,
        `    response = await ctx.integrations.call("${action}", value=ctx.indicator.value)`,
        '    if not response.ok:',
        '        return WorkflowResult.fail(response.error)',
        `    return WorkflowResult.ok("${name}: done", data=response.data)`,
      ].join('\n'),
      createdAtMs,
      updatedAtMs: createdAtMs + prng.int(1, 20) * DAY,
    };
  });
}
