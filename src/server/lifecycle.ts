import type { Logger } from './logger.js';

/** Serves until stdin closes or a signal arrives, then runs the cleanup steps and exits. */
export async function serveUntilStopped(logger: Logger, steps: Array<() => Promise<unknown>>): Promise<void> {

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (why: string) => {
      if (stopping) return;
      stopping = true;
      logger.debug(`shutting down (${why})`);
      void shutdown(logger, steps).then(resolve);
    };
    process.stdin.once('end', () => stop('stdin closed'));
    process.stdin.once('close', () => stop('stdin closed'));
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  // Keep-alive sockets or timers must not keep a host waiting on a server it already let go of.
  process.exit(0);
}

/** Runs each cleanup step, bounded so a stuck socket cannot hold the process open. */
async function shutdown(logger: Logger, steps: Array<() => Promise<unknown>>): Promise<void> {
  const all = Promise.allSettled(steps.map((step) => step())).then((results) => {
    for (const r of results) if (r.status === 'rejected') logger.debug(`shutdown step failed: ${String(r.reason)}`);
  });
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
}
