import { isPrivateIp } from './addresses.js';
import { HOUR, MINUTE } from './clock.js';
import { Prng } from './prng.js';
import type { Domain, Entities, ExternalIp, FileSample, Indicator, IndicatorType, Malice, ProviderResult } from './types.js';

/**
 * Indicators and their per-provider enrichment, in the spirit of VirusTotal, AbuseIPDB, GreyNoise,
 * urlscan and Okta lookups. Each value's verdicts are derived from the entity behind it, so the
 * same IP reads the same everywhere it appears, and a Calseta face can serve them as they are.
 */

export const PROVIDERS_BY_TYPE: Record<IndicatorType, readonly string[]> = {
  ip: ['virustotal', 'abuseipdb', 'greynoise'],
  domain: ['virustotal', 'urlscan'],
  url: ['virustotal', 'urlscan'],
  hash_md5: ['virustotal'],
  hash_sha1: ['virustotal'],
  hash_sha256: ['virustotal'],
  email: ['virustotal'],
  account: ['okta'],
};

interface Subject {
  malice: Malice;
  ip?: ExternalIp;
  domain?: Domain;
  file?: FileSample;
  internal: boolean;
}

export class IndicatorFactory {
  private readonly cache = new Map<string, Indicator>();

  constructor(
    private readonly seed: string,
    private readonly entities: Entities,
  ) {}

  /**
   * The indicator for a value, built once so its id and verdicts are shared by every alert.
   * `knownMalice` is for values from outside the generated entities (the real vendor fixtures),
   * whose verdict the fixture's own narrative states.
   */
  get(type: IndicatorType, value: string, seenAtMs: number, knownMalice?: Malice): Indicator {
    const key = `${type}:${value}`;
    const existing = this.cache.get(key);
    if (existing) {
      existing.firstSeenMs = Math.min(existing.firstSeenMs, seenAtMs);
      existing.lastSeenMs = Math.max(existing.lastSeenMs, seenAtMs);
      return existing;
    }
    const prng = new Prng(this.seed, `indicator:${key}`);
    const derived = this.subjectOf(type, value);
    const subject = knownMalice === undefined || derived.internal ? derived : { ...derived, malice: knownMalice };
    const indicator: Indicator = {
      id: prng.uuid(),
      type,
      value,
      malice: subject.malice,
      firstSeenMs: seenAtMs,
      lastSeenMs: seenAtMs,
      enrichment: subject.internal
        ? [{ provider: '_validation', status: 'skipped', extracted: { reason: 'private or internal address' }, enrichedAtMs: seenAtMs, errorMessage: null, cacheHit: false }]
        : PROVIDERS_BY_TYPE[type].map((provider) => this.enrich(prng, provider, type, value, subject, seenAtMs)),
    };
    this.cache.set(key, indicator);
    return indicator;
  }

  private subjectOf(type: IndicatorType, value: string): Subject {
    const { externalIps, domains, files, users } = this.entities;
    if (type === 'ip') {
      const ip = externalIps.find((e) => e.ip === value);
      if (!ip) return { malice: 'Benign', internal: isPrivateIp(value) };
      const malice: Malice = ip.profile === 'tor_exit' || ip.profile === 'c2' ? 'Malicious' : ip.profile === 'scanner' || ip.profile === 'vpn' ? 'Suspicious' : 'Benign';
      return { malice, ip, internal: false };
    }
    if (type === 'domain' || type === 'url' || type === 'email') {
      const domain = domains.find((d) => value === d.name || value.includes(`//${d.name}/`) || value.endsWith(`@${d.name}`));
      if (!domain) return { malice: 'Pending', internal: false };
      return { malice: domain.profile === 'benign' ? 'Benign' : domain.profile === 'phishing' && type === 'email' ? 'Suspicious' : 'Malicious', domain, internal: false };
    }
    if (type === 'hash_md5' || type === 'hash_sha1' || type === 'hash_sha256') {
      const file = files.find((f) => f.md5 === value || f.sha1 === value || f.sha256 === value);
      return { malice: file?.malicious ? 'Malicious' : 'Benign', ...(file ? { file } : {}), internal: false };
    }
    const user = users.find((u) => u.email === value);
    return { malice: user?.privileged ? 'Suspicious' : 'Pending', internal: false };
  }

