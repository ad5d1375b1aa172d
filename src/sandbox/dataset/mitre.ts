import type { MitreTechnique } from './types.js';

const TACTICS = {
  TA0043: 'Reconnaissance',
  TA0001: 'Initial Access',
  TA0002: 'Execution',
  TA0003: 'Persistence',
  TA0004: 'Privilege Escalation',
  TA0005: 'Defense Evasion',
  TA0006: 'Credential Access',
  TA0007: 'Discovery',
  TA0008: 'Lateral Movement',
  TA0009: 'Collection',
  TA0011: 'Command and Control',
  TA0010: 'Exfiltration',
  TA0040: 'Impact',
} as const;

type TacticId = keyof typeof TACTICS;

/** Real ATT&CK technique ids with their names and the tactic each alert in the dataset uses them for. */
const TECHNIQUES: ReadonlyArray<readonly [string, string, TacticId]> = [
  ['T1595.002', 'Vulnerability Scanning', 'TA0043'],
  ['T1190', 'Exploit Public-Facing Application', 'TA0001'],
  ['T1133', 'External Remote Services', 'TA0001'],
  ['T1566.001', 'Spearphishing Attachment', 'TA0001'],
  ['T1566.002', 'Spearphishing Link', 'TA0001'],
  ['T1078', 'Valid Accounts', 'TA0001'],
  ['T1078.004', 'Cloud Accounts', 'TA0001'],
  ['T1059.001', 'PowerShell', 'TA0002'],
  ['T1059.003', 'Windows Command Shell', 'TA0002'],
  ['T1204.002', 'Malicious File', 'TA0002'],
  ['T1053.005', 'Scheduled Task', 'TA0003'],
  ['T1547.001', 'Registry Run Keys / Startup Folder', 'TA0003'],
  ['T1098', 'Account Manipulation', 'TA0003'],
  ['T1136.003', 'Cloud Account', 'TA0003'],
  ['T1068', 'Exploitation for Privilege Escalation', 'TA0004'],
  ['T1562.001', 'Disable or Modify Tools', 'TA0005'],
  ['T1070.001', 'Clear Windows Event Logs', 'TA0005'],
  ['T1218.011', 'Rundll32', 'TA0005'],
  ['T1027', 'Obfuscated Files or Information', 'TA0005'],
  ['T1110.001', 'Password Guessing', 'TA0006'],
  ['T1110.003', 'Password Spraying', 'TA0006'],
  ['T1003.001', 'LSASS Memory', 'TA0006'],
  ['T1558.003', 'Kerberoasting', 'TA0006'],
  ['T1621', 'Multi-Factor Authentication Request Generation', 'TA0006'],
  ['T1539', 'Steal Web Session Cookie', 'TA0006'],
  ['T1046', 'Network Service Discovery', 'TA0007'],
  ['T1087.002', 'Domain Account', 'TA0007'],
  ['T1069.002', 'Domain Groups', 'TA0007'],
  ['T1021.001', 'Remote Desktop Protocol', 'TA0008'],
  ['T1021.002', 'SMB/Windows Admin Shares', 'TA0008'],
  ['T1114.002', 'Remote Email Collection', 'TA0009'],
  ['T1530', 'Data from Cloud Storage', 'TA0009'],
  ['T1071.001', 'Web Protocols', 'TA0011'],
  ['T1071.004', 'DNS', 'TA0011'],
  ['T1090.003', 'Multi-hop Proxy', 'TA0011'],
  ['T1105', 'Ingress Tool Transfer', 'TA0011'],
  ['T1048.001', 'Exfiltration Over Symmetric Encrypted Non-C2 Protocol', 'TA0010'],
  ['T1048.003', 'Exfiltration Over Unencrypted Non-C2 Protocol', 'TA0010'],
  ['T1567.002', 'Exfiltration to Cloud Storage', 'TA0010'],
  ['T1486', 'Data Encrypted for Impact', 'TA0040'],
  ['T1490', 'Inhibit System Recovery', 'TA0040'],
  ['T1496', 'Resource Hijacking', 'TA0040'],
];

const BY_ID = new Map<string, MitreTechnique>(
  TECHNIQUES.map(([id, name, tacticId]) => [id, { id, name, tacticId, tactic: TACTICS[tacticId] }]),
);

export function technique(id: string): MitreTechnique {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`unknown ATT&CK technique ${id}`);
  return found;
}

/** Tactic names in kill-chain order, without duplicates. */
export function tacticsOf(techniques: readonly MitreTechnique[]): string[] {
  const order = Object.keys(TACTICS);
  return [...new Set(techniques.map((t) => t.tacticId))].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((id) => TACTICS[id as TacticId]);
}
