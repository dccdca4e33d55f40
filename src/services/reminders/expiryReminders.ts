import { setMaxListeners } from 'node:events';
import type { Clock } from '../clock.js';
import type { Logger } from '../logging/logger.js';
import type { LeaseLock } from '../storage/blobLease.js';
import type { ExpiringE4Subscription } from '../subscriptions/e4SubscriptionFinder.js';
import type { ExpiryScanner, ScanScope } from './expiryScanner.js';
import type { ReminderDelivery } from './reminderDelivery.js';
import type { LeadTimesDoneStore } from './leadTimesDone.js';
import { reminderCardRows } from './reminderCardView.js';
import type { ReminderDigestStore, ReminderItem, ReminderRecord } from './reminderDigest.js';
import { decideReminder, type ReminderDecision } from './reminderRules.js';
import type { ReminderStateStore } from './reminderState.js';
import { coversCustomer, type ReminderSubscription } from './reminderSubscription.js';
import type { ReminderSubscriptionStore } from './reminderSubscriptionStore.js';
import type { ScanProgressStore } from './scanProgress.js';

export interface ExpiryRemindersDeps {
  /** One scan at a time across instances: the holder of this lease is the leader. */
  lock: LeaseLock;
  progress: ScanProgressStore;
  subscriptions: Pick<ReminderSubscriptionStore, 'list' | 'get'>;
  states: Pick<ReminderStateStore, 'getMany'>;
  done: Pick<LeadTimesDoneStore, 'get'>;
  digests: Pick<ReminderDigestStore, 'create'>;
  scanner: Pick<ExpiryScanner, 'scan'>;
  delivery: Pick<ReminderDelivery, 'deliverPending'>;
  clock: Clock;
  logger: Logger;
}

/** The lease every scan holds (`locks/reminder-scan`). */
export const scanLeaseKey = 'reminder-scan';

export type ScanOutcome =
  | { kind: 'busy' }
  | { kind: 'alreadyCompleted' }
  | { kind: 'completed'; digests: number; found: number; customersScanned: number; unreadCustomers: number };

/**
 * The reminder scan (DESIGN §7), run by the scheduler for a daily slot or on demand for one channel:
 * take the scan lease (one scanner across instances), finish whatever a crashed run left in the
 * outbox, read Partner Center once for every subscribed channel, decide each channel's reminders,
 * record them as one due digest per channel, then deliver the outbox. Reads only, app-only.
 */
export class ExpiryReminders {
  private readonly running = new Set<Promise<unknown>>();
  private readonly stopping = new AbortController();

  constructor(private readonly deps: ExpiryRemindersDeps) {}

  /**
   * Scans for a scheduled slot unless it is completed already (another instance, or before a restart).
   * @throws whatever stopped the scan (Partner Center unreadable, lease lost: AbortError); the slot
   * then stays open and the next tick scans it again.
   */
  async runScheduled(slot: Date): Promise<ScanOutcome> {
    const slotId = slot.toISOString();
    return this.withLease(async (signal) => {
      if (await this.deps.progress.isCompleted(slotId)) return { kind: 'alreadyCompleted' };
      await this.deps.progress.started(slotId, this.deps.clock.now());
      const outcome = await this.scan(slotId, await this.deps.subscriptions.list(), signal);
      await this.deps.progress.completed(slotId, this.deps.clock.now());
      return outcome;
    });
  }

  /**
   * "check now" in a channel: takes the lease at once (to answer whether a scan is already running),
   * then scans that channel in the background. `done` settles when it ends (tests, logs).
   */
  async startOnDemand(
    subscription: ReminderSubscription,
  ): Promise<{ kind: 'busy' } | { kind: 'started'; done: Promise<ScanOutcome> }> {
    const lease = await this.deps.lock.tryAcquire(scanLeaseKey);
    if (!lease) return { kind: 'busy' };
    const scanId = `now-${this.deps.clock.now().toISOString()}`;
    const done = this.holding(lease, (signal) => this.scan(scanId, [subscription], signal));
    const tracked = done.catch((error: unknown) => {
      this.deps.logger.error(
        { err: error, channelId: subscription.channelId },
        'on-demand reminder scan failed',
      );
    });
    this.running.add(tracked);
    void tracked.finally(() => this.running.delete(tracked));
    return { kind: 'started', done };
  }

