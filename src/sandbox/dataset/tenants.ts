import { Prng } from './prng.js';
import type { Tenant } from './types.js';

/** Two tenants: every sandbox key belongs to the first; the second exists to prove isolation. */
export function buildTenants(seed: string): Tenant[] {
  const prng = new Prng(seed, 'tenants');
  return [
    { id: prng.uuid(), name: 'Example Corp', slug: 'example-corp', custId: prng.hex(32), group: 'Root' },
    { id: prng.uuid(), name: 'Sample Holdings', slug: 'sample-holdings', custId: prng.hex(32), group: 'MSSP Customers' },
  ];
}
