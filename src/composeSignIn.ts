import type { ConfidentialClientApplication } from '@azure/msal-node';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { createRemoteJWKSet } from 'jose';
import type { AppConfig } from './config.js';
import { BlobTokenCacheStore } from './services/auth/blobTokenCacheStore.js';
import { homeAccountIdOf, type DelegatedClients } from './services/auth/delegatedClients.js';
import { FallbackSignIn } from './services/auth/fallbackSignIn.js';
import type { PartnerUserRef } from './services/auth/models.js';
import { MsalAuthorizationCodeFlow } from './services/auth/msalAuthorizationCodeFlow.js';
import {
  browserAuthorityUrl,
  tenantTokenTrust,
  type MsalClientSettings,
} from './services/auth/msalConfiguration.js';
import type { MsalTokenProvider } from './services/auth/msalTokenProvider.js';
import { PartnerSignOut, type SignInMemory } from './services/auth/partnerSignOut.js';
import { SignInLinks, signInLinkKeyFrom } from './services/auth/signInLinks.js';
import { SignInStateStore } from './services/auth/signInStateStore.js';
import { SsoTokenValidator } from './services/auth/ssoTokenValidator.js';
import { TeamsTokenExchange } from './services/auth/teamsTokenExchange.js';
import type { TeamsSsoAssertionSource } from './services/auth/teamsSsoAssertionSource.js';
import { TokenCacheCipher } from './services/auth/tokenCacheCipher.js';
import { TokenExchangeClaims } from './services/auth/tokenExchangeClaims.js';
import type { Clock } from './services/clock.js';
import type { Logger } from './services/logging/logger.js';
import { BlobJsonStore } from './services/storage/blobJsonStore.js';

export interface SignInParts {
  msal: Pick<ConfidentialClientApplication, 'getAuthCodeUrl'>;
  msalSettings: Pick<MsalClientSettings, 'authority' | 'sandboxBaseUrl'>;
  delegatedClients: DelegatedClients;
  tokens: MsalTokenProvider;
  /** Present in `teams` mode: where accepted SSO assertions are kept. */
  teamsAssertions: TeamsSsoAssertionSource | undefined;
  /** Everything in this process that remembers a sign-in (forgotten on sign-out). */
  memories: readonly SignInMemory[];
  dataContainer: ContainerClient;
  cipher: TokenCacheCipher;
  clock: Clock;
  /** Where people's browsers reach the bot (the sign-in page's redirect URI); read when used. */
  publicBaseUrl: () => string;
  logger: Logger;
}

/**
 * The sign-in half of the composition root (DESIGN §11, issue #6): Teams SSO's token exchange (validated,
 * de-duplicated in the data container, on-behalf-of through the token provider), the bot-hosted fallback
 * page's authorization-code flow, the signed links the sign-in cards carry, and sign-out. In `sandbox`
 * mode only links (never shown) and sign-out exist: the sandbox mints the SSO token.
 */
export function composeSignIn(config: AppConfig, parts: SignInParts) {
  const { auth } = config;
  const now = () => parts.clock.now();
  const links = new SignInLinks(signInLinkKeyFrom(auth.tokenCache.key), now);
  const signOut = new PartnerSignOut({
    delegatedClients: parts.delegatedClients,
    memories: parts.memories,
    logger: parts.logger,
  });
  const redirectUri = () => `${parts.publicBaseUrl().replace(/\/+$/, '')}/auth/callback`;
  const fallback = new FallbackSignIn({
    links,
    states: new SignInStateStore(new BlobJsonStore(parts.dataContainer), parts.cipher, parts.logger, now),
    flow: new MsalAuthorizationCodeFlow({
      client: parts.msal,
      delegatedClients: parts.delegatedClients,
      browserUrlOf: (url) => browserAuthorityUrl(parts.msalSettings, url),
      logger: parts.logger,
    }),
    redirectUri,
    logger: parts.logger,
    now,
  });
  const tokenExchange = (() => {
    if (!parts.teamsAssertions) return undefined;
    const trust = tenantTokenTrust(parts.msalSettings, auth.partnerTenantId);
    return new TeamsTokenExchange({
      validator: new SsoTokenValidator({
        keys: createRemoteJWKSet(new URL(trust.jwksUri)),
        issuers: trust.issuers,
        audiences: [auth.signIn.appIdUri, auth.clientId],
        partnerTenantId: auth.partnerTenantId,
        now,
      }),
      claims: new TokenExchangeClaims(new BlobJsonStore(parts.dataContainer), now),
      exchange: parts.tokens,
      assertions: parts.teamsAssertions,
      logger: parts.logger,
    });
  })();
  return {
    mode: auth.signIn.mode,
    appIdUri: auth.signIn.appIdUri,
    links,
    /** `signin/tokenExchange`; undefined in `sandbox` mode. */
    tokenExchange,
    fallback,
    signOut,
  };
}

export type SignIn = ReturnType<typeof composeSignIn>;

/**
 * For operators (offboarding, a leaked device, rotating): deletes one person's stored sign-in — their
 * encrypted token partition — so no instance can renew their Partner Center token any more; the next
 * command they send asks them to sign in. Running instances keep an SSO assertion they hold in memory
 * until it expires (about an hour); revoke the person's sessions in Entra to end that too.
 * `npm run sign-out -- <object id> [tenant id]` calls it with the process's configuration.
 * @returns whether the person had a stored sign-in.
 */
export async function forgetStoredSignIn(
  config: AppConfig,
  user: PartnerUserRef,
  logger: Logger,
): Promise<boolean> {
  const store = new BlobTokenCacheStore(
    BlobServiceClient.fromConnectionString(config.storage.connectionString).getContainerClient(
      config.storage.dataContainer,
    ),
    new TokenCacheCipher({
      current: config.auth.tokenCache.key,
      previous: config.auth.tokenCache.previousKeys,
    }),
    logger,
  );
  const removed = await store.remove(homeAccountIdOf(user));
  logger.info({ userOid: user.oid, removed }, 'Stored sign-in deleted by an operator');
  return removed;
}
