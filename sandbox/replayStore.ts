import type { PcResult } from './pcErrors.js';

/**
 * Completed outcomes of mutating calls, keyed by (MS-RequestId, method, path). Partner Center calls
 * `MS-RequestId` the idempotency key but doesn't document replays; the sandbox answers a repeat with the
 * first answer and does not act again. Only completed outcomes are kept (2xx and business 4xx): a 429
 * or 5xx left nothing done, so a retry gets a fresh try.
 */
export class ReplayStore {
  private readonly outcomes = new Map<string, PcResult>();

  /** Oldest outcomes are forgotten past this many (a long benchmark stays bounded). */
  constructor(private readonly capacity = 200_000) {}

  /** The key of a call. */
  static key(requestId: string, method: string, path: string): string {
    return `${requestId}\u0000${method.toUpperCase()}\u0000${path}`;
  }

  /** The stored outcome of a call, if any. */
  get(key: string): PcResult | undefined {
    return this.outcomes.get(key);
  }

  /** Stores an outcome if it is one that may be replayed; returns whether it was stored. */
  remember(key: string, result: PcResult): boolean {
    if (result.status === 429 || result.status >= 500) return false;
    this.outcomes.set(key, result);
    if (this.outcomes.size > this.capacity) {
      const oldest = this.outcomes.keys().next();
      if (!oldest.done) this.outcomes.delete(oldest.value);
    }
    return true;
  }

  /** Number of stored outcomes. */
  get size(): number {
    return this.outcomes.size;
  }
}
