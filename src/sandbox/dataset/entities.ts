import { Prng } from './prng.js';
import type { Domain, Entities, ExternalIp, FileSample, Host, User } from './types.js';

/**
 * People, machines and infrastructure the whole dataset draws from. Network addresses come only
 * from documentation ranges (RFC 5737, RFC 3849) and internal hosts use 10.x as data, never as a
 * target; domains are example.com/.net/.org; ASNs are the documentation range (RFC 5398).
 */

const PEOPLE: ReadonlyArray<readonly [string, string, string, string, boolean]> = [
  ['Dana', 'Whitfield', 'Security Operations', 'SOC Lead', true],
  ['Marcus', 'Oyelaran', 'Security Operations', 'Tier 2 Analyst', true],
  ['Priya', 'Raman', 'Security Operations', 'Tier 1 Analyst', false],
  ['Tomasz', 'Kowalczyk', 'IT Infrastructure', 'Systems Administrator', true],
  ['Elena', 'Vasquez', 'Finance', 'Accounts Payable Specialist', false],
  ['Hiroshi', 'Tanaka', 'Finance', 'Controller', false],
  ['Amara', 'Nwosu', 'Human Resources', 'HR Business Partner', false],
  ['Lucas', 'Moreau', 'Engineering', 'Senior Software Engineer', false],
  ['Sofia', 'Lindqvist', 'Engineering', 'DevOps Engineer', true],
  ['Kwame', 'Mensah', 'Sales', 'Account Executive', false],
  ['Isabel', 'Fernandes', 'Legal', 'Corporate Counsel', false],
  ['Noah', 'Bergstrom', 'Executive', 'Chief Financial Officer', false],
  ['Aisha', 'Karimi', 'Engineering', 'Data Engineer', false],
  ['Gabriel', 'Santos', 'IT Infrastructure', 'Network Engineer', true],
  ['Mei', 'Chen', 'Marketing', 'Marketing Manager', false],
  ['Oliver', 'Grant', 'Sales', 'Sales Director', false],
  ['Fatima', 'Haddad', 'Finance', 'Payroll Analyst', false],
  ['Jonas', 'Weber', 'Engineering', 'Site Reliability Engineer', true],
  ['Grace', 'Okafor', 'Customer Success', 'Support Engineer', false],
  ['Ravi', 'Iyer', 'IT Infrastructure', 'Identity Administrator', true],
  ['Chloe', 'Dubois', 'Human Resources', 'Recruiter', false],
  ['Samuel', 'Adeyemi', 'Executive', 'Chief Executive Officer', false],
];

const SERVICE_ACCOUNTS = ['svc_backup', 'svc_sqlagent', 'svc_jenkins'];

const COUNTRIES = ['NL', 'DE', 'US', 'RO', 'RU', 'BR', 'SG', 'FR', 'UA', 'CN', 'IR', 'KP', 'GB'];
const AS_ORGS = ['Example Transit BV', 'Documentation Hosting GmbH', 'Sample Cloud Inc', 'Reserved Networks LLC', 'Test-Net Anonymity Relay', 'Bulletproof Example SRL'];
const IP_PROFILES: ReadonlyArray<readonly [ExternalIp['profile'], number]> = [
  ['tor_exit', 3],
  ['c2', 3],
  ['scanner', 3],
  ['vpn', 2],
  ['cloud', 2],
  ['cdn', 1],
  ['saas', 1],
];

const DOMAINS: ReadonlyArray<readonly [string, Domain['profile']]> = [
  ['login-microsoftonline.example.net', 'phishing'],
  ['secure-docs-share.example.org', 'phishing'],
  ['invoice-portal.example.net', 'phishing'],
  ['payroll-update.example.org', 'phishing'],
  ['okta-verify-session.example.net', 'phishing'],
  ['cdn-update-check.example.org', 'c2'],
  ['telemetry-sync.example.net', 'c2'],
  ['api-metrics-collector.example.org', 'c2'],
  ['a1b2c3d4e5.dyn.example.net', 'c2'],
  ['files-download-center.example.org', 'malware_delivery'],
  ['get-codec-pack.example.net', 'malware_delivery'],
  ['www.example.com', 'benign'],
  ['sharepoint.example.com', 'benign'],
  ['vpn.example.com', 'benign'],
  ['status.example.org', 'benign'],
  ['updates.example.com', 'benign'],
];

