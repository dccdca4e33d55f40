import { loadConfig } from '../../src/config.js';
import { startApp, type RunningApp } from '../../src/index.js';
import type { Clock } from '../../src/services/clock.js';
import { createSilentLogger, type Logger } from '../../src/services/logging/logger.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { startAzurite, type RunningAzurite } from './azurite.js';
import {
  harnessClientSecret,
  startPartnerCenterHarness,
  type PartnerCenterHarness,
} from './partnerCenterHarness.js';
import { TeamsChannel, type ChatOptions, type TeamsChat } from './teamsChannel.js';

/**
 * The whole local stack for dialog tests, each part real: the sandbox Partner Center and its token
 * authority, Azurite, the bot from `startApp` (the same composition `npm start` uses) on a loopback
 * port, and a stand-in Teams connector that talks to it over HTTP.
 */
export interface BotHarness {
  partnerCenter: PartnerCenterHarness;
  azurite: RunningAzurite;
  app: RunningApp;
  channel: TeamsChannel;
  /** A new conversation with a demo partner user (object id from `DemoIds.partnerUsers`). */
  chat(user: keyof typeof DemoIds.partnerUsers, options?: Partial<ChatOptions>): TeamsChat;
  close(): Promise<void>;
}

export interface BotHarnessOptions {
  env?: Record<string, string>;
  /** The bot's clock (default the wall clock): a test moves it to expire links or requests. */
  clock?: Clock;
  /** The bot's logger (default silent): security tests read what was logged. */
  logger?: Logger;
}

export async function startBotHarness(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const [partnerCenter, azurite] = await Promise.all([startPartnerCenterHarness(), startAzurite()]);
  const config = loadConfig({
    BOT_MODE: 'local',
    LOG_LEVEL: 'silent',
    SANDBOX_URL: partnerCenter.url,
    MICROSOFT_APP_PASSWORD: harnessClientSecret,
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    PORT: '0',
    RATE_LIMIT_READS_PER_SECOND: '200',
    RATE_LIMIT_SUBSCRIPTIONS_PER_SECOND: '200',
    ...options.env,
  });
  const app = await startApp(
    config,
    options.logger ?? createSilentLogger(),
    options.clock ? { clock: options.clock } : {},
  );
  const channel = await TeamsChannel.start(app.url);
  return {
    partnerCenter,
    azurite,
    app,
    channel,
    chat: (user, chatOptions = {}) =>
      channel.chat({
        user: { aadObjectId: DemoIds.partnerUsers[user], name: user },
        tenantId: DemoIds.partnerTenantId,
        ...chatOptions,
      }),
    close: async () => {
      await app.close();
      await channel.close();
      await Promise.all([partnerCenter.close(), azurite.stop()]);
    },
  };
}
