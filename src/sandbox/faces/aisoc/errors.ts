/** An HTTPException as FastAPI raises it: answered as `{"detail": "<message>"}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}