  /** Resolves when no background scan is running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Stops running scans (they end with AbortError, leaving their work for the next run). */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.idle();
  }

  private async withLease(work: (signal: AbortSignal) => Promise<ScanOutcome>): Promise<ScanOutcome> {
    const lease = await this.deps.lock.tryAcquire(scanLeaseKey);
    if (!lease) return { kind: 'busy' };
    return this.holding(lease, work);
  }

  private async holding(
    lease: NonNullable<Awaited<ReturnType<LeaseLock['tryAcquire']>>>,
    work: (signal: AbortSignal) => Promise<ScanOutcome>,
  ): Promise<ScanOutcome> {
    const lost = new AbortController();
    // Losing the lease means another instance may be scanning: stop before sending anything more.
    const stopKeepAlive = lease.keepAlive((error) => lost.abort(error));
    const signal = AbortSignal.any([lost.signal, this.stopping.signal]);
    // Every Partner Center call of the scan listens to it (up to the scan's concurrency at once).
    setMaxListeners(0, signal);
    try {
      return await work(signal);
    } finally {
      stopKeepAlive();
      await lease.release().catch((error: unknown) => {
        this.deps.logger.warn({ err: error }, 'could not release the reminder scan lease');
      });
    }
  }

  private async scan(
    scanId: string,
    channels: ReminderSubscription[],
    signal: AbortSignal,
  ): Promise<ScanOutcome> {
    const logger = this.deps.logger.child({ scanId });
    // A run that crashed after recording its digests: send those first, so what they hold is done
    // before this run decides anything.
    await this.deps.delivery.deliverPending(signal);
    if (channels.length === 0)
      return { kind: 'completed', digests: 0, found: 0, customersScanned: 0, unreadCustomers: 0 };
    const withinDays = Math.max(...channels.map((channel) => Math.max(...channel.leadDays)));
    const scan = await this.deps.scanner.scan(scopeOf(channels), withinDays, {
      abortSignal: signal,
      correlationId: scanId,
    });
    const now = this.deps.clock.now();
    let digests = 0;
    for (const channel of channels) {
      signal.throwIfAborted();
      const reminders = await this.remindersFor(channel, scan.subscriptions, now);
      if (reminders.length === 0) continue;
      // The card lists the first rows with their buttons and counts the rest: only those rows keep
      // what the card shows, the rest keep what recording them needs.
      const { created } = await this.deps.digests.create({
        id: scanId,
        channelId: channel.channelId,
        scanId,
        createdAt: now.toISOString(),
        language: channel.language,
        items: reminders
          .slice(0, reminderCardRows)
          .map(({ subscription, decision }) => itemOf(subscription, decision)),
        counted: reminders
          .slice(reminderCardRows)
          .map(({ subscription, decision }) => recordOf(subscription, decision)),
        state: 'due',
      });
      if (created) digests++;
    }
    const delivered = await this.deps.delivery.deliverPending(signal);
    logger.info(
      { customersScanned: scan.customersScanned, found: scan.subscriptions.length, digests, ...delivered },
      'reminder scan done',
    );
    if (scan.unreadCustomers.length > 0) {
      logger.warn(
        { unreadCustomers: scan.unreadCustomers.length },
        'some customers could not be read; the next scan tries them again',
      );
    }
    return {
      kind: 'completed',
      digests,
      found: scan.subscriptions.length,
      customersScanned: scan.customersScanned,
      unreadCustomers: scan.unreadCustomers.length,
    };
  }

  /** The channel's reminders from this scan, soonest end first. */
  private async remindersFor(
    channel: ReminderSubscription,
    found: readonly ExpiringE4Subscription[],
    now: Date,
  ): Promise<{ subscription: ExpiringE4Subscription; decision: ReminderDecision }[]> {
    const relevant = found.filter(
      (subscription) =>
        subscription.end.kind === 'known' &&
        subscription.daysLeft !== undefined &&
        coversCustomer(channel.customers, subscription.customerId),
    );
    if (relevant.length === 0) return [];
    const [done, states] = await Promise.all([
      this.deps.done.get(channel.channelId),
      this.deps.states.getMany(
        channel.channelId,
        relevant.map((subscription) => subscription.subscriptionId.toLowerCase()),
      ),
    ]);
    const reminders: { subscription: ExpiringE4Subscription; decision: ReminderDecision }[] = [];
    for (const subscription of relevant) {
      const id = subscription.subscriptionId.toLowerCase();
      const state = states.get(id);
      const decision = decideReminder(
        subscription.daysLeft ?? Number.NaN,
        channel.leadDays,
        { leadDaysDone: [...(done.get(id) ?? []), ...(state?.leadDaysDone ?? [])], snooze: state?.snooze },
        now,
      );
      if (decision) reminders.push({ subscription, decision });
    }
    return reminders.sort(
      (a, b) =>
        endOf(a.subscription).localeCompare(endOf(b.subscription)) ||
        a.subscription.customerName.localeCompare(b.subscription.customerName),
    );
  }
}

function scopeOf(channels: readonly ReminderSubscription[]): ScanScope {
  const ids = new Set<string>();
  for (const { customers } of channels) {
    if (customers.kind === 'all') return { kind: 'all' };
    for (const customer of customers.customers) ids.add(customer.id);
  }
  return { kind: 'list', customerIds: [...ids].sort() };
}

function endOf(subscription: ExpiringE4Subscription): string {
  if (subscription.end.kind !== 'known') throw new Error('reminders need a known end date');
  return subscription.end.serviceEndsAt.toISOString();
}

function recordOf(subscription: ExpiringE4Subscription, decision: ReminderDecision): ReminderRecord {
  return {
    // Partner Center's own spelling: Start migration compares ids with what it reads back.
    customerId: subscription.customerId,
    subscriptionId: subscription.subscriptionId,
    leadDays: decision.leadDays,
    reason: decision.reason,
    leadDaysDone: decision.leadDaysDone,
  };
}

function itemOf(subscription: ExpiringE4Subscription, decision: ReminderDecision): ReminderItem {
  if (subscription.end.kind !== 'known') throw new Error('reminders need a known end date');
  return {
    ...recordOf(subscription, decision),
    customerName: subscription.customerName,
    offerName: subscription.offerName,
    friendlyName: subscription.friendlyName,
    seats: subscription.seats,
    lastServiceDay: subscription.end.lastServiceDay,
    serviceEndsAt: subscription.end.serviceEndsAt.toISOString(),
  };
}
