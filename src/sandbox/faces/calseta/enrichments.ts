import { isInternalDomain, isPrivateIp } from '../../dataset/addresses.js';
import { iso } from '../../dataset/clock.js';
import { IndicatorFactory, PROVIDERS_BY_TYPE } from '../../dataset/indicators.js';
import type { IndicatorType } from '../../dataset/types.js';
import { BodyReader } from '../../server/validation.js';
import { readEnum } from './body.js';
import type { CalsetaCall, CalsetaRoute, Reply } from './call.js';
import { providerResult } from './shapes.js';
import { INDICATOR_TYPES } from './vocabulary.js';

const SCOPES = ['enrichments:read'];

/** The providers the sandbox's enrichment pipeline is configured with, as Calseta names them. */
export const PROVIDERS: ReadonlyArray<{ name: string; displayName: string; cacheTtlSeconds: number }> = [
  { name: 'virustotal', displayName: 'VirusTotal', cacheTtlSeconds: 86_400 },
  { name: 'abuseipdb', displayName: 'AbuseIPDB', cacheTtlSeconds: 43_200 },
  { name: 'greynoise', displayName: 'GreyNoise', cacheTtlSeconds: 43_200 },
  { name: 'urlscan', displayName: 'urlscan.io', cacheTtlSeconds: 86_400 },
  { name: 'okta', displayName: 'Okta', cacheTtlSeconds: 3_600 },
];

export function supportedTypes(provider: string): IndicatorType[] {
  return INDICATOR_TYPES.filter((type) => PROVIDERS_BY_TYPE[type].includes(provider));
}

/** Calseta never sends private addresses or internal names to a provider. */
function isInternal(type: IndicatorType, value: string): boolean {
  if (type === 'ip') return isPrivateIp(value);
  if (type === 'domain') return isInternalDomain(value);
  return false;
}

function enrich(call: CalsetaCall): Reply {
  const b = new BodyReader(call.body);
  const type = readEnum(b, 'type', INDICATOR_TYPES);
  const value = b.string('value', { required: true, min: 1 });
  if (b.raw.type === undefined) b.issues.push({ type: 'missing', loc: ['body', 'type'], msg: 'Field required', input: b.raw });
  b.done();
  if (type === null || value === null) throw new Error('BodyReader accepted a missing required field');
  const now = call.ctx.clock.nowMs();
  if (isInternal(type, value)) {
    return {
      body: {
        data: { type, value, results: { _validation: { status: 'skipped', success: false, extracted: { reason: 'private or internal address; not sent to providers' }, enriched_at: null, error_message: null, cache_hit: false } }, enriched_at: iso(now) },
        meta: {},
      },
    };
  }
  // A value some alert already carries answers from the enrichment cache; others are looked up fresh.
  const known = call.state.alerts(call.principal.tenantId).flatMap((a) => a.indicators).find((i) => i.type === type && i.value === value);
  const results = known
    ? known.enrichment.map((r) => [r.provider, { ...providerResult(r), cache_hit: true }] as const)
    : new IndicatorFactory(call.ctx.dataset.seed, call.ctx.dataset.entities).get(type, value, now).enrichment.map((r) => [r.provider, { ...providerResult(r), cache_hit: false }] as const);
  return { body: { data: { type, value, results: Object.fromEntries(results), enriched_at: iso(now) }, meta: {} } };
}

function providers(): Reply {
  return {
    body: {
      data: PROVIDERS.map((p) => ({ provider_name: p.name, display_name: p.displayName, supported_types: supportedTypes(p.name), is_configured: true, cache_ttl_seconds: p.cacheTtlSeconds })),
      meta: {},
    },
  };
}

export const enrichmentRoutes: CalsetaRoute[] = [
  { method: 'POST', pattern: '/v1/enrichments', scopes: SCOPES, body: true, bucket: 'enrichment', handler: enrich },
  { method: 'GET', pattern: '/v1/enrichments/providers', scopes: SCOPES, handler: providers },
];
