import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * A bridge is a long-lived process on a laptop that also runs the host, an IDE and a browser, so
 * resident memory counts for more than the last few percent of throughput. Under 16 calls in
 * flight, V8's defaults let RSS climb to 110-160 MB, nearly all of it collectable garbage: a
 * young generation grown to 16 MB and old-space headroom. Measured (BENCHMARKS.md), serve keeps:
 * - V8's memory-saving mode (`--optimize-for-size`): small old-space headroom;
 * - a young generation capped at YOUNG_GENERATION_CAP (below): at 2 MB, scavenges cost a third
 *   more CPU per call; at 8 MB, RSS is 5-8 MB higher; 4 MB is where both targets hold.
 * Node offers no run-time limit for the young generation (--max-semi-space-size works only on
 * node's command line, which a host's `npx socbridge serve` cannot pass), but V8 reads
 * --semi-space-growth-factor each time it considers growing it: growth is switched off at the
 * cap and on again below it (V8 shrinks the space when the process goes quiet).
 */
export const SERVE_V8_FLAGS: readonly string[] = ['--optimize-for-size', '--semi-space-growth-factor=1'];

const YOUNG_GENERATION_CAP = 4 * 1024 * 1024;

/**
 * The flags serve starts with. The launcher sets them before it compiles anything, because V8
 * stamps its flags into a code cache and refuses a cache made under others (src/launch/).
 */
export function preferSmallHeap(): void {
  for (const flag of SERVE_V8_FLAGS) setFlagsFromString(flag);
}

/**
 * From `afterMs` on, lets the young generation grow to the cap and no further, checked after
 * every garbage collection. Start-up runs at the smallest size (growth off), which costs it
 * nothing measurable.
 */
export function capYoungGeneration(afterMs = 500): void {
  setTimeout(() => {
    void import('node:perf_hooks').then(({ PerformanceObserver }) => {
      let growing = false;
      const adjust = () => {
        const size = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
        const grow = size < YOUNG_GENERATION_CAP;
        if (grow === growing) return;
        growing = grow;
        setFlagsFromString(`--semi-space-growth-factor=${grow ? 2 : 1}`);
      };
      new PerformanceObserver(adjust).observe({ entryTypes: ['gc'] });
      adjust();
    });
  }, afterMs).unref();
}
