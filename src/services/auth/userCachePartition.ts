import type { IPartitionManager } from '@azure/msal-node';

/** msal-node's account entity as `IPartitionManager` receives it (the type is not exported by name). */
type CachedAccountEntity = Parameters<IPartitionManager['extractKey']>[0];

/**
 * msal-node's `IPartitionManager` bound to one person: `DistributedCachePlugin` reads and writes only
 * that person's partition. Built together with a client that only ever handles that person's
 * assertions, so every account the client caches is theirs.
 */
export class UserCachePartition implements IPartitionManager {
  /** @param key the person's home account id (`homeAccountIdOf`). */
  constructor(readonly key: string) {}

  getKey(): Promise<string> {
    return Promise.resolve(this.key);
  }

  /**
   * The bound key, not one read from the account: locally the playground user is mapped to a demo
   * partner user (DESIGN §11) whose account has another home account id, and reads and writes must
   * still meet in the same partition. The client behind this partition never holds anyone else's
   * account, so nothing can be filed under the wrong person.
   */
  extractKey(_account: CachedAccountEntity): Promise<string> {
    return Promise.resolve(this.key);
  }
}
