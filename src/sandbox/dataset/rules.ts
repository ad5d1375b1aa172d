import { DATASET_NOW_MS, DAY, HOUR } from './clock.js';
import { technique } from './mitre.js';
import { Prng } from './prng.js';
import { SCENARIOS, type Scenario } from './scenarios.js';
import type { DetectionRule, RuleLanguage, Severity, Tenant } from './types.js';

/**
 * Detection rules: a platform built-in (Sigma) and a tenant-authored rule (KQL or SPL) for every
 * scenario, each with a documentation page a Calseta face can serve as its detection-rule doc.
 */

interface Signature {
  name: string;
  product: string;
  service: string;
  sigma: string;
  kql: string;
  spl: string;
  dataSources: string[];
}

const SIGNATURES: Record<string, Signature> = {
  brute_force_tor: { name: 'Brute Force Sign-ins From Anonymising Infrastructure', product: 'azure', service: 'signinlogs', sigma: "ResultType: '50126'\n    NetworkLocationDetails|contains: 'anonymizedIPAddress'", kql: 'SigninLogs\n| where ResultType == "50126"\n| summarize Failures = count() by UserPrincipalName, IPAddress, bin(TimeGenerated, 20m)\n| where Failures > 20', spl: 'index=azure sourcetype=azure:aad:signin ResultType=50126\n| bin _time span=20m\n| stats count as failures by user, src_ip, _time\n| where failures > 20', dataSources: ['Entra ID sign-in logs'] },
  password_spray: { name: 'Okta Password Spray', product: 'okta', service: 'okta', sigma: "eventType: 'user.session.start'\n    outcome.reason: 'INVALID_CREDENTIALS'", kql: 'Okta_CL\n| where eventType_s == "user.session.start" and outcome_reason_s == "INVALID_CREDENTIALS"\n| summarize Targets = dcount(actor_alternateId_s) by client_ipAddress_s, bin(TimeGenerated, 1h)\n| where Targets > 15', spl: 'index=okta eventType=user.session.start outcome.reason=INVALID_CREDENTIALS\n| bin _time span=1h\n| stats dc(actor.alternateId) as targets by client.ipAddress, _time\n| where targets > 15', dataSources: ['Okta System Log'] },
  impossible_travel: { name: 'Impossible Travel Sign-in', product: 'azure', service: 'signinlogs', sigma: "RiskEventTypes|contains: 'impossibleTravel'", kql: 'SigninLogs\n| where RiskEventTypes_V2 has "impossibleTravel"', spl: 'index=azure sourcetype=azure:aad:signin riskEventTypes_v2="impossibleTravel"', dataSources: ['Entra ID sign-in logs', 'Defender for Cloud Apps'] },
  mfa_fatigue: { name: 'MFA Push Flood Followed by Approval', product: 'okta', service: 'okta', sigma: "eventType: 'system.push.send_factor_verify_push'", kql: 'Okta_CL\n| where eventType_s == "system.push.send_factor_verify_push"\n| summarize Pushes = count() by actor_alternateId_s, bin(TimeGenerated, 10m)\n| where Pushes > 10', spl: 'index=okta eventType=system.push.send_factor_verify_push\n| bin _time span=10m\n| stats count by actor.alternateId, _time\n| where count > 10', dataSources: ['Okta System Log'] },
  phishing_attachment: { name: 'Macro-Enabled Attachment From Newly Registered Domain', product: 'm365', service: 'exchange', sigma: "AttachmentExtension|endswith:\n      - '.docm'\n      - '.xlsm'\n    SenderDomainAgeDays|lt: 30", kql: 'EmailAttachmentInfo\n| where FileName endswith ".docm" or FileName endswith ".xlsm"\n| join EmailEvents on NetworkMessageId\n| where ThreatTypes has "Malware"', spl: 'index=o365 sourcetype=o365:messageTrace attachment_name IN ("*.docm","*.xlsm") verdict=malware', dataSources: ['Defender for Office 365'] },
  phishing_link: { name: 'Click on Credential Phishing URL', product: 'proofpoint', service: 'tap', sigma: "classification: 'phish'\n    eventType: 'clicksPermitted'", kql: 'ProofpointTAP_CL\n| where classification_s == "phish" and eventType_s == "clicksPermitted"', spl: 'index=proofpoint sourcetype=pps:tap:click classification=phish', dataSources: ['Proofpoint TAP'] },
  malware_hash: { name: 'Execution of Known Malware Hash', product: 'windows', service: 'endpoint', sigma: "event.action: 'execution'\n    threat.indicator.matched: true", kql: 'DeviceProcessEvents\n| join ThreatIntelligenceIndicator on $left.SHA256 == $right.FileHashValue', spl: '| tstats count from datamodel=Endpoint.Processes by Processes.process_hash\n| lookup threat_intel_hashes hash AS Processes.process_hash OUTPUT threat', dataSources: ['EDR process telemetry', 'Threat intelligence'] },
  encoded_powershell: { name: 'Encoded PowerShell Spawned by Office', product: 'windows', service: 'process_creation', sigma: "ParentImage|endswith: '\\\\WINWORD.EXE'\n    Image|endswith: '\\\\powershell.exe'\n    CommandLine|contains: ' -enc'", kql: 'DeviceProcessEvents\n| where InitiatingProcessFileName =~ "winword.exe" and FileName =~ "powershell.exe"\n| where ProcessCommandLine has_any ("-enc", "-EncodedCommand")', spl: 'index=edr process_name=powershell.exe parent_process_name=WINWORD.EXE (process="*-enc*" OR process="*-EncodedCommand*")', dataSources: ['EDR process telemetry'] },
  lsass_dump: { name: 'LSASS Memory Access by Unsigned Process', product: 'windows', service: 'sysmon', sigma: "EventID: 10\n    TargetImage|endswith: '\\\\lsass.exe'\n    GrantedAccess: '0x1010'", kql: 'DeviceEvents\n| where ActionType == "OpenProcessApiCall" and FileName =~ "lsass.exe"', spl: 'index=sysmon EventCode=10 TargetImage="*\\\\lsass.exe" GrantedAccess=0x1010', dataSources: ['Sysmon', 'EDR'] },
  c2_beacon: { name: 'Periodic Beaconing to Rare Domain', product: 'firewall', service: 'traffic', sigma: "dst_port: 443\n    threat_name|contains: 'Beacon'", kql: 'CommonSecurityLog\n| where DestinationPort == 443\n| summarize Connections = count(), Jitter = stdev(SentBytes) by SourceIP, DestinationHostName\n| where Connections > 50 and Jitter < 40', spl: 'index=pan sourcetype=pan:threat threat_name="*Beacon*"\n| stats count by src_ip, dest_ip, sni', dataSources: ['Firewall traffic', 'TLS SNI'] },
  dns_tunneling: { name: 'High-Entropy DNS TXT Queries', product: 'dns', service: 'query', sigma: "query_type: 'TXT'\n    query|re: '^[a-f0-9]{40,}\\\\.'", kql: 'DnsEvents\n| where QueryType == "TXT" and strlen(Name) > 60\n| summarize Queries = count() by ClientIP, tostring(split(Name, ".", 1))', spl: 'index=dns record_type=TXT\n| eval label_len=len(mvindex(split(query,"."),0))\n| where label_len > 40\n| stats count by src_ip, query_domain', dataSources: ['Resolver query logs'] },
  cloud_exfil: { name: 'Outbound Transfer Volume Anomaly', product: 'network', service: 'traffic', sigma: "bytes_out|gt: 524288000", kql: 'CommonSecurityLog\n| summarize BytesOut = sum(SentBytes) by SourceIP, DestinationIP, bin(TimeGenerated, 1h)\n| where BytesOut > 500000000', spl: 'index=pan sourcetype=pan:traffic\n| stats sum(bytes_out) as bytes_out by src_ip, dest_ip, user\n| where bytes_out > 500000000', dataSources: ['Firewall traffic'] },
  ransomware_precursor: { name: 'Shadow Copy Deletion', product: 'windows', service: 'process_creation', sigma: "Image|endswith: '\\\\vssadmin.exe'\n    CommandLine|contains|all:\n      - 'delete'\n      - 'shadows'", kql: 'DeviceProcessEvents\n| where FileName =~ "vssadmin.exe" and ProcessCommandLine has_all ("delete", "shadows")', spl: 'index=edr process_name=vssadmin.exe process="*delete*shadows*"', dataSources: ['EDR process telemetry'] },
  lateral_rdp: { name: 'RDP Logon Fan-out From a Workstation', product: 'windows', service: 'security', sigma: "EventID: 4624\n    LogonType: 10", kql: 'SecurityEvent\n| where EventID == 4624 and LogonType == 10\n| summarize Targets = dcount(Computer) by TargetUserName, IpAddress, bin(TimeGenerated, 15m)\n| where Targets > 3', spl: 'index=wineventlog EventCode=4624 Logon_Type=10\n| bin _time span=15m\n| stats dc(dest) as targets by user, src_ip, _time\n| where targets > 3', dataSources: ['Windows Security events'] },
  smb_admin_shares: { name: 'Remote Service Installed Over ADMIN$', product: 'windows', service: 'system', sigma: "EventID: 7045\n    ImagePath|contains: '\\\\ADMIN$'", kql: 'DeviceEvents\n| where ActionType == "ServiceInstalled" and AdditionalFields has "ADMIN$"', spl: 'index=wineventlog EventCode=7045 Service_File_Name="*ADMIN$*"', dataSources: ['Windows System events', 'EDR'] },
  kerberoasting: { name: 'Kerberoasting via RC4 Service Tickets', product: 'windows', service: 'security', sigma: "EventID: 4769\n    TicketEncryptionType: '0x17'", kql: 'SecurityEvent\n| where EventID == 4769 and TicketEncryptionType == "0x17"\n| summarize Tickets = count() by TargetUserName, IpAddress, bin(TimeGenerated, 5m)\n| where Tickets > 5', spl: 'index=wineventlog EventCode=4769 Ticket_Encryption_Type=0x17\n| stats count by user, src_ip\n| where count > 5', dataSources: ['Domain controller Security events'] },
  scheduled_task: { name: 'Scheduled Task Created by Script Host', product: 'windows', service: 'process_creation', sigma: "Image|endswith: '\\\\schtasks.exe'\n    ParentImage|endswith:\n      - '\\\\wscript.exe'\n      - '\\\\cscript.exe'", kql: 'DeviceProcessEvents\n| where FileName =~ "schtasks.exe" and InitiatingProcessFileName in~ ("wscript.exe", "cscript.exe")', spl: 'index=edr process_name=schtasks.exe parent_process_name IN ("wscript.exe","cscript.exe") process="*/create*"', dataSources: ['EDR process telemetry'] },
  log_clearing: { name: 'Security Event Log Cleared', product: 'windows', service: 'security', sigma: 'EventID: 1102', kql: 'SecurityEvent\n| where EventID == 1102', spl: 'index=wineventlog EventCode=1102', dataSources: ['Windows Security events'] },
  edr_tamper: { name: 'EDR Service Stop Attempt', product: 'windows', service: 'process_creation', sigma: "CommandLine|contains:\n      - 'stop CSFalconService'\n      - 'stop SentinelAgent'", kql: 'DeviceProcessEvents\n| where ProcessCommandLine has_any ("stop CSFalconService", "stop SentinelAgent")', spl: 'index=edr (process="*stop CSFalconService*" OR process="*stop SentinelAgent*")', dataSources: ['EDR process telemetry'] },
  web_exploit: { name: 'Template Injection Attempts Against Web Tier', product: 'waf', service: 'aws_waf', sigma: "httpRequest.args|contains: '${'", kql: 'AWSWAF\n| where HttpRequest_args has "${"\n| summarize Attempts = count() by ClientIp', spl: 'index=aws sourcetype=aws:waf httpRequest.args="*${*"\n| stats count by httpRequest.clientIp', dataSources: ['AWS WAF logs'] },
  port_scan: { name: 'Perimeter Port Scan', product: 'firewall', service: 'threat', sigma: "subtype: 'scan'", kql: 'CommonSecurityLog\n| where Activity has "scan"\n| summarize Ports = dcount(DestinationPort) by SourceIP', spl: 'index=pan sourcetype=pan:threat subtype=scan\n| stats dc(dest_port) as ports by src_ip', dataSources: ['Firewall threat logs'] },
  new_cloud_admin: { name: 'IAM User Granted AdministratorAccess', product: 'aws', service: 'cloudtrail', sigma: "eventSource: 'iam.amazonaws.com'\n    eventName: 'AttachUserPolicy'\n    requestParameters.policyArn|endswith: '/AdministratorAccess'", kql: 'AWSCloudTrail\n| where EventName == "AttachUserPolicy" and RequestParameters has "AdministratorAccess"', spl: 'index=aws sourcetype=aws:cloudtrail eventName=AttachUserPolicy requestParameters.policyArn="*AdministratorAccess"', dataSources: ['AWS CloudTrail'] },
  cryptominer: { name: 'Stratum Mining Protocol Connection', product: 'linux', service: 'auditd', sigma: "a2|contains: 'stratum+tcp://'", kql: 'Syslog\n| where SyslogMessage has "stratum+tcp://"', spl: 'index=linux sourcetype=linux:audit "stratum+tcp://"', dataSources: ['auditd', 'Wazuh'] },
  mailbox_forwarding: { name: 'External Inbox Forwarding Rule', product: 'm365', service: 'exchange', sigma: "Operation: 'New-InboxRule'\n    Parameters|contains: 'ForwardTo'", kql: 'OfficeActivity\n| where Operation == "New-InboxRule" and Parameters has "ForwardTo"', spl: 'index=o365 Operation=New-InboxRule Parameters="*ForwardTo*"', dataSources: ['Unified audit log'] },
  benign_admin_tool: { name: 'Remote Access Tool Installation', product: 'windows', service: 'process_creation', sigma: "Image|endswith:\n      - '\\\\AnyDesk.exe'\n      - '\\\\TeamViewer.exe'", kql: 'DeviceProcessEvents\n| where FileName in~ ("AnyDesk.exe", "TeamViewer.exe")', spl: 'index=edr process_name IN ("AnyDesk.exe","TeamViewer.exe")', dataSources: ['EDR process telemetry'] },
};

