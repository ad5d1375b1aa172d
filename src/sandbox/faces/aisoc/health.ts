import type { AisocRoute } from './call.js';

/** The AiSOC API version the sandbox's face follows (docs/openapi.yaml of minhsys/AiSOC@06fbfdd). */
export const AISOC_API_VERSION = '1.0.0';

export const healthRoutes: AisocRoute[] = [
  {
    method: 'GET',
    pattern: '/health',
    public: true,
    handler: () => ({
      body: { status: 'healthy', service: 'aisoc-api', version: AISOC_API_VERSION, airgap: { enabled: false, egress: 'allowed', llm_provider: 'sandbox' }, demo_bootstrap: false },
    }),
  },
];
