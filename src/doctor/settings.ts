import { readFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import { maskSecret } from '../config/mask.js';
import type { Settings, SettingSource } from '../config/settings.js';
import { combine, fail, ok, warn } from './outcome.js';
import type { CheckOutcome, DoctorContext } from './types.js';

const INSTALL_HINT = 'socbridge install --host <id> --url … --api-key … (stores both in a profile)';

/**
 * Every setting serve would run with and where it came from, the key masked; then what cannot
 * work as configured: no URL, no key, a key of the wrong shape, a CA file that is not a PEM bundle.
 */
export async function checkSettings(ctx: DoctorContext, settingsError: string | undefined): Promise<CheckOutcome> {
  if (settingsError) return fail(settingsError, 'correct or unset that value; `socbridge doctor --help` lists every setting and its variables');
  const { resolved, connector } = ctx.facts;
  if (!resolved || !connector) return fail('settings could not be resolved', 'report this as a socbridge bug');
  const { values, sources } = resolved;
  const listing = (Object.keys(values) as Array<keyof Settings>).map((key) => `${key}=${shown(key, values)} (${describeSource(sources[key])})`).join(', ');
  const lead = resolved.profile ? `profile "${resolved.profile}": ${listing}` : listing;

  const problems: CheckOutcome[] = [];
  if (!values.url) problems.push(fail(`no ${connector.label} URL is configured`, `pass --url https://…, set SOCBRIDGE_URL, or run ${INSTALL_HINT}`));
  if (!values.apiKey) problems.push(fail(`no API key is configured`, `set SOCBRIDGE_API_KEY, pass --api-key, or run ${INSTALL_HINT}`));
  const format = connector.doctor?.auth.keyFormat;
  if (values.apiKey && format && !format.pattern.test(values.apiKey)) {
    problems.push(warn(`the key is not in the form of ${connector.label} API keys (${format.description}): a truncated paste, or another kind of token`, `copy the whole key again, or mint a new ${connector.label} API key`));
  }
  const caFiles: Array<[string, string | undefined]> = [
    [`caFile (${describeSource(sources.caFile)})`, values.caFile],
    ['NODE_EXTRA_CA_CERTS', ctx.input.env.NODE_EXTRA_CA_CERTS || undefined],
  ];
  for (const [label, file] of caFiles) {
    if (file) problems.push(await checkCaFile(label, file));
  }
  return combine(problems, lead);
}

function shown(key: keyof Settings, values: Settings): string {
  const value = values[key];
  if (value === undefined) return 'unset';
  if (key === 'apiKey') return maskSecret(String(value));
  if (key === 'url') return withoutPassword(String(value));
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

function withoutPassword(raw: string): string {
  const url = new URL(raw);
  if (!url.password) return raw;
  url.password = '***';
  return url.href.replace(/\/$/, '');
}

function describeSource(source: SettingSource): string {
  if (source.startsWith('env:')) return `env ${source.slice(4)}`;
  if (source.startsWith('profile:')) return `profile ${source.slice(8)}`;
  return source;
}

/** A CA bundle must be readable PEM with at least one certificate, or every TLS connection fails. */
async function checkCaFile(label: string, file: string): Promise<CheckOutcome> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return fail(`${label} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, 'fix the path (an absolute one: hosts start socbridge in another directory) or the file permissions');
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const valid = blocks.filter((pem) => {
    try {
      new X509Certificate(pem);
      return true;
    } catch {
      return false; // counted below as a block that does not parse
    }
  });
  if (valid.length === 0) return fail(`${label} ${file} holds no PEM certificate`, 'export the CA certificate as PEM (-----BEGIN CERTIFICATE-----), e.g. `openssl x509 -inform der -in ca.cer -out ca.pem`');
  if (valid.length < blocks.length) return warn(`${label} ${file}: ${blocks.length - valid.length} of ${blocks.length} certificates do not parse`, 're-export the bundle as PEM');
  return ok(`${label} ${file}: ${valid.length} certificate(s)`);
}