const LANGUAGE_FOR_CONNECTOR: Record<string, RuleLanguage> = { splunk: 'spl', paloalto: 'spl', infoblox: 'spl', aws_waf: 'spl', wazuh: 'spl' };

function sigmaBody(id: string, s: Scenario, sig: Signature, severity: Severity): string {
  const tags = s.techniques.flatMap((t) => {
    const tech = technique(t);
    return [`attack.${tech.tactic.toLowerCase().replace(/ /g, '_')}`, `attack.${t.toLowerCase()}`];
  });
  return [
    `title: ${sig.name}`,
    `id: ${id}`,
    'status: stable',
    `description: Detects ${sig.name.toLowerCase()}.`,
    'author: socbridge sandbox',
    'tags:',
    ...[...new Set(tags)].map((t) => `  - ${t}`),
    'logsource:',
    `  product: ${sig.product}`,
    `  service: ${sig.service}`,
    'detection:',
    '  selection:',
    `    ${sig.sigma}`,
    '  condition: selection',
    'falsepositives:',
    '  - Administrative activity during change windows',
    `level: ${severity === 'info' ? 'informational' : severity}`,
  ].join('\n');
}

function documentation(rule: { name: string; description: string }, s: Scenario, sig: Signature): string {
  const techniques = s.techniques.map((t) => {
    const tech = technique(t);
    return `- ${tech.id} ${tech.name} (${tech.tactic})`;
  });
  return [
    `# ${rule.name}`,
    '',
    '## Overview',
    rule.description,
    '',
    '## Data sources',
    ...sig.dataSources.map((d) => `- ${d}`),
    '',
    '## ATT&CK mapping',
    ...techniques,
    '',
    '## Triage',
    ...s.actions.map((a) => `${a.priority}. ${a.action} — ${a.rationale}`),
    '',
    '## Known false positives',
    '- Change-window administration by the infrastructure team',
    '- Security testing from the approved red-team ranges',
  ].join('\n');
}

