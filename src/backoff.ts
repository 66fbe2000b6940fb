/** How long to wait between attempts: doubling from `baseMs`, never above `capMs`. */
export interface Backoff {
  readonly baseMs: number;
  readonly capMs: number;
}

/** The wait before retry number `attempt` (1 for the first retry after a failure). */
export function backoffDelayMs(attempt: number, { baseMs, capMs }: Backoff): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
