import { BlobServiceClient } from '@azure/storage-blob';
import { CloudAdapter, ConversationState, UserState } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { DialogState } from 'botbuilder-dialogs';
import { startBotServer } from './bot/botServer.js';
import { ChannelAuthentication, type ChannelTokenMetadata } from './bot/channelAuthentication.js';
import { ConversationReferenceRecorder } from './bot/conversationReferences.js';
import { E4AssistantBot } from './bot/e4AssistantBot.js';
import { PendingCommands, type PendingCommandsState } from './bot/pendingCommands.js';
import { ProactiveSender } from './bot/proactiveSender.js';
import { SignInContinuation } from './bot/signInContinuation.js';
import { SignInPrompt } from './bot/signInPrompt.js';
import { signInRoutes } from './bot/signInRoutes.js';
import { TokenExchangeInvoke } from './bot/tokenExchangeInvoke.js';
import { cardText } from './cards/index.js';
import { Conversation } from './dialogs/conversation.js';
import { MigrationFlow } from './dialogs/migrationFlow.js';
import { composeEngine, type Engine } from './composeEngine.js';
import { composeReminders, type Reminders } from './composeReminders.js';
import { ReminderFlow } from './dialogs/reminderFlow.js';
import { ApprovalFlow } from './dialogs/approvalFlow.js';
import { AuditFlow } from './dialogs/auditFlow.js';
import { AuditExport } from './services/audit/auditExport.js';
import { ProgressReporter } from './dialogs/progressReporter.js';
import { ApprovalDecisions } from './services/approvals/approvalDecisions.js';
import { ApprovalsChannelStore, type ApprovalsChannel } from './services/approvals/approvalsChannel.js';
import { MigrationControls } from './services/migration/migrationControls.js';
import { languageOfLocale, type Language } from './services/i18n/language.js';
import { TenantAllowList } from './services/auth/tenantAllowList.js';
import { BlobConversationReferenceStore } from './services/storage/conversationReferenceStore.js';
import { BlobJsonStore } from './services/storage/blobJsonStore.js';
import type { AppConfig } from './config.js';
import type { Logger } from './services/logging/logger.js';

import { composeServices, type ComposeOptions, type Services } from './composeServices.js';

export { composeServices, type Services };

/** What a caller may put in place of the real thing, on top of `ComposeOptions`. */
export interface StartOptions extends ComposeOptions {
  /**
   * Where production mode finds the keys of Bot Framework channel tokens. Default Microsoft's; the
   * security tests point it at the sandbox authority. Not configurable from the environment on purpose:
   * whoever sets it decides which tokens the bot trusts.
   */
  channelTokenMetadata?: ChannelTokenMetadata;
}

export interface RunningApp {
  /** Where the bot listens, e.g. `http://127.0.0.1:3978` (messages at `/api/messages`). */
  url: string;
  services: Services;
  engine: Engine;
  reminders: Reminders;
  bot: E4AssistantBot;
  close(): Promise<void>;
}

/**
 * Builds the bot on top of the services and starts listening: Azure Storage for bot state, documents
 * and conversation references (Azurite locally), the Bot Framework adapter (anonymous in local mode,
 * SingleTenant with the app's credentials in production), the conversation and the card router.
 */
