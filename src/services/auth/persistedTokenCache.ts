import { DistributedCachePlugin } from '@azure/msal-node';
import { LRUCache } from 'lru-cache';
import type {
  AccountInfo,
  AuthenticationResult,
  AuthorizationCodeRequest,
  ICachePlugin,
  OnBehalfOfRequest,
  SilentFlowRequest,
} from '@azure/msal-node';

import type { Logger } from '../logging/logger.js';
import { BlobTokenCacheClient } from './blobTokenCacheClient.js';
import type { BlobTokenCacheStore } from './blobTokenCacheStore.js';
import { homeAccountIdOf } from './delegatedClients.js';
import type { DelegatedClient, DelegatedClients } from './delegatedClients.js';
import type { PartnerUserRef } from './models.js';
import { UserCachePartition } from './userCachePartition.js';

/** The part of a `ConfidentialClientApplication` a partition's client needs. */
export interface PartitionMsalClient {
  acquireTokenOnBehalfOf(request: OnBehalfOfRequest): Promise<AuthenticationResult | null>;
  acquireTokenSilent(request: SilentFlowRequest): Promise<AuthenticationResult>;
  acquireTokenByCode(request: AuthorizationCodeRequest): Promise<AuthenticationResult>;
  getTokenCache(): {
    getAllAccounts(): Promise<AccountInfo[]>;
    removeAccount(account: AccountInfo): Promise<void>;
  };
}

export interface PersistedTokenCacheOptions {
  /** Where the encrypted partitions live. */
  store: BlobTokenCacheStore;
  /**
   * A new confidential client using `cachePlugin`, e.g.
   * `(cachePlugin) => new ConfidentialClientApplication(buildMsalConfiguration({ ...settings, cachePlugin }))`.
   * Called once per person (again after they left the in-memory LRU); building one costs no network call.
   */
  createClient: (cachePlugin: ICachePlugin) => PartitionMsalClient;
  logger: Logger;
  /** People whose client (and so msal's in-memory copy of their tokens) is kept; default 1,000. */
  maxPeopleInMemory?: number;
}

/**
 * MSAL's token cache persisted in Azure Blob, encrypted, one partition per person (DESIGN §11), so any
 * instance can renew a paused migration's delegated token from the refresh token without the person.
 *
 * One client per person, never one shared client with the plugin: a `ConfidentialClientApplication`
 * has one in-memory cache, and `DistributedCachePlugin` loads a partition into it (a missing partition
 * loads nothing, leaving the previous one in place) and saves everything in it under the key of the
 * first account it holds. With one client for everyone, person B's tokens would be saved into person
 * A's partition and A's account would be visible to B. A client bound to one person's partition only
 * ever holds that person's tokens.
 *
 * The clients are kept (least recently used first out): msal's on-behalf-of looks only at the client's
 * memory, never at the plugin, so a client per call would exchange the assertion over the network on
 * every call. Reads that must see other instances' work (silent renewal, saving a new token) load the
 * partition through the plugin first, as msal does for them.
 *
 * Acquisitions for the same person in this process run one after another, so they don't race each
 * other on the partition's eTag or redeem the same refresh token twice; other people are not held up.
 * Between instances the eTag guards the partition (`BlobTokenCacheClient`).
 */
export class PersistedTokenCache implements DelegatedClients {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly clients: LRUCache<string, DelegatedClient>;

  constructor(private readonly options: PersistedTokenCacheOptions) {
    this.clients = new LRUCache({ max: options.maxPeopleInMemory ?? 1_000 });
  }

  withClientFor<T>(user: PartnerUserRef, work: (client: DelegatedClient) => Promise<T>): Promise<T> {
    const key = homeAccountIdOf(user);
    return this.inTurn(key, () => work(this.clientFor(key)));
  }

  /**
   * Sign-out and offboarding: deletes the person's partition and drops their client, so this process
   * holds none of their tokens either. Queued behind the person's running acquisitions, so none of them
   * writes the partition back afterwards. Other instances keep their in-memory client, but every
   * renewal there loads the (now missing) partition first and finds nothing.
   * @returns whether a partition was deleted.
   * @throws RestError when storage fails: the caller must not report a sign-out that did not happen.
   */
  forget(user: PartnerUserRef): Promise<boolean> {
    const key = homeAccountIdOf(user);
    return this.inTurn(key, async () => {
      this.clients.delete(key);
      return this.options.store.remove(key);
    });
  }

  /** Runs `work` after the person's earlier work in this process, whether that succeeded or not. */
  private inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.inFlight.get(key) ?? Promise.resolve();
    const run = previous.then(work);
    // The queue goes on whether this one succeeded or not; the last one out removes the entry.
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.set(key, settled);
    void settled.then(() => {
      if (this.inFlight.get(key) === settled) this.inFlight.delete(key);
    });
    return run;
  }

  private clientFor(key: string): DelegatedClient {
    const kept = this.clients.get(key);
    if (kept) return kept;
    const client = this.newClientFor(key);
    this.clients.set(key, client);
    return client;
  }

  private newClientFor(key: string): DelegatedClient {
    const { store, createClient, logger } = this.options;
    const client = createClient(
      new DistributedCachePlugin(new BlobTokenCacheClient(store, logger), new UserCachePartition(key)),
    );
    return {
      acquireTokenOnBehalfOf: (request) => client.acquireTokenOnBehalfOf(request),
      acquireTokenSilent: (request) => client.acquireTokenSilent(request),
      acquireTokenByCode: (request) => client.acquireTokenByCode(request),
      removeAccount: (account) => client.getTokenCache().removeAccount(account),
      cachedAccount: async () => {
        const accounts = await client.getTokenCache().getAllAccounts();
        // The partition is this person's alone; locally it holds the mapped demo user's account
        // (another home account id), hence the fallback to its only account.
        return accounts.find((account) => account.homeAccountId === key) ?? singleOrNone(accounts);
      },
    };
  }
}

function singleOrNone<T>(items: readonly T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}
