/** Raised when a doctor step runs out of its time budget. */
export class StepTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'StepTimeoutError';
  }
}

/**
 * Resolves with the promise or rejects with StepTimeoutError after `ms`. `onTimeout` releases what
 * the step holds (a socket); a step that cannot be cancelled (a DNS lookup) is simply abandoned.
 */
export function withinMs<T>(promise: Promise<T>, ms: number, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(new StepTimeoutError(ms));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Milliseconds since `started`, rounded for reports. */
export function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
