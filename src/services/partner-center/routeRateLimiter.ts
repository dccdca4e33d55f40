import PQueue from 'p-queue';

/**
 * Client-side pacing of Partner Center calls, one queue per route family (DESIGN §3). Partner Center
 * throttles writes sooner than reads and per family, so one busy family must not starve another.
 * A 429 is the backstop, not the plan: calls keep to the configured rate in half-second windows
 * (p-queue's strict sliding window), and a 429's `Retry-After` pauses the whole family, not just the one call.
 */

export const RouteFamily = {
  subscriptions: 'subscriptions',
  licenseUpdates: 'licenseUpdates',
  orders: 'orders',
  reads: 'reads',
} as const;
export type RouteFamily = (typeof RouteFamily)[keyof typeof RouteFamily];

export interface RouteRateLimits {
  /** Requests per second Partner Center allows this partner for each family. */
  perSecond: Record<RouteFamily, number>;
  /** This instance's share of each limit (0 < share ≤ 1) when several instances run. Default 1. */
  instanceShare?: number;
  /** Calls in flight per family at most; bounds sockets and memory. Default 64. */
  maxConcurrency?: number;
  /**
   * Pacing window: up to `rate × window` calls may leave together, and no window carries more. Default
   * 500 ms, so a conversation's parallel reads leave at once (one round trip per turn, not one per
   * 1/rate s) while a burst stays within half of a one-second token bucket. A partner whose limits allow
   * no burst sets it small (e.g. 50 ms: calls evenly spread).
   */
  burstWindowInMs?: number;
}

/** Paces calls per route family. */
export class RouteRateLimiter {
  private readonly queues = new Map<RouteFamily, PQueue>();
  private readonly resumeTimers = new Map<RouteFamily, NodeJS.Timeout>();

  constructor(private readonly limits: RouteRateLimits) {
    const share = limits.instanceShare ?? 1;
    if (!(share > 0 && share <= 1)) throw new RangeError(`instanceShare must be in (0, 1], got ${share}`);
    for (const family of Object.values(RouteFamily)) {
      const rate = limits.perSecond[family] * share;
      if (!(rate > 0)) throw new RangeError(`rate for ${family} must be positive, got ${rate}`);
      // intervalCap ≥ 1 because p-queue counts whole calls.
      const intervalCap = Math.max(1, Math.floor((rate * (limits.burstWindowInMs ?? 500)) / 1000));
      this.queues.set(
        family,
        new PQueue({
          concurrency: limits.maxConcurrency ?? 64,
          intervalCap,
          interval: (intervalCap * 1000) / rate,
          strict: true,
        }),
      );
    }
  }

  /** Runs `call` when the family has room. Each attempt of a retried call goes through here again. */
  async schedule<T>(family: RouteFamily, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.queueOf(family).add(call, { signal });
  }

  /** Pauses a family after Partner Center said "too many requests", for as long as it asked. */
  backOff(family: RouteFamily, delayInMs: number): void {
    const queue = this.queueOf(family);
    queue.pause();
    const existing = this.resumeTimers.get(family);
    if (existing) clearTimeout(existing);
    const timer = setTimeout(() => {
      this.resumeTimers.delete(family);
      queue.start();
    }, delayInMs);
    timer.unref();
    this.resumeTimers.set(family, timer);
  }

  /** Calls waiting or running, per family (for diagnostics and tests). */
  pending(family: RouteFamily): number {
    const queue = this.queueOf(family);
    return queue.size + queue.pending;
  }

  private queueOf(family: RouteFamily): PQueue {
    const queue = this.queues.get(family);
    if (!queue) throw new Error(`unknown route family ${family}`);
    return queue;
  }
}
