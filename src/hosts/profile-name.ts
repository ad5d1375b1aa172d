import { PROFILE_NAME_PATTERN } from '../config/profiles.js';

/**
 * One profile per backend and URL, named so a person recognises it in list-paths and in the
 * host's config: `aisoc-soc.example.com`, `calseta-10.0.0.5-8443-tenant-a`.
 */
export function profileNameFor(backend: string, url: string): string {
  const parsed = new URL(url);
  const parts = [backend, parsed.hostname.replace(/^\[|\]$/g, ''), parsed.port, ...parsed.pathname.split('/')];
  const name = parts
    .filter(Boolean)
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64)
    .replace(/[-.]+$/, '');
  return PROFILE_NAME_PATTERN.test(name) ? name : backend;
}
