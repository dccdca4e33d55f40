import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startApp, type RunningApp, type StartOptions } from '../../src/index.js';
import type { Clock } from '../../src/services/clock.js';
import { createSilentLogger, type Logger } from '../../src/services/logging/logger.js';
import { sandboxOptionCatalog } from '../../src/services/migration/optionCatalog.js';
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
  /**
   * `production`: the bot as deployed (Bot Framework tokens checked on every request, SingleTenant, no
   * anonymous requests), with the channel tokens' keys taken from the sandbox authority and Partner Center
   * still the sandbox. Its own replies can't leave the machine (they need a token from Entra), so tests
   * use invokes and events. Default `local`.
   */
  mode?: 'local' | 'production';
}

export async function startBotHarness(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const [partnerCenter, azurite] = await Promise.all([startPartnerCenterHarness(), startAzurite()]);
  const isProduction = options.mode === 'production';
  const config = loadConfig({
    ...localEnv(partnerCenter.url, azurite.connectionString),
    ...(isProduction ? productionEnv(partnerCenter.url) : {}),
    ...options.env,
  });
  const startOptions: StartOptions = {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(isProduction
      ? {
          channelTokenMetadata: {
            channelOpenIdMetadataUrl: `${partnerCenter.url}/botframework/v1/.well-known/openidconfiguration`,
            emulatorOpenIdMetadataUrl: `${partnerCenter.url}/${DemoIds.partnerTenantId}/v2.0/.well-known/openid-configuration`,
          },
        }
      : {}),
  };
  const app = await startApp(config, options.logger ?? createSilentLogger(), startOptions);
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

/** A bot in local mode on this sandbox and Azurite, on a free port, with generous Partner Center pacing. */
function localEnv(sandboxUrl: string, storageConnectionString: string): Record<string, string> {
  return {
    BOT_MODE: 'local',
    LOG_LEVEL: 'silent',
    SANDBOX_URL: sandboxUrl,
    MICROSOFT_APP_PASSWORD: harnessClientSecret,
    AZURE_STORAGE_CONNECTION_STRING: storageConnectionString,
    PORT: '0',
    RATE_LIMIT_READS_PER_SECOND: '200',
    RATE_LIMIT_SUBSCRIPTIONS_PER_SECOND: '200',
  };
}

/** Another bot instance beside a harness's, and its own stand-in for the Teams connector. */
export interface BotInstance {
  app: RunningApp;
  channel: TeamsChannel;
  close(): Promise<void>;
}

/**
 * Another bot instance on the harness's sandbox and Azurite (a scaled-out App Service): `env` adds to
 * the harness's local settings (a `WORKER_ID`, a worker or scheduler off, a sign-in mode).
 */
export async function startBotInstance(
  harness: Pick<BotHarness, 'partnerCenter' | 'azurite'>,
  options: { env?: Record<string, string>; logger?: Logger } = {},
): Promise<BotInstance> {
  const config = loadConfig({
    ...localEnv(harness.partnerCenter.url, harness.azurite.connectionString),
    ...options.env,
  });
  const app = await startApp(config, options.logger ?? createSilentLogger());
  const channel = await TeamsChannel.start(app.url);
  return {
    app,
    channel,
    close: async () => {
      await app.close();
      await channel.close();
    },
  };
}

/**
 * What production mode refuses to start without, filled with the sandbox's demo registration. Partner
 * Center stays the sandbox; the bot's own Entra calls (outbound replies, delegated tokens) have no
 * authority to reach, which the production tests don't need.
 */
function productionEnv(sandboxUrl: string): Record<string, string> {
  const catalogFile = join(mkdtempSync(join(tmpdir(), 'e4-catalog-')), 'option-catalog.json');
  writeFileSync(catalogFile, JSON.stringify(sandboxOptionCatalog));
  return {
    BOT_MODE: 'production',
    HOST: '127.0.0.1',
    PARTNER_CENTER_BASE_URL: sandboxUrl,
    PARTNER_TENANT_ID: DemoIds.partnerTenantId,
    MICROSOFT_APP_ID: DemoIds.botClientId,
    ADMIN_AGENTS_GROUP_ID: DemoIds.adminAgentsGroupId,
    SALES_AGENTS_GROUP_ID: DemoIds.salesAgentsGroupId,
    OPTION_CATALOG_FILE: catalogFile,
    AUDIT_LINK_KEY: randomBytes(24).toString('base64'),
    PUBLIC_BASE_URL: 'https://e4-assistant.example.test',
    TOKEN_CACHE_KEY: randomBytes(32).toString('base64'),
    MIGRATION_WORKER: 'off',
    REMINDER_SCHEDULER: 'off',
  };
}