  private enrich(prng: Prng, provider: string, type: IndicatorType, value: string, subject: Subject, seenAtMs: number): ProviderResult {
    const enrichedAtMs = seenAtMs + prng.int(20, 400) * 1000;
    // A few lookups fail the way real providers do (quota, timeouts), so clients meet partial enrichment.
    if (prng.bool(0.05)) {
      return { provider, status: 'failed', extracted: {}, enrichedAtMs, errorMessage: prng.pick(['HTTP 429: quota exceeded', 'timeout after 10s', 'HTTP 503 from provider']), cacheHit: false };
    }
    const bad = subject.malice === 'Malicious';
    const iffy = subject.malice === 'Suspicious';
    const extracted: Record<string, unknown> = (() => {
      switch (provider) {
        case 'virustotal': {
          const malicious = bad ? prng.int(18, 64) : iffy ? prng.int(1, 6) : 0;
          return {
            malicious_count: malicious,
            suspicious_count: bad || iffy ? prng.int(0, 5) : 0,
            harmless_count: prng.int(bad ? 0 : 55, bad ? 12 : 80),
            undetected_count: prng.int(4, 20),
            reputation: bad ? -prng.int(20, 90) : iffy ? -prng.int(0, 15) : prng.int(0, 40),
            last_analysis_date: Math.floor((seenAtMs - prng.int(1, 72) * HOUR) / 1000),
            ...(subject.file?.family ? { popular_threat_label: subject.file.family.toLowerCase().replace(/\s+/g, '-') } : {}),
            ...(type === 'domain' && subject.domain ? { creation_date: Math.floor((seenAtMs - subject.domain.registeredDaysAgo * 24 * HOUR) / 1000) } : {}),
            link: `https://www.virustotal.com/gui/search/${encodeURIComponent(value)}`,
          };
        }
        case 'abuseipdb':
          return {
            abuse_confidence_score: bad ? prng.int(75, 100) : iffy ? prng.int(20, 74) : prng.int(0, 5),
            total_reports: bad ? prng.int(40, 2400) : iffy ? prng.int(3, 60) : prng.int(0, 2),
            country_code: subject.ip?.country ?? null,
            isp: subject.ip?.asOrg ?? null,
            usage_type: subject.ip?.profile === 'cloud' || subject.ip?.profile === 'cdn' ? 'Data Center/Web Hosting/Transit' : 'Fixed Line ISP',
            is_tor: subject.ip?.profile === 'tor_exit',
            last_reported_at: new Date(seenAtMs - prng.int(1, 48) * HOUR).toISOString(),
          };
        case 'greynoise':
          return {
            classification: bad ? 'malicious' : iffy ? 'unknown' : 'benign',
            noise: subject.ip?.profile === 'scanner' || subject.ip?.profile === 'tor_exit',
            riot: subject.ip?.profile === 'cdn' || subject.ip?.profile === 'saas',
            name: subject.ip?.profile === 'tor_exit' ? 'Tor' : subject.ip?.asOrg ?? 'unknown',
            last_seen: new Date(seenAtMs - prng.int(0, 6) * HOUR).toISOString().slice(0, 10),
          };
        case 'urlscan':
          return {
            verdict_malicious: bad,
            score: bad ? prng.int(70, 100) : iffy ? prng.int(20, 60) : 0,
            tags: subject.domain?.profile === 'phishing' ? ['phishing', 'credential-harvesting'] : subject.domain?.profile === 'c2' ? ['c2'] : [],
            screenshot: `https://urlscan.io/screenshots/${prng.uuid()}.png`,
          };
        default:
          return {
            user_status: 'ACTIVE',
            mfa_factors: prng.pick([['push'], ['push', 'totp'], ['webauthn']]),
            last_login: new Date(seenAtMs - prng.int(5, 600) * MINUTE).toISOString(),
            groups: prng.sample(['Everyone', 'Finance', 'Engineering', 'VPN Users', 'Admins'], prng.int(1, 3)),
          };
      }
    })();
    return { provider, status: 'success', extracted, enrichedAtMs, errorMessage: null, cacheHit: prng.bool(0.3) };
  }
}
