/** A bad flag or argument: the CLI prints `socbridge: <message>` plus a usage line and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