const FILES: ReadonlyArray<readonly [string, string, boolean, string | null, number]> = [
  ['Invoice_88413.docm', 'C:\\Users\\{user}\\Downloads\\Invoice_88413.docm', true, 'Emotet', 184_320],
  ['Payroll_Q4_Update.xlsm', 'C:\\Users\\{user}\\Downloads\\Payroll_Q4_Update.xlsm', true, 'QakBot', 96_768],
  ['svch0st.exe', 'C:\\ProgramData\\Microsoft\\svch0st.exe', true, 'Cobalt Strike', 311_296],
  ['msupdate.dll', 'C:\\Users\\{user}\\AppData\\Local\\Temp\\msupdate.dll', true, 'IcedID', 524_288],
  ['rclone.exe', 'C:\\PerfLogs\\rclone.exe', true, 'Rclone (abused)', 48_234_496],
  ['mimikatz.exe', 'C:\\Windows\\Temp\\m.exe', true, 'Mimikatz', 1_307_136],
  ['xmrig', '/tmp/.cache/xmrig', true, 'XMRig', 6_291_456],
  ['locker.exe', 'C:\\Users\\Public\\locker.exe', true, 'LockBit 3.0', 162_304],
  ['AnyDesk.exe', 'C:\\Users\\{user}\\Downloads\\AnyDesk.exe', false, null, 5_213_184],
  ['7z.exe', 'C:\\Program Files\\7-Zip\\7z.exe', false, null, 566_272],
  ['setup_codec.msi', 'C:\\Users\\{user}\\Downloads\\setup_codec.msi', true, 'Gootloader', 2_457_600],
  ['report_viewer.js', 'C:\\Users\\{user}\\Downloads\\report_viewer.js', true, 'SocGholish', 41_472],
];

export function buildEntities(seed: string): Entities {
  const prng = new Prng(seed, 'entities');

  const users: User[] = PEOPLE.map(([first, last, department, title, privileged]) => {
    const username = `${first[0]}${last}`.toLowerCase();
    return {
      id: prng.uuid(),
      username,
      displayName: `${first} ${last}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com`,
      department,
      title,
      privileged,
    };
  });
  for (const name of SERVICE_ACCOUNTS) {
    users.push({ id: prng.uuid(), username: name, displayName: name, email: `${name}@example.com`, department: 'IT Infrastructure', title: 'Service Account', privileged: true });
  }

  const hosts: Host[] = [];
  const workstationPrefixes = ['WS-FIN', 'WS-ENG', 'WS-HR', 'WS-SLS', 'WS-MKT', 'WS-EXE', 'WS-SOC', 'WS-LEG'];
  for (let i = 0; i < 22; i++) {
    const prefix = workstationPrefixes[i % workstationPrefixes.length] ?? 'WS';
    const hostname = `${prefix}-${String(prng.int(1, 240)).padStart(3, '0')}`;
    const owner = users[i % PEOPLE.length] as User;
    hosts.push({
      id: prng.uuid(),
      hostname,
      fqdn: `${hostname.toLowerCase()}.corp.example.com`,
      ip: `10.${20 + (i % 8)}.${prng.int(1, 254)}.${prng.int(2, 250)}`,
      os: prng.pick(['Windows 11 Enterprise 23H2', 'Windows 11 Enterprise 24H2', 'Windows 10 Enterprise 22H2', 'macOS 15.1']),
      role: 'workstation',
      owner: owner.username,
    });
  }
  const servers: ReadonlyArray<readonly [string, Host['role'], string]> = [
    ['DC01', 'domain_controller', 'Windows Server 2022 Datacenter'],
    ['DC02', 'domain_controller', 'Windows Server 2022 Datacenter'],
    ['FS01', 'server', 'Windows Server 2019 Standard'],
    ['SQL-PRD-01', 'server', 'Windows Server 2022 Standard'],
    ['WEB-PRD-02', 'server', 'Ubuntu 22.04 LTS'],
    ['JENKINS-01', 'server', 'Ubuntu 24.04 LTS'],
    ['EXCH-01', 'server', 'Windows Server 2019 Standard'],
    ['VPN-GW-01', 'server', 'FortiOS 7.4'],
  ];
  servers.forEach(([hostname, role, os], i) => {
    hosts.push({
      id: prng.uuid(),
      hostname,
      fqdn: `${hostname.toLowerCase()}.corp.example.com`,
      ip: `10.0.${10 + i}.${prng.int(2, 60)}`,
      os,
      role,
      owner: 'tkowalczyk',
    });
  });

  const externalIps: ExternalIp[] = [];
  const prefixes = ['192.0.2', '198.51.100', '203.0.113'];
  const usedIps = new Set<string>();
  while (externalIps.length < 36) {
    const ip = `${prng.pick(prefixes)}.${prng.int(2, 254)}`;
    if (usedIps.has(ip)) continue;
    usedIps.add(ip);
    externalIps.push({ ip, country: prng.pick(COUNTRIES), asn: prng.int(64496, 64511), asOrg: prng.pick(AS_ORGS), profile: prng.weighted(IP_PROFILES) });
  }
  for (let i = 0; i < 4; i++) {
    externalIps.push({ ip: `2001:db8:${prng.hex(4)}::${prng.int(1, 0xffff).toString(16)}`, country: prng.pick(COUNTRIES), asn: prng.int(64496, 64511), asOrg: prng.pick(AS_ORGS), profile: prng.pick(['tor_exit', 'c2', 'vpn'] as const) });
  }

  const domains: Domain[] = DOMAINS.map(([name, profile]) => ({ name, profile, registeredDaysAgo: profile === 'benign' ? prng.int(900, 6000) : prng.int(2, 60) }));

  const files: FileSample[] = FILES.map(([name, path, malicious, family, sizeBytes]) => ({
    name,
    path,
    md5: prng.hex(32),
    sha1: prng.hex(40),
    sha256: prng.hex(64),
    sizeBytes,
    malicious,
    family,
  }));

  return { users, hosts, externalIps, domains, files };
}
