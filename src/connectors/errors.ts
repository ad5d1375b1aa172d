/**
 * A call refused before any request because its arguments are wrong in a way the schema cannot
 * express (a lake query that writes, `Closed` without a classification). The message tells the
 * model exactly what to change; it becomes an `isError` result.
 */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}
