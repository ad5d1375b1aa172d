import type { Prompt, Resource, ResourceTemplateType as ResourceTemplate, Tool } from '@modelcontextprotocol/client';
import type { Logger } from '../server/logger.js';
import type { RemoteConnection } from './connection.js';
import type { RemoteSession } from './session.js';

export type ListName = 'tools' | 'resources' | 'resourceTemplates' | 'prompts';

interface ListItems {
  tools: Tool;
  resources: Resource;
  resourceTemplates: ResourceTemplate;
  prompts: Prompt;
}

/** How each list is fetched, and the capability a remote must declare to have it. */
const LISTS: { [L in ListName]: { method: string; capability: 'tools' | 'resources' | 'prompts' } } = {
  tools: { method: 'tools/list', capability: 'tools' },
  resources: { method: 'resources/list', capability: 'resources' },
  resourceTemplates: { method: 'resources/templates/list', capability: 'resources' },
  prompts: { method: 'prompts/list', capability: 'prompts' },
};

/** A remote whose cursors never converge must not keep a host's `tools/list` waiting forever. */
const MAX_PAGES = 64;

/**
 * The remote's catalog as last fetched: every page of each list, kept until the remote says the
 * list changed or socbridge reconnects, so the host's list requests cost no round trip. While the
 * remote is down the last copy keeps being served (calls explain the outage).
 */
export class RemoteCatalog {
  private readonly cache = new Map<ListName, Promise<unknown[]>>();
  private readonly fetched = new Map<ListName, string>();

  constructor(
    private readonly connection: RemoteConnection,
    private readonly options: { waitMs: number; timeoutMs: number; logger: Logger; onChanged(list: ListName): void },
  ) {}

  /** Whether a list was ever fetched (the host has seen the remote's catalog). */
  has(list: ListName): boolean {
    return this.fetched.has(list);
  }

  async list<L extends ListName>(list: L): Promise<Array<ListItems[L]>> {
    let pending = this.cache.get(list);
    if (!pending) {
      pending = this.connection.run((session) => this.fetch(session, list), { waitMs: this.options.waitMs });
      this.cache.set(list, pending);
      // A failed fetch must not be served from the cache: the next request tries again.
      pending.catch(() => this.cache.get(list) === pending && this.cache.delete(list));
    }
    const items = await pending;
    this.fetched.set(list, JSON.stringify(items));
    return items as Array<ListItems[L]>;
  }

  /** The remote said a list changed: drop it and tell the host. */
  changed(list: ListName): void {
    this.cache.delete(list);
    if (list === 'resources') this.cache.delete('resourceTemplates');
    this.options.onChanged(list);
  }

  /**
   * After a reconnect the remote may have changed while we were away (a redeploy, a new key
   * scope): refetch what the host has seen and tell it about each list that differs.
   */
  async refresh(): Promise<void> {
    const seen = [...this.fetched.keys()];
    this.cache.clear();
    for (const list of seen) {
      const before = this.fetched.get(list);
      try {
        const after = JSON.stringify(await this.list(list));
        if (after !== before) this.options.onChanged(list);
      } catch (error) {
        this.options.logger.debug(`refreshing the remote ${list} after reconnecting failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private async fetch(session: RemoteSession, list: ListName): Promise<unknown[]> {
    const { method, capability } = LISTS[list];
    if (!session.client.getServerCapabilities()?.[capability]) return [];
    const items: unknown[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = (await session.client.request(
        { method: method as 'tools/list', params: cursor ? { cursor } : {} },
        { timeout: this.options.timeoutMs },
      )) as unknown as Record<string, unknown> & { nextCursor?: string };
      items.push(...((result[list] as unknown[] | undefined) ?? []));
      cursor = result.nextCursor;
      if (!cursor) return items;
    }
    this.options.logger.warn(`the remote's ${method} kept paginating past ${MAX_PAGES} pages; serving the first ${items.length} entries`);
    return items;
  }
}
