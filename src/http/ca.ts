import { readFileSync } from 'node:fs';

/**
 * Extra trusted CAs, read explicitly: NODE_EXTRA_CA_CERTS is only honoured by Node at process start,
 * and GUI hosts often set it too late or not at all. Undefined when neither is set.
 */
export function extraCertificates(options: { caFile?: string; env: NodeJS.ProcessEnv }): string[] | undefined {
  const files = [options.caFile, options.env.NODE_EXTRA_CA_CERTS].filter((f): f is string => Boolean(f));
  if (files.length === 0) return undefined;
  return files.map((file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`cannot read CA file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  });
}
