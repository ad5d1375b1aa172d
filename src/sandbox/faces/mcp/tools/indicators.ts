import { isIP } from 'node:net';
import { z } from 'zod';
import type { Indicator, IndicatorType } from '../../../dataset/types.js';
import { indicatorView } from '../shapes.js';
import { defineTool, ok, READ, refuse } from './define.js';

const TYPES = ['ip', 'domain', 'hash_md5', 'hash_sha1', 'hash_sha256', 'url', 'email', 'account'] as const satisfies readonly IndicatorType[];

/** What a value of each type must look like; a mismatch is the caller's mistake, said plainly. */
const FORMS: Record<IndicatorType, { test: (v: string) => boolean; form: string }> = {
  ip: { test: (v) => isIP(v) !== 0, form: 'an IPv4 or IPv6 address' },
  domain: { test: (v) => /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(v), form: 'a domain name such as example.com' },
  hash_md5: { test: (v) => /^[0-9a-f]{32}$/i.test(v), form: '32 hex characters' },
  hash_sha1: { test: (v) => /^[0-9a-f]{40}$/i.test(v), form: '40 hex characters' },
  hash_sha256: { test: (v) => /^[0-9a-f]{64}$/i.test(v), form: '64 hex characters' },
  url: { test: (v) => URL.canParse(v) && /^https?:/i.test(v), form: 'an http(s) URL' },
  email: { test: (v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v), form: 'an email address' },
  account: { test: (v) => v.length > 0, form: 'an account name' },
};

export const enrichIndicator = defineTool({
  name: 'enrich_indicator',
  title: 'Enrich indicator',
  description:
    'Threat-intel verdict for an IP, domain, hash, URL, email or account seen in this workspace: malice (Benign, Suspicious, Malicious, Pending), first/last seen and each provider\'s result. A value never seen here comes back with found=false and malice Pending.',
  scope: 'mcp:tools:read',
  annotations: READ,
  input: z.object({ type: z.enum(TYPES), value: z.string().trim().min(1).max(2048) }),
  run(args, env) {
    const form = FORMS[args.type];
    if (!form.test(args.value)) return refuse(`"${args.value}" is not a valid ${args.type}: expected ${form.form}. Check the indicator type.`);
    const wanted = args.type === 'url' || args.type === 'account' ? args.value : args.value.toLowerCase();
    let match: Indicator | undefined;
    for (const alert of env.dataset.alerts) {
      if (alert.tenantId !== env.principal.tenantId) continue;
      match = alert.indicators.find((i) => i.type === args.type && (i.type === 'url' || i.type === 'account' ? i.value : i.value.toLowerCase()) === wanted);
      if (match) break;
    }
    if (!match) return ok({ type: args.type, value: args.value, found: false, malice: 'Pending' });
    return ok({ found: true, ...indicatorView(match) });
  },
});
