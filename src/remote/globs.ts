/**
 * Shell-style name patterns for --tools / --exclude-tools: `*` matches any run of characters,
 * `?` one character, everything else itself. A pattern without wildcards is an exact name.
 */
export function globToRegExp(pattern: string): RegExp {
  const body = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`);
}

/** True when any pattern matches any of the names (a tool answers to its remote and its served name). */
export function matchesAny(patterns: readonly RegExp[], names: readonly string[]): boolean {
  return patterns.some((p) => names.some((n) => p.test(n)));
}
