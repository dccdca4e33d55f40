import { ConfidentialClientApplication } from '@azure/msal-node';
import { BlobServiceClient } from '@azure/storage-blob';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  UserState,
} from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { DialogState } from 'botbuilder-dialogs';
import { startBotServer } from './bot/botServer.js';
import { ConversationReferenceRecorder } from './bot/conversationReferences.js';
import { E4AssistantBot } from './bot/e4AssistantBot.js';
import { ProactiveSender } from './bot/proactiveSender.js';
import { cardText } from './cards/index.js';
import { Conversation } from './dialogs/conversation.js';
import { MigrationFlow } from './dialogs/migrationFlow.js';
import { BlobApprovalRequestStore } from './services/approvals/approvalRequestStore.js';
import { PartnerIdentityResolver } from './services/auth/partnerIdentity.js';
import { languageOfLocale, type Language } from './services/i18n/language.js';
import { BlobConversationReferenceStore } from './services/storage/conversationReferenceStore.js';
import { BlobJsonStore } from './services/storage/blobJsonStore.js';
import { readFileSync } from 'node:fs';
import type { AppConfig } from './config.js';
import type { PartnerUserRef } from './services/auth/models.js';
import { buildMsalConfiguration } from './services/auth/msalConfiguration.js';
import { MsalTokenProvider } from './services/auth/msalTokenProvider.js';
import { appCredential, delegatedCredential } from './services/auth/partnerCenterCredentials.js';
import { ClaimsRoleResolver } from './services/auth/roleResolver.js';
import { SandboxAssertionSource } from './services/auth/sandboxAssertionSource.js';
import { systemClock } from './services/clock.js';
import { CustomerDirectory } from './services/customers/customerDirectory.js';
import { AppError, ConfigError } from './services/errors.js';
import { AvailabilityCache } from './services/migration/availabilityCache.js';
import { MigrationPlanner } from './services/migration/migrationPlanner.js';
import {
  parseOptionCatalog,
  sandboxOptionCatalog,
  type OptionCatalog,
} from './services/migration/optionCatalog.js';
import { emptyPriceList, parsePriceList, type PriceList } from './services/migration/priceList.js';
import { E4SubscriptionFinder } from './services/subscriptions/e4SubscriptionFinder.js';
import type { Logger } from './services/logging/logger.js';
import type { PartnerCenter } from './services/partner-center/partnerCenter.js';
import { PartnerCenterClient } from './services/partner-center/partnerCenterClient.js';
import { PartnerCenterTransport } from './services/partner-center/partnerCenterTransport.js';
import { RouteRateLimiter } from './services/partner-center/routeRateLimiter.js';

/**
 * The composition root: the only place that knows the concrete classes. Everything else receives
 * its collaborators. `composeServices` builds the domain; `startApp` the bot on top of it.
 */