export function buildRules(seed: string, tenants: Tenant[]): DetectionRule[] {
  const prng = new Prng(seed, 'rules');
  const [primary, secondary] = tenants;
  if (!primary || !secondary) throw new Error('the dataset needs two tenants');
  const rules: DetectionRule[] = [];

  const make = (s: Scenario, tenantId: string | null, language: RuleLanguage, custom: boolean): DetectionRule => {
    const sig = SIGNATURES[s.key];
    if (!sig) throw new Error(`no signature for scenario ${s.key}`);
    const id = prng.uuid();
    const severity = s.severities[0]?.[0] ?? 'medium';
    const name = custom ? `${sig.name} (${language.toUpperCase()})` : sig.name;
    const description = `${sig.name}: raises ${s.category.replace(/_/g, ' ')} alerts from ${sig.dataSources.join(' and ')}.`;
    const body = language === 'sigma' ? sigmaBody(id, s, sig, severity) : language === 'kql' ? sig.kql : sig.spl;
    const createdAtMs = DATASET_NOW_MS - prng.int(60, 540) * DAY;
    const hits = prng.int(0, 900);
    return {
      id,
      tenantId,
      name,
      description,
      language,
      body,
      category: s.category,
      scenario: s.key,
      status: prng.weighted([['active', 8], ['testing', 1], ['disabled', 1]] as const),
      severity,
      confidence: prng.int(45, 95),
      mitre: s.techniques.map(technique),
      fpRate: Math.round(prng.next() * 0.3 * 1000) / 1000,
      totalHits: hits,
      lastTriggeredMs: hits === 0 ? null : DATASET_NOW_MS - prng.int(1, 20 * 24) * HOUR,
      tags: [...s.tags, custom ? 'custom' : 'builtin'],
      isBuiltin: !custom,
      version: prng.int(1, 6),
      sourceName: s.sourceName,
      sourceRuleId: custom ? `${s.sourceName}-${prng.hex(8)}` : `sigma-${id.slice(0, 8)}`,
      dataSources: sig.dataSources,
      runFrequency: prng.pick(['5m', '15m', '1h', 'realtime']),
      documentation: documentation({ name, description }, s, sig),
      createdBy: custom ? 'dwhitfield@example.com' : 'aisoc',
      createdAtMs,
      updatedAtMs: createdAtMs + prng.int(1, 50) * DAY,
    };
  };

  for (const s of SCENARIOS) {
    rules.push(make(s, null, 'sigma', false));
    rules.push(make(s, primary.id, LANGUAGE_FOR_CONNECTOR[s.connectorType] ?? (s.sourceName === 'sentinel' ? 'kql' : prng.pick(['kql', 'spl'] as const)), true));
  }
  // The other tenant's own rules: present in the data, never visible to the sandbox keys.
  for (const key of ['brute_force_tor', 'c2_beacon', 'cloud_exfil']) {
    const s = SCENARIOS.find((x) => x.key === key);
    if (s) rules.push(make(s, secondary.id, 'kql', true));
  }
  return rules;
}
