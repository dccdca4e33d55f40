import { ConfidentialClientApplication } from '@azure/msal-node';
import { BlobServiceClient } from '@azure/storage-blob';
import { readFileSync } from 'node:fs';
import type { AppConfig } from './config.js';
import { BlobTokenCacheStore } from './services/auth/blobTokenCacheStore.js';
import type { PartnerUserRef } from './services/auth/models.js';
import { buildMsalConfiguration } from './services/auth/msalConfiguration.js';
import { MsalTokenProvider } from './services/auth/msalTokenProvider.js';
import { appCredential, delegatedCredential } from './services/auth/partnerCenterCredentials.js';
import { PartnerIdentityResolver } from './services/auth/partnerIdentity.js';
import { PersistedTokenCache } from './services/auth/persistedTokenCache.js';
import { ClaimsRoleResolver } from './services/auth/roleResolver.js';
import { SandboxAssertionSource } from './services/auth/sandboxAssertionSource.js';
import { TeamsSsoAssertionSource } from './services/auth/teamsSsoAssertionSource.js';
import { TokenCacheCipher } from './services/auth/tokenCacheCipher.js';
import { systemClock, type Clock } from './services/clock.js';
import { CustomerDirectory } from './services/customers/customerDirectory.js';
import { ConfigError } from './services/errors.js';
import type { Logger } from './services/logging/logger.js';
import { AvailabilityCache } from './services/migration/availabilityCache.js';
import { MigrationPlanner } from './services/migration/migrationPlanner.js';
import {
  parseOptionCatalog,
  sandboxOptionCatalog,
  type OptionCatalog,
} from './services/migration/optionCatalog.js';
import { emptyPriceList, parsePriceList, type PriceList } from './services/migration/priceList.js';
import type { PartnerCenter } from './services/partner-center/partnerCenter.js';
import { PartnerCenterClient } from './services/partner-center/partnerCenterClient.js';
import { PartnerCenterTransport } from './services/partner-center/partnerCenterTransport.js';
import { RouteRateLimiter } from './services/partner-center/routeRateLimiter.js';
import { E4SubscriptionFinder } from './services/subscriptions/e4SubscriptionFinder.js';
import { composeSignIn } from './composeSignIn.js';

/** What a caller may put in place of the real thing: tests move time with their own clock. */
export interface ComposeOptions {
  /** Default: the wall clock. */
  clock?: Clock;
  /**
   * Where people's browsers reach the bot, for the sign-in page's redirect URI; read when a sign-in
   * starts (a test's bot knows its port only once it listens). Default `PUBLIC_BASE_URL`.
   */
  publicBaseUrl?: () => string;
}

/**
 * The domain half of the composition root, free of botbuilder so a worker-only process doesn't load the
 * bot stack: Partner Center, tokens, the directory, planners. `src/index.ts` builds the bot on top.
 */