export async function startApp(
  config: AppConfig,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningApp> {
  // Known once the server listens (a free port in tests); links are issued only after that.
  let ownUrl = '';
  const publicBaseUrl = () => config.audit.publicBaseUrl ?? ownUrl;
  const services = composeServices(config, logger, { publicBaseUrl, ...options });
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
    new ChannelAuthentication({
      mode: config.mode,
      appId: auth.clientId,
      appPassword: auth.clientSecret,
      tenantId: auth.partnerTenantId,
      ...(options.channelTokenMetadata ? { metadata: options.channelTokenMetadata } : {}),
      logger: logger.child({ component: 'channel-auth' }),
    }),
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
  const progress = new ProgressReporter({
    messenger,
    clock: services.clock,
    logger: logger.child({ component: 'progress' }),
    intervalInMs: config.engine.progressUpdateIntervalInMs,
  });
  const engine = composeEngine(config, services, logger, progress);
  const start = (migrationId: string) => engine.worker.enqueue(migrationId);
  const approvals = new ApprovalFlow({
    requests: engine.approvals,
    decisions: new ApprovalDecisions({
      requests: engine.approvals,
      journal: engine.journal,
      start,
      policy: config.approvals,
      clock: services.clock,
    }),
    controls: new MigrationControls({ journal: engine.journal, start, clock: services.clock }),
    journal: engine.journal,
    channel: new ApprovalsChannelStore(new BlobJsonStore<ApprovalsChannel>(documents)),
    messenger,
    policy: config.approvals,
    clock: services.clock,
    logger: logger.child({ component: 'approvals' }),
  });
  const flow = new MigrationFlow({
    customers: services.customers,
    plannerFor: services.plannerFor,
    approvals: engine.approvals,
    approvalValidityInMs: config.approvals.validityInMs,
    routing: approvals,
    clock: services.clock,
  });
  const auditExport = new AuditExport({
    journal: engine.journal,
    clock: services.clock,
    linkKey: config.audit.linkKey,
    linkLifetimeInMs: config.audit.linkLifetimeInMs,
  });
  const audit = new AuditFlow({
    customers: services.customers,
    audit: auditExport,
    erasure: engine.auditErasure,
    publicBaseUrl,
    linkLifetimeInMs: config.audit.linkLifetimeInMs,
    logger: logger.child({ component: 'audit' }),
  });
  const reminders = composeReminders(config, services, logger, messenger);
  const reminderFlow = new ReminderFlow({
    subscriptions: reminders.subscriptions,
    customers: services.customers,
    reminders: reminders.reminders,
    actions: reminders.actions,
    defaultLeadDays: config.reminders.defaultLeadDays,
    clock: services.clock,
    logger: logger.child({ component: 'reminders' }),
  });
  // Teams SSO's bot half (sign-in mode `teams`): the sign-in card, the token exchange, continuing the
  // pending command; the sandbox mode of the playground has none of it.
  const signIn = (() => {
    const { tokenExchange } = services.signIn;
    if (!tokenExchange) return undefined;
    const signInLogger = logger.child({ component: 'sign-in' });
    const pending = new PendingCommands(
      conversationState.createProperty<PendingCommandsState | undefined>('pendingCommands'),
      () => services.clock.now(),
    );
    const prompt = new SignInPrompt({
      links: services.signIn.links,
      appIdUri: services.signIn.appIdUri,
      publicBaseUrl,
      pending,
      logger: signInLogger,
    });
    const continuation = new SignInContinuation({
      adapter,
      botAppId: botConfig.botFrameworkAppId,
      references: referenceStore,
      pending,
      // The bot is built below; a continuation runs only after a sign-in, long after this.
      runTurn: (context): Promise<void> => bot.run(context),
      states: [conversationState, userState],
      logger: signInLogger,
    });
    return {
      prompt,
      continuation,
      tokenExchange: new TokenExchangeInvoke({
        exchange: tokenExchange,
        prompt,
        continuation,
        logger: signInLogger,
      }),
    };
  })();
  const conversation = new Conversation({
    reminders: reminderFlow,
    flow,
    approvals,
    audit,
    journal: engine.journal,
    expiring: services.e4Subscriptions,
    signOut: services.signIn.signOut,
    signInMode: services.signIn.mode,
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    languageChoice,
    clock: services.clock,
    logger: logger.child({ component: 'conversation' }),
  });
  const bot: E4AssistantBot = new E4AssistantBot({
    conversation,
    flow,
    approvals,
    audit,
    reminders: reminderFlow,
    identities: services.identities,
    tenants: new TenantAllowList(config.auth.allowedTenantIds),
    references: new ConversationReferenceRecorder(referenceStore),
    messenger,
    states: [conversationState, userState],
    languageChoice,
    logger: logger.child({ component: 'bot' }),
    planInlineBudgetInMs: botConfig.planInlineBudgetInMs,
    ...(signIn ? { signIn } : {}),
  });
  services.customers.start();
  if (config.engine.runWorker) {
    engine.worker.start();
    engine.auditRetention.start();
  }
  if (config.reminders.runScheduler) reminders.scheduler.start();
  const server = await startBotServer({
    adapter,
    bot,
    host: botConfig.host,
    port: botConfig.port,
    maxBodyBytes: botConfig.maxMessageBytes,
    audit: auditExport,
    ...(signIn
      ? {
          signIn: signInRoutes({
            fallback: services.signIn.fallback,
            continuation: signIn.continuation,
            isHttps: () => publicBaseUrl().startsWith('https://'),
            logger: logger.child({ component: 'sign-in' }),
          }),
        }
      : {}),
    logger,
  });
  ownUrl = server.url;
  return {
    url: server.url,
    services,
    engine,
    reminders,
    bot,
    close: async () => {
      services.customers.stop();
      await reminders.scheduler.stop();
      await server.close();
      await bot.idle();
      await engine.worker.stop();
      await engine.auditRetention.stop();
      await progress.idle();
    },
  };
}
