import { z } from 'zod';
import type { HttpClient } from '../../../http/types.js';
import { defineTool, type ToolOutput } from '../../types.js';
import { READ_ONLY } from '../annotations.js';
import { getData, send } from '../envelope.js';
import { providerVerdict } from '../shape.js';
import { INDICATOR_TYPES, type IndicatorType } from '../vocabulary.js';
import type { Json, WireEnrichment } from '../wire.js';

/** Calseta's key for the result it sends instead of provider results when it refuses to look something up. */
const VALIDATION_KEY = '_validation';

export const enrichIndicator = defineTool({
  name: 'calseta_enrich_indicator',
  title: 'Enrich an indicator',
  description:
    'Look up one indicator (IP, domain, hash, URL, email, account) with every enrichment provider Calseta has configured (VirusTotal, AbuseIPDB, Okta, Entra…), cache first, ' +
    'and return each provider’s verdict summarized: status (success, failed, skipped), key facts, errors, cache hits. ' +
    'Private IP addresses and internal domains are never sent to providers: Calseta skips them and the result says so. Changes nothing in Calseta. ' +
    'Next: calseta_list_enrichment_providers to see which providers handle which types.',
  input: z
    .object({
      type: z.enum(INDICATOR_TYPES).describe('Indicator type: ip, domain, hash_md5, hash_sha1, hash_sha256, url, email or account.'),
      value: z.string().trim().min(1).max(2048).describe('The indicator itself, e.g. 203.0.113.7, evil.example.com or a hash.'),
    })
    .strict(),
  annotations: READ_ONLY,
  scope: 'enrichments:read',
  writes: false,
  run: async (args, ctx) => enrichNow(ctx.http, args.type, args.value),
});

/** POST, but a lookup: Calseta caches results and changes no record, so a retry is safe. */
export async function enrichNow(http: HttpClient, type: IndicatorType, value: string): Promise<ToolOutput> {
  const { data } = await send<WireEnrichment>(http, { method: 'POST', path: '/enrichments', body: { type, value }, idempotent: true });
  const results = data.results ?? {};
  const skipped = results[VALIDATION_KEY];
  if (skipped) {
    return {
      type: data.type,
      value: data.value,
      enriched: false,
      skipped: true,
      reason: skipped.error_message ?? stringField(skipped.extracted, 'reason') ?? 'private or internal indicator',
      explanation:
        'Calseta does not send private IP addresses (RFC 1918, loopback, link-local) or internal domains to third-party providers, so there is no provider verdict. ' +
        'Judge it from internal context instead: the alert’s other indicators, calseta_get_alert_activity, or your own asset inventory.',
    };
  }
  const providers: Json = {};
  for (const [name, result] of Object.entries(results)) providers[name] = providerVerdict(result);
  const statuses = Object.values(providers).map((p) => (p as Json).status);
  return {
    type: data.type,
    value: data.value,
    enriched_at: data.enriched_at,
    enriched: statuses.includes('success'),
    providers,
    ...(statuses.length === 0 ? { note: `No configured provider handles ${type} indicators; see calseta_list_enrichment_providers.` } : {}),
  };
}

function stringField(record: Json | null | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' ? value : undefined;
}

export const listEnrichmentProviders = defineTool({
  name: 'calseta_list_enrichment_providers',
  title: 'List enrichment providers',
  description:
    'List the enrichment providers this Calseta knows: name, display name, the indicator types each supports, whether it is configured (has credentials) and how long results are cached. ' +
    'Use it to tell an empty enrichment from an unconfigured provider. Next: calseta_enrich_indicator.',
  input: z.object({}).strict(),
  annotations: READ_ONLY,
  scope: 'enrichments:read',
  writes: false,
  async run(_args, ctx) {
    const { data } = await getData<Json[]>(ctx.http, '/enrichments/providers');
    return { items: data, total: data.length, truncated: false };
  },
});
