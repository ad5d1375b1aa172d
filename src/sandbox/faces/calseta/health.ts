import type { CalsetaRoute } from './call.js';
import { PROVIDERS } from './enrichments.js';

/** The version Calseta's source (commit 606757e, shared/backends/calseta.md) reports: its OpenAPI `info.version`. */
export const CALSETA_VERSION = 'dev';

export const healthRoutes: CalsetaRoute[] = [
  {
    method: 'GET',
    pattern: '/health',
    public: true,
    handler: (state) => ({
      body: {
        status: 'ok',
        version: CALSETA_VERSION,
        database: 'ok',
        queue: 'ok',
        queue_depth: state.queueDepth(),
        enrichment_providers: Object.fromEntries(PROVIDERS.map((p) => [p.name, 'configured'])),
      },
    }),
  },
];
