import { BlobServiceClient } from '@azure/storage-blob';
import { buildReminderCard, cardText } from './cards/index.js';
import type { Services } from './composeServices.js';
import type { AppConfig } from './config.js';
import type { Logger } from './services/logging/logger.js';
import type { ConversationMessenger } from './services/notifications/conversationMessenger.js';
import { ExpiryReminders } from './services/reminders/expiryReminders.js';
import { ExpiryScanner } from './services/reminders/expiryScanner.js';
import { LeadTimesDoneStore } from './services/reminders/leadTimesDone.js';
import { ReminderActions } from './services/reminders/reminderActions.js';
import type { ReminderCardView } from './services/reminders/reminderCardView.js';
import { ReminderDelivery } from './services/reminders/reminderDelivery.js';
import { ReminderDigestStore } from './services/reminders/reminderDigest.js';
import { ReminderScheduler } from './services/reminders/reminderScheduler.js';
import { ReminderStateStore } from './services/reminders/reminderState.js';
import { ReminderSubscriptionStore } from './services/reminders/reminderSubscriptionStore.js';
import { ScanProgressStore } from './services/reminders/scanProgress.js';
import { ScanSchedule } from './services/reminders/scanSchedule.js';
import { BlobJsonStore } from './services/storage/blobJsonStore.js';
import { BlobLeaseLock } from './services/storage/blobLease.js';
import { E4SubscriptionFinder } from './services/subscriptions/e4SubscriptionFinder.js';

/**
 * Expiry reminders' part of the composition root (DESIGN §7), free of botbuilder: stores in the data
 * container, the app-only scanner, delivery through the given messenger (the proactive sender in the
 * bot), the scan lease and the scheduler. The cards are drawn here so `src/services` never imports them.
 */
export function composeReminders(
  config: AppConfig,
  services: Services,
  logger: Logger,
  messenger: ConversationMessenger,
) {
  const container = BlobServiceClient.fromConnectionString(
    config.storage.connectionString,
  ).getContainerClient(config.storage.dataContainer);
  const log = logger.child({ component: 'reminders' });
  const { clock } = services;
  const subscriptions = new ReminderSubscriptionStore(new BlobJsonStore(container));
  const states = new ReminderStateStore(new BlobJsonStore(container));
  const done = new LeadTimesDoneStore(new BlobJsonStore(container));
  const digests = new ReminderDigestStore(new BlobJsonStore(container), new BlobJsonStore(container));
  const progress = new ScanProgressStore(new BlobJsonStore(container));
  const render = (view: ReminderCardView) => buildReminderCard(view, cardText(view.digest.language));
  const finder = new E4SubscriptionFinder({
    partnerCenter: services.partnerCenter,
    clock,
    logger: log,
    extraRetiredOfferIds: config.catalog.extraRetiredOfferIds,
    concurrency: config.reminders.scanConcurrency,
  });
  const reminders = new ExpiryReminders({
    lock: new BlobLeaseLock(container, {
      holderId: config.engine.workerId,
      durationSeconds: config.engine.leaseSeconds,
    }),
    progress,
    subscriptions,
    states,
    done,
    digests,
    scanner: new ExpiryScanner({ finder, partnerCenter: services.partnerCenter, logger: log }),
    delivery: new ReminderDelivery({
      digests,
      states,
      done,
      subscriptions,
      messenger,
      render,
      clock,
      logger: log,
    }),
    clock,
    logger: log,
  });
  const scheduler = new ReminderScheduler({
    reminders,
    progress,
    schedule: new ScanSchedule(config.reminders.scanTime, config.reminders.timeZone),
    clock,
    logger: log,
  });
  return {
    subscriptions,
    states,
    done,
    digests,
    progress,
    reminders,
    scheduler,
    actions: new ReminderActions({ digests, states, messenger, render, clock, logger: log }),
  };
}

export type Reminders = ReturnType<typeof composeReminders>;
