/**
 * `--prefix`: remote tool and prompt names get a namespace so several bridges in one host never
 * collide (`saltare` → `saltare_search_documents`). Resource URIs are already namespaced by their
 * scheme and stay as the remote wrote them.
 */
export interface Naming {
  served(remoteName: string): string;
  /** The remote name behind a served one; undefined when it does not carry the prefix. */
  remote(servedName: string): string | undefined;
}

export function createNaming(prefix: string | undefined): Naming {
  if (!prefix) return { served: (name) => name, remote: (name) => name };
  const head = /[_.-]$/.test(prefix) ? prefix : `${prefix}_`;
  return {
    served: (name) => `${head}${name}`,
    remote: (name) => (name.startsWith(head) ? name.slice(head.length) : undefined),
  };
}
