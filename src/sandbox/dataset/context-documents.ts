import { DATASET_NOW_MS, DAY } from './clock.js';
import { Prng } from './prng.js';
import type { ContextDocument, Severity } from './types.js';

type Spec = readonly [string, ContextDocument['documentType'], boolean, string[], Severity[], string[], string];

const SPECS: readonly Spec[] = [
  ['Account Compromise Runbook', 'runbook', false, ['identity'], ['critical', 'high', 'medium'], [], 'Suspected credential theft, brute force, spray or MFA fatigue.'],
  ['Phishing Response SOP', 'sop', false, ['phishing'], [], [], 'Reported or detected phishing: purge, block, reset.'],
  ['Malware on Endpoint Runbook', 'runbook', false, ['malware', 'endpoint'], ['critical', 'high'], [], 'Known or suspected malware executing on a workstation or server.'],
  ['Ransomware Incident Response Plan', 'ir_plan', true, [], ['critical'], [], 'Company-wide plan for encryption events: containment, comms, recovery.'],
  ['Data Exfiltration Playbook', 'playbook', false, ['exfiltration'], [], ['splunk'], 'Unusual outbound volumes and cloud-storage uploads.'],
  ['Cloud Control-Plane Abuse Runbook', 'runbook', false, ['cloud'], [], [], 'Unexpected IAM changes, new admins, mining workloads.'],
  ['Sentinel Alert Triage Guide', 'detection_guide', false, [], [], ['sentinel'], 'How to read and pivot from Microsoft Sentinel alerts.'],
  ['Escalation and On-Call Policy', 'sop', true, [], [], [], 'Who to wake up, when, and how to hand over.'],
];

/** Runbooks, SOPs and plans that Calseta attaches to matching alerts as context. */
export function buildContextDocuments(seed: string, tenantId: string): ContextDocument[] {
  const prng = new Prng(seed, `context:${tenantId}`);
  return SPECS.map(([title, documentType, isGlobal, categories, severities, sourceNames, description]) => {
    const createdAtMs = DATASET_NOW_MS - prng.int(90, 700) * DAY;
    return {
      id: prng.uuid(),
      tenantId,
      title,
      documentType,
      isGlobal,
      description,
      content: [
        `# ${title}`,
        '',
        `> ${description}`,
        '',
        '## When this applies',
        isGlobal ? '- Every alert and incident.' : `- Categories: ${categories.join(', ') || 'any'}; severities: ${severities.join(', ') || 'any'}; sources: ${sourceNames.join(', ') || 'any'}.`,
        '',
        '## Steps',
        '1. Confirm the alert is not a duplicate of an open case; link it if it is.',
        '2. Scope: list affected identities, hosts and indicators from the alert detail.',
        '3. Contain: apply the lowest-impact action that stops the activity (see live actions).',
        '4. Eradicate and recover; record every action in the case evidence chain.',
        '5. Close with a classification and a one-paragraph summary.',
        '',
        '## Escalate when',
        '- A privileged account, a domain controller or customer data is involved.',
        '- Containment needs a two-person approval.',
      ].join('\n'),
      targeting: { categories, severities, sourceNames },
      version: prng.int(1, 7),
      createdAtMs,
      updatedAtMs: createdAtMs + prng.int(1, 80) * DAY,
    };
  });
}
