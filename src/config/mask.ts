const KNOWN_PREFIXES = ['aisoc_', 'cai_'];

/**
 * Shows a key the way people recognise it without revealing it: the vendor prefix, then at most
 * the first 2 and last 4 characters of the secret part (`cai_ab…9xQ2`). Short keys show nothing.
 */
export function maskSecret(secret: string): string {
  const prefix = KNOWN_PREFIXES.find((p) => secret.startsWith(p)) ?? '';
  const body = secret.slice(prefix.length);
  if (body.length < 12) return `${prefix}…`;
  return `${prefix}${body.slice(0, 2)}…${body.slice(-4)}`;
}

/** Replaces every occurrence of any given secret in a text (a last line of defence for messages). */
export function redactSecrets(text: string, secrets: Array<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 6) out = out.split(secret).join(maskSecret(secret));
  }
  return out;
}
