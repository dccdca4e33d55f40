import type { ICacheClient } from '@azure/msal-node';

import { ConcurrencyError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { BlobTokenCacheStore, StoredTokenCache } from './blobTokenCacheStore.js';
import { mergeTokenCaches } from './tokenCacheMerge.js';

/** msal-node's serialized cache with nothing in it. */
const EMPTY_CACHE = JSON.stringify({
  Account: {},
  IdToken: {},
  AccessToken: {},
  RefreshToken: {},
  AppMetadata: {},
});

/** Lost races in a row before a write gives up (another instance keeps writing the same person). */
const MAX_WRITE_ATTEMPTS = 5;

/**
 * msal-node's `ICacheClient` for one person's client: `DistributedCachePlugin` calls `get` before MSAL
 * reads its cache and `set` after MSAL changed it. This client remembers what it last read (content and
 * eTag) so `set` writes only over that version; when another instance wrote in between, it re-reads,
 * merges (`mergeTokenCaches`) and tries again. What it remembers is one read-modify-write's, so calls on
 * one instance must not overlap (`PersistedTokenCache` runs one acquisition per person at a time).
 */
export class BlobTokenCacheClient implements ICacheClient {
  private readonly read = new Map<string, StoredTokenCache>();

  constructor(
    private readonly store: BlobTokenCacheStore,
    private readonly logger: Logger,
  ) {}

  /**
   * The partition as msal should hold it. A missing or unreadable partition comes back as an explicitly
   * empty cache, not '': msal ignores '' and would keep what its memory held, while an empty cache
   * replaces it, so after every load the client holds exactly what the partition holds.
   */
  async get(key: string): Promise<string> {
    const stored = await this.store.read(key);
    this.read.set(key, stored);
    return stored.cache === '' ? EMPTY_CACHE : stored.cache;
  }

  /**
   * Writes MSAL's new state for the partition. A storage failure is logged and swallowed: the token
   * MSAL just obtained is still good for this call; only another instance's renewal misses it.
   */
  async set(key: string, value: string): Promise<string> {
    try {
      await this.save(key, value);
    } catch (error) {
      // Never the value or the error's request details: only what kind of failure it was.
      this.logger.warn(
        { errorName: error instanceof Error ? error.name : typeof error, code: errorCode(error) },
        'Token cache partition not saved; another instance cannot renew from this change',
      );
    }
    return value;
  }

  private async save(key: string, value: string): Promise<void> {
    let base = this.read.get(key) ?? (await this.store.read(key));
    let ours = value;
    for (let attempt = 1; ; attempt++) {
      try {
        const etag = await this.store.write(key, ours, base.etag);
        this.read.set(key, { cache: ours, etag });
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= MAX_WRITE_ATTEMPTS) throw error;
        const latest = await this.store.read(key);
        ours = mergeTokenCaches({ base: base.cache, ours, theirs: latest.cache });
        base = latest;
      }
    }
  }
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}
