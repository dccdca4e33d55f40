import { ConfidentialClientApplication } from '@azure/msal-node';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';

import type { AssertionSource } from '../../src/services/auth/assertionSource.js';
import { BlobTokenCacheStore } from '../../src/services/auth/blobTokenCacheStore.js';
import { homeAccountIdOf } from '../../src/services/auth/delegatedClients.js';
import type { PartnerUserRef } from '../../src/services/auth/models.js';
import { buildMsalConfiguration } from '../../src/services/auth/msalConfiguration.js';
import { MsalTokenProvider } from '../../src/services/auth/msalTokenProvider.js';
import { PersistedTokenCache } from '../../src/services/auth/persistedTokenCache.js';
import { TokenCacheCipher } from '../../src/services/auth/tokenCacheCipher.js';
import { createSilentLogger, type Logger } from '../../src/services/logging/logger.js';

/**
 * One bot instance's token side as `composeServices` wires it (msal-node against the sandbox authority,
 * the encrypted per-user cache in Azurite), for tests that play several instances: in this process, or
 * in a child (`secondInstance.ts`).
 */
export interface InstanceSettings {
  /** The sandbox authority's loopback base URL. */
  authorityUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  connectionString: string;
  container: string;
  /** TOKEN_CACHE_KEY as configured: base64 of 32 bytes. */
  key: string;
  previousKeys?: string[];
}

export function containerOf(
  settings: Pick<InstanceSettings, 'connectionString' | 'container'>,
): ContainerClient {
  return BlobServiceClient.fromConnectionString(settings.connectionString).getContainerClient(
    settings.container,
  );
}

export function cipherOf(settings: Pick<InstanceSettings, 'key' | 'previousKeys'>): TokenCacheCipher {
  return new TokenCacheCipher({
    current: Buffer.from(settings.key, 'base64'),
    previous: (settings.previousKeys ?? []).map((key) => Buffer.from(key, 'base64')),
  });
}

export function storeOf(
  settings: InstanceSettings,
  logger: Logger = createSilentLogger(),
): BlobTokenCacheStore {
  return new BlobTokenCacheStore(containerOf(settings), cipherOf(settings), logger);
}

/** A `MsalTokenProvider` with the persisted cache, as one bot instance has it. */
export function instanceProvider(
  settings: InstanceSettings,
  assertionSource: AssertionSource,
  logger: Logger = createSilentLogger(),
): MsalTokenProvider {
  const msalSettings = {
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authority: `https://login.sandbox.test/${settings.tenantId}`,
    sandboxBaseUrl: settings.authorityUrl,
  };
  return new MsalTokenProvider({
    client: new ConfidentialClientApplication(buildMsalConfiguration(msalSettings)),
    delegatedClients: new PersistedTokenCache({
      store: storeOf(settings, logger),
      createClient: (cachePlugin) =>
        new ConfidentialClientApplication(buildMsalConfiguration({ ...msalSettings, cachePlugin })),
      logger,
    }),
    assertionSource,
    logger,
  });
}

/** An instance that has no SSO assertion for anyone: the person is not in the conversation. */
export const noAssertions: AssertionSource = {
  getAssertion: () =>
    Promise.resolve({ kind: 'needsSignIn', reason: 'not_signed_in', message: 'Sign in to continue.' }),
  discard: () => undefined,
};

/** A person's partition, decrypted with the product's own store (what MSAL serialized). */
export async function readPartition(
  settings: InstanceSettings,
  user: PartnerUserRef,
): Promise<{ json: PartitionJson; etag: string | undefined }> {
  const stored = await storeOf(settings).read(homeAccountIdOf(user));
  return { json: (stored.cache === '' ? {} : JSON.parse(stored.cache)) as PartitionJson, etag: stored.etag };
}

/** MSAL's serialized cache: sections of entries (only the fields tests read are typed). */
export type PartitionJson = Partial<
  Record<'Account' | 'IdToken' | 'AccessToken' | 'RefreshToken' | 'AppMetadata', Record<string, CacheEntry>>
>;
interface CacheEntry {
  secret?: string;
  home_account_id?: string;
  expires_on?: string;
  extended_expires_on?: string;
  [field: string]: unknown;
}

/** The secrets of one section (access or refresh tokens) of a partition. */
export function secretsOf(json: PartitionJson, section: 'AccessToken' | 'RefreshToken'): string[] {
  return Object.values(json[section] ?? {})
    .map((entry) => entry.secret)
    .filter((secret): secret is string => typeof secret === 'string');
}

/**
 * Makes the person's cached access tokens expired, as an hour passing would (MSAL reads the expiry from
 * the cache, and its clock can't be moved from here): the next silent call must redeem the refresh token.
 */
export async function expireCachedAccessTokens(
  settings: InstanceSettings,
  user: PartnerUserRef,
): Promise<void> {
  const { json, etag } = await readPartition(settings, user);
  const past = String(Math.floor(Date.now() / 1000) - 60);
  for (const entry of Object.values(json.AccessToken ?? {})) {
    entry.expires_on = past;
    entry.extended_expires_on = past;
  }
  await storeOf(settings).write(homeAccountIdOf(user), JSON.stringify(json), etag);
}