export function composeServices(config: AppConfig, logger: Logger, options: ComposeOptions = {}) {
  const transport = new PartnerCenterTransport({
    baseUrl: config.partnerCenter.baseUrl,
    locale: config.partnerCenter.locale,
    limiter: new RouteRateLimiter(config.partnerCenter.rateLimits),
    logger: logger.child({ component: 'partner-center' }),
    retry: config.partnerCenter.retry,
    attemptTimeoutInMs: config.partnerCenter.attemptTimeoutInMs,
  });
  const { auth } = config;
  const msalSettings = {
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    authority: `https://${auth.authorityHost}/${auth.partnerTenantId}`,
    sandboxBaseUrl: auth.sandboxUrl,
  };
  // App-only tokens belong to no person: MSAL's in-memory cache of one client serves them.
  const msal = new ConfidentialClientApplication(buildMsalConfiguration(msalSettings));
  const authLogger = logger.child({ component: 'auth' });
  // Delegated tokens: encrypted, one partition per person in the data container, so any instance can
  // renew a paused migration's token (DESIGN §11).
  const dataContainer = BlobServiceClient.fromConnectionString(
    config.storage.connectionString,
  ).getContainerClient(config.storage.dataContainer);
  const cipher = new TokenCacheCipher({
    current: auth.tokenCache.key,
    previous: auth.tokenCache.previousKeys,
  });
  const delegatedClients = new PersistedTokenCache({
    store: new BlobTokenCacheStore(dataContainer, cipher, authLogger),
    createClient: (cachePlugin) =>
      new ConfidentialClientApplication(buildMsalConfiguration({ ...msalSettings, cachePlugin })),
    logger: authLogger,
  });
  // Teams SSO hands assertions over in `signin/tokenExchange` (production, or locally when asked for);
  // the playground has none, so locally the sandbox mints them by default (DESIGN §10).
  const teamsAssertions = auth.signIn.mode === 'teams' ? new TeamsSsoAssertionSource() : undefined;
  const assertionSource =
    teamsAssertions ??
    new SandboxAssertionSource({
      sandboxBaseUrl: auth.sandboxUrl ?? '',
      clientId: auth.clientId,
      demoUserByAadObjectId: auth.localUserMap,
    });
  const tokens = new MsalTokenProvider({
    client: msal,
    delegatedClients,
    assertionSource,
    logger: authLogger,
  });
  const partnerCenter: PartnerCenter = new PartnerCenterClient(transport, appCredential(tokens));
  const partnerCenterAs = (user: PartnerUserRef): PartnerCenter =>
    new PartnerCenterClient(transport, delegatedCredential(tokens, user));
  const optionCatalog = loadOptionCatalog(config.catalog.optionCatalogFile);
  const priceList = loadPriceList(config.catalog.priceListFile);
  const clock = options.clock ?? systemClock;
  const signIn = composeSignIn(config, {
    msal,
    msalSettings,
    delegatedClients,
    tokens,
    teamsAssertions,
    memories: [assertionSource],
    dataContainer,
    cipher,
    clock,
    publicBaseUrl: options.publicBaseUrl ?? (() => config.audit.publicBaseUrl ?? ''),
    logger: authLogger,
  });
  const availabilityCache = new AvailabilityCache();
  const { extraRetiredOfferIds } = config.catalog;
  const roles = new ClaimsRoleResolver({
    adminAgentsGroupId: auth.adminAgentsGroupId,
    salesAgentsGroupId: auth.salesAgentsGroupId,
  });
  return {
    clock,
    tokens,
    roles,
    identities: new PartnerIdentityResolver(tokens, roles),
    /** Teams SSO, the fallback sign-in page and sign-out (issue #6). */
    signIn,
    /** App-only Partner Center: background reads. */
    partnerCenter,
    /** Partner Center as one person (writes and user-scoped reads). */
    partnerCenterAs,
    customers: new CustomerDirectory({
      partnerCenter,
      clock,
      logger: logger.child({ component: 'customers' }),
    }),
    e4Subscriptions: new E4SubscriptionFinder({
      partnerCenter,
      clock,
      logger: logger.child({ component: 'e4-finder' }),
      extraRetiredOfferIds,
    }),
    /** Planning reads users and licenses, which need the person's delegated token. */
    plannerFor: (user: PartnerUserRef) =>
      new MigrationPlanner(partnerCenterAs(user), optionCatalog, clock, {
        priceList,
        extraRetiredOfferIds,
        availabilityCache,
      }),
  };
}

function readConfiguredFile(path: string, variable: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `Configuration error: ${variable} (${path}) cannot be read: ${String(error)}`,
      variable,
    );
  }
}

function loadOptionCatalog(path: string | undefined): OptionCatalog {
  if (!path) return sandboxOptionCatalog;
  try {
    return parseOptionCatalog(JSON.parse(readConfiguredFile(path, 'OPTION_CATALOG_FILE')));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(
      `Configuration error: OPTION_CATALOG_FILE is not a valid catalog: ${String(error)}`,
      'OPTION_CATALOG_FILE',
    );
  }
}

/** No price list means no prices on cards, never invented ones (DESIGN §11). */
function loadPriceList(path: string | undefined): PriceList {
  return path ? parsePriceList(readConfiguredFile(path, 'PRICE_LIST_FILE')) : emptyPriceList;
}

export type Services = ReturnType<typeof composeServices>;
