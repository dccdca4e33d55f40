import { LRUCache } from 'lru-cache';
import type { Availability } from '../partner-center/models.js';

/**
 * Product availabilities per market, shared by every planner. The catalog of what is sold where
 * changes rarely, yet every comparison asks for up to eight products: cached, a comparison needs no
 * catalog reads at all once its market has been seen, which keeps a turn inside the read limit and
 * its latency to one round of Partner Center calls. Failures are not kept.
 */
export class AvailabilityCache {
  private readonly entries: LRUCache<string, Promise<Availability[]>>;

  constructor(options: { ttlInMs?: number; maxEntries?: number } = {}) {
    this.entries = new LRUCache({ max: options.maxEntries ?? 5_000, ttl: options.ttlInMs ?? 10 * 60_000 });
  }

  /** The cached answer for (market, product, SKU), or `load()`'s, kept when it succeeds. */
  get(
    country: string,
    productId: string,
    skuId: string,
    load: () => Promise<Availability[]>,
  ): Promise<Availability[]> {
    const key = `${country.toUpperCase()}|${productId.toUpperCase()}|${skuId.toUpperCase()}`;
    const cached = this.entries.get(key);
    if (cached) return cached;
    const pending = load();
    this.entries.set(key, pending);
    pending.catch(() => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    });
    return pending;
  }
}
