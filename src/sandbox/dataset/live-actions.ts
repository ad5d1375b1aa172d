import type { LiveActionDescriptor } from './types.js';

type Impact = LiveActionDescriptor['impact'];
type Approval = LiveActionDescriptor['approval'];

/** What each capability does to an estate, and who must approve it (AiSOC's capability contracts). */
const CONTRACTS: Record<string, { impact: Impact; approval: Approval; description: string }> = {
  isolate_host: { impact: 'disruptive', approval: 'analyst', description: 'Network-contain an endpoint, leaving only the sensor channel open.' },
  unisolate_host: { impact: 'reversible', approval: 'analyst', description: 'Lift network containment from an endpoint.' },
  kill_process: { impact: 'reversible', approval: 'analyst', description: 'Terminate a process tree on an endpoint.' },
  quarantine_file: { impact: 'reversible', approval: 'analyst', description: 'Move a file into the sensor quarantine.' },
  block_hash: { impact: 'reversible', approval: 'none', description: 'Add a file hash to the prevention blocklist.' },
  block_domain: { impact: 'reversible', approval: 'none', description: 'Block resolution of or connections to a domain.' },
  block_ip: { impact: 'reversible', approval: 'analyst', description: 'Block traffic to and from an address at the firewall.' },
  disable_user: { impact: 'disruptive', approval: 'two_person', description: 'Disable an identity so it can no longer sign in.' },
  revoke_session: { impact: 'reversible', approval: 'analyst', description: 'Revoke refresh tokens and sign the user out everywhere.' },
  reset_password: { impact: 'disruptive', approval: 'two_person', description: 'Force a password reset at next sign-in.' },
  query_logs: { impact: 'read_only', approval: 'none', description: 'Run a read-only search against the vendor’s log store.' },
  pivot_host: { impact: 'read_only', approval: 'none', description: 'Return what the vendor knows about a host.' },
  enrich_ioc: { impact: 'read_only', approval: 'none', description: 'Look an indicator up in the vendor’s intelligence.' },
};

const VENDORS: Record<string, string[]> = {
  crowdstrike: ['isolate_host', 'unisolate_host', 'kill_process', 'quarantine_file', 'block_hash', 'pivot_host'],
  defender: ['isolate_host', 'unisolate_host', 'quarantine_file', 'block_hash', 'pivot_host'],
  sentinelone: ['isolate_host', 'unisolate_host', 'kill_process', 'quarantine_file'],
  okta: ['disable_user', 'revoke_session', 'reset_password'],
  azure_entra: ['disable_user', 'revoke_session', 'reset_password'],
  google_workspace: ['disable_user', 'revoke_session'],
  panos: ['block_ip', 'block_domain'],
  splunk: ['query_logs'],
  sentinel: ['query_logs', 'enrich_ioc'],
  elastic: ['query_logs', 'isolate_host'],
  virustotal_plugin: ['enrich_ioc'],
};

export function buildLiveActions(): LiveActionDescriptor[] {
  return Object.entries(VENDORS)
    .flatMap(([vendorId, capabilities]) =>
      capabilities.map((capability): LiveActionDescriptor => {
        const contract = CONTRACTS[capability];
        const plugin = vendorId.endsWith('_plugin');
        return {
          vendorId,
          capability,
          description: `${contract?.description ?? capability} (${vendorId})`,
          source: plugin ? 'plugin' : 'builtin',
          requiresCredentials: true,
          impact: contract?.impact ?? '',
          approval: contract?.approval ?? '',
        };
      }),
    )
    .sort((a, b) => a.vendorId.localeCompare(b.vendorId) || a.capability.localeCompare(b.capability));
}
