/** How long to wait before each reconnection attempt: doubling from `firstMs`, never more than `maxMs`. */
export interface Backoff {
  readonly firstMs: number;
  readonly maxMs: number;
}

// Quick enough that a restarted server is found within seconds, slow enough not to spin while it is down.
export const DEFAULT_BACKOFF: Backoff = { firstMs: 250, maxMs: 5000 };

/** The wait before attempt `attempt` (0 for the first retry after a close). */
export function reconnectDelay(attempt: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.min(attempt, 30));
}
