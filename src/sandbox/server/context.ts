import type { SandboxClock } from '../dataset/clock.js';
import { Prng } from '../dataset/prng.js';
import type { Dataset } from '../dataset/types.js';
import { Lake } from '../lake/lake.js';
import type { KeyTable } from './keys.js';

/** What every face shares: the dataset (and what live activity adds to it), keys, clock and lake. */
export class SandboxContext {
  /** Ids minted at run time (live runs, audit rows) follow the seed too, in request order. */
  readonly ids: Prng;
  private readonly lakes = new Map<string, Promise<Lake>>();

  constructor(
    readonly dataset: Dataset,
    readonly keys: KeyTable,
    readonly clock: SandboxClock,
    readonly runStepMs: number,
  ) {
    this.ids = new Prng(dataset.seed, 'runtime-ids');
  }

  /** The tenant's lake, built on first use (sql.js loads only when someone queries). */
  lake(tenantId: string): Promise<Lake> {
    let lake = this.lakes.get(tenantId);
    if (!lake) {
      lake = Lake.open(this.dataset, tenantId);
      lake.catch(() => this.lakes.delete(tenantId));
      this.lakes.set(tenantId, lake);
    }
    return lake;
  }

  async close(): Promise<void> {
    const lakes = await Promise.allSettled(this.lakes.values());
    for (const result of lakes) if (result.status === 'fulfilled') result.value.close();
    this.lakes.clear();
  }
}