export function composeServices(config: AppConfig, logger: Logger) {
  const transport = new PartnerCenterTransport({
    baseUrl: config.partnerCenter.baseUrl,
    locale: config.partnerCenter.locale,
    limiter: new RouteRateLimiter(config.partnerCenter.rateLimits),
    logger: logger.child({ component: 'partner-center' }),
    retry: config.partnerCenter.retry,
    attemptTimeoutInMs: config.partnerCenter.attemptTimeoutInMs,
  });
  const { auth } = config;
  const msal = new ConfidentialClientApplication(
    buildMsalConfiguration({
      clientId: auth.clientId,
      clientSecret: auth.clientSecret,
      authority: `https://${auth.authorityHost}/${auth.partnerTenantId}`,
      sandboxBaseUrl: auth.sandboxUrl,
    }),
  );
  const assertionSource = (() => {
    if (auth.sandboxUrl)
      return new SandboxAssertionSource({
        sandboxBaseUrl: auth.sandboxUrl,
        clientId: auth.clientId,
        demoUserByAadObjectId: auth.localUserMap,
      });
    // Production assertions come from Teams SSO (signin/tokenExchange), wired with the bot (issue #6).
    return {
      getAssertion: () =>
        Promise.reject(new AppError('Teams sign-in is not wired yet (issue #6).', 'sign_in_unavailable')),
      discard: () => undefined,
    };
  })();
  const tokens = new MsalTokenProvider({
    client: msal,
    assertionSource,
    logger: logger.child({ component: 'auth' }),
  });
  const partnerCenter: PartnerCenter = new PartnerCenterClient(transport, appCredential(tokens));
  const partnerCenterAs = (user: PartnerUserRef): PartnerCenter =>
    new PartnerCenterClient(transport, delegatedCredential(tokens, user));
  const optionCatalog = loadOptionCatalog(config.catalog.optionCatalogFile);
  const priceList = loadPriceList(config.catalog.priceListFile);
  const clock = systemClock;
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

export interface RunningApp {
  /** Where the bot listens, e.g. `http://127.0.0.1:3978` (messages at `/api/messages`). */
  url: string;
  services: Services;
  bot: E4AssistantBot;
  close(): Promise<void>;
}

/**
 * Builds the bot on top of the services and starts listening: Azure Storage for bot state, documents
 * and conversation references (Azurite locally), the Bot Framework adapter (anonymous in local mode,
 * SingleTenant with the app's credentials in production), the conversation and the card router.
 */
export async function startApp(config: AppConfig, logger: Logger): Promise<RunningApp> {
  const services = composeServices(config, logger);
  const documents = BlobServiceClient.fromConnectionString(
    config.storage.connectionString,
  ).getContainerClient(config.storage.dataContainer);
  const botStorage = new BlobsStorage(config.storage.connectionString, config.storage.botStateContainer);
  const conversationState = new ConversationState(botStorage);
  const userState = new UserState(botStorage);
  const languageChoice = userState.createProperty<Language | undefined>('language');
  const referenceStore = new BlobConversationReferenceStore(new BlobJsonStore(documents));

  const { auth, bot: botConfig } = config;
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(
      config.mode === 'local'
        ? { MicrosoftAppId: '', MicrosoftAppPassword: '' }
        : {
            MicrosoftAppId: auth.clientId,
            MicrosoftAppPassword: auth.clientSecret,
            MicrosoftAppType: 'SingleTenant',
            MicrosoftAppTenantId: auth.partnerTenantId,
          },
    ),
  );
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'unhandled turn error');
    // Never the exception text: it may hold ids or tokens (shared/reference/teams-bot-platform.md §5.4).
    if (context.activity.type === 'message') {
      await context.sendActivity(
        cardText(languageOfLocale(context.activity.locale)).t('error.unexpected', {
          reference: context.activity.id ?? '',
        }),
      );
    }
  };
  const messenger = new ProactiveSender({
    adapter,
    botAppId: botConfig.botFrameworkAppId,
    references: referenceStore,
    logger: logger.child({ component: 'proactive' }),
  });
  const flow = new MigrationFlow({
    customers: services.customers,
    plannerFor: services.plannerFor,
    approvals: new BlobApprovalRequestStore(new BlobJsonStore(documents)),
    approvalValidityInMs: 24 * 60 * 60 * 1000,
    clock: services.clock,
  });
  const conversation = new Conversation({
    flow,
    expiring: services.e4Subscriptions,
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    languageChoice,
    logger: logger.child({ component: 'conversation' }),
  });
  const bot = new E4AssistantBot({
    conversation,
    flow,
    identities: services.identities,
    references: new ConversationReferenceRecorder(referenceStore),
    messenger,
    states: [conversationState, userState],
    languageChoice,
    logger: logger.child({ component: 'bot' }),
    planInlineBudgetInMs: botConfig.planInlineBudgetInMs,
  });
  services.customers.start();
  const server = await startBotServer({
    adapter,
    bot,
    host: botConfig.host,
    port: botConfig.port,
    maxBodyBytes: botConfig.maxMessageBytes,
    logger,
  });
  return {
    url: server.url,
    services,
    bot,
    close: async () => {
      services.customers.stop();
      await server.close();
      await bot.idle();
    },
  };
}
