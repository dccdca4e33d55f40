import { composeReminders } from '../src/composeReminders.js';
import { composeServices } from '../src/composeServices.js';
import { loadConfig } from '../src/config.js';
import { createSilentLogger } from '../src/services/logging/logger.js';
import type { ConversationMessenger } from '../src/services/notifications/conversationMessenger.js';
import { remindersOf } from '../src/services/reminders/reminderDigest.js';
import { watchPartnerCenterCalls } from './partnerCenterCalls.js';

/**
 * The bot side of the reminder benchmark (`bench/reminderScan.ts`): `composeServices` +
 * `composeReminders` (no botbuilder; cards go to a counting messenger instead of Teams), configured from
 * the driver's environment, in its own process so its resident memory is measured alone. Subscribes
 * one channel to every customer, runs one scheduled scan, answers `{ type: 'done' }` over IPC.
 */

export interface ReminderRunnerDone {
  type: 'done';
  elapsedSeconds: number;
  outcome: unknown;
  /** Partner Center calls made, by `METHOD /v1/path/:id` template. */
  calls: Record<string, number>;
  cardsSent: number;
  cardBytes: number;
  remindersInDigest: number;
  peakRssMb: number;
  rssBeforeRunMb: number;
  peakHeapUsedMb: number;
}

export interface ReminderRunnerError {
  type: 'error';
  message: string;
}

const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;

async function run(): Promise<ReminderRunnerDone> {
  const config = loadConfig(process.env);
  const logger = createSilentLogger();
  const calls: Record<string, number> = {};
  // Installed before the services are built; counts only from the start of the scan (cleared below).
  watchPartnerCenterCalls(config.partnerCenter.baseUrl, (method, pathname) => {
    const key = `${method} ${pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id')}`;
    calls[key] = (calls[key] ?? 0) + 1;
  });
  const sent: object[] = [];
  const messenger: ConversationMessenger = {
    send: (_conversationId, card) => {
      sent.push(card);
      return Promise.resolve(`activity-${sent.length}`);
    },
    update: () => Promise.resolve(),
  };
  const services = composeServices(config, logger);
  const reminders = composeReminders(config, services, logger, messenger);
  const channelId = '19:bench-general@thread.tacv2';
  await reminders.subscriptions.save({
    channelId,
    customers: { kind: 'all' },
    leadDays: config.reminders.defaultLeadDays,
    language: 'en',
    subscribedBy: { oid: 'bench', tenantId: 'bench', name: 'Benchmark' },
    subscribedAt: new Date().toISOString(),
  });
  // Tokens and the storage container ready before the clock starts, as on a running bot.
  await services.tokens.getAppToken();
  await reminders.progress.get();
  global.gc?.();
  const rssBeforeRun = process.memoryUsage().rss;
  let peakRss = rssBeforeRun;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 100);
  for (const key of Object.keys(calls)) delete calls[key];
  const started = performance.now();
  const outcome = await reminders.reminders.runScheduled(new Date(Date.UTC(2099, 0, 1, 8)));
  const elapsedSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const digest = await reminders.digests.get(channelId, '2099-01-01T08:00:00.000Z');
  return {
    type: 'done',
    elapsedSeconds,
    outcome,
    calls,
    cardsSent: sent.length,
    cardBytes: sent.reduce<number>((sum, card) => sum + JSON.stringify(card).length, 0),
    remindersInDigest: digest ? remindersOf(digest).length : 0,
    peakRssMb: mb(peakRss),
    rssBeforeRunMb: mb(rssBeforeRun),
    peakHeapUsedMb: mb(peakHeap),
  };
}

run().then(
  (done) => {
    process.send?.(done);
    process.exit(0);
  },
  (error: unknown) => {
    const failure: ReminderRunnerError = {
      type: 'error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
    process.send?.(failure);
    process.exit(1);
  },
);
