import type {
  AccountInfo,
  AuthenticationResult,
  AuthorizationCodeRequest,
  OnBehalfOfRequest,
  SilentFlowRequest,
} from '@azure/msal-node';

import type { PartnerUserRef } from './models.js';

/** The msal-node calls behind one person's delegated token. */
export interface DelegatedClient {
  acquireTokenOnBehalfOf(request: OnBehalfOfRequest): Promise<AuthenticationResult | null>;
  acquireTokenSilent(request: SilentFlowRequest): Promise<AuthenticationResult>;
  /** Redeems an authorization code (the fallback sign-in page); the tokens land in this client's cache. */
  acquireTokenByCode(request: AuthorizationCodeRequest): Promise<AuthenticationResult>;
  /** Removes an account and its tokens from this client's cache (and so from its partition). */
  removeAccount(account: AccountInfo): Promise<void>;
  /** The person's account in this client's cache (what `acquireTokenSilent` renews), if there is one. */
  cachedAccount(): Promise<AccountInfo | undefined>;
}

/**
 * Hands out, per person, an msal client whose cache holds that person's tokens: MSAL's in-memory cache
 * (`inMemoryDelegatedClients`) or the encrypted per-user partitions in Azure Blob (`PersistedTokenCache`).
 */
export interface DelegatedClients {
  /** Runs `work` with the person's client; the work's result or error comes back unchanged. */
  withClientFor<T>(user: PartnerUserRef, work: (client: DelegatedClient) => Promise<T>): Promise<T>;

  /**
   * Forgets everything held for the person (sign-out, offboarding): their stored tokens and the client
   * that held them in memory. Returns whether there was anything stored.
   */
  forget(user: PartnerUserRef): Promise<boolean>;
}

/**
 * `<oid>.<tenantId>`: MSAL's home account id for the person, since Teams' `aadObjectId` is their Entra
 * object id in the partner tenant.
 */
export function homeAccountIdOf(user: PartnerUserRef): string {
  return `${user.oid}.${user.tenantId}`;
}

/** The part of a `ConfidentialClientApplication` that `inMemoryDelegatedClients` uses. */
export interface SharedMsalClient {
  acquireTokenOnBehalfOf(request: OnBehalfOfRequest): Promise<AuthenticationResult | null>;
  acquireTokenSilent(request: SilentFlowRequest): Promise<AuthenticationResult>;
  acquireTokenByCode(request: AuthorizationCodeRequest): Promise<AuthenticationResult>;
  getTokenCache(): {
    getAccountByHomeId(homeAccountId: string): Promise<AccountInfo | null>;
    removeAccount(account: AccountInfo): Promise<void>;
  };
}

/**
 * One shared client with MSAL's in-memory cache: a single process, nothing persisted (tests, tools).
 * The cache holds everyone's tokens, so a person's account is found only by their own home account id.
 */
export function inMemoryDelegatedClients(client: SharedMsalClient): DelegatedClients {
  const accountOf = async (user: PartnerUserRef) =>
    (await client.getTokenCache().getAccountByHomeId(homeAccountIdOf(user))) ?? undefined;
  return {
    withClientFor: (user, work) =>
      work({
        acquireTokenOnBehalfOf: (request) => client.acquireTokenOnBehalfOf(request),
        acquireTokenSilent: (request) => client.acquireTokenSilent(request),
        acquireTokenByCode: (request) => client.acquireTokenByCode(request),
        removeAccount: (account) => client.getTokenCache().removeAccount(account),
        cachedAccount: () => accountOf(user),
      }),
    forget: async (user) => {
      const account = await accountOf(user);
      if (account) await client.getTokenCache().removeAccount(account);
      return account !== undefined;
    },
  };
}
