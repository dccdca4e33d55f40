import type { Logger } from '../../../../src/services/logging/logger.js';
import { createSilentLogger } from '../../../../src/services/logging/logger.js';
import type { Subscription } from '../../../../src/services/partner-center/models.js';
import { ExpiryReminders } from '../../../../src/services/reminders/expiryReminders.js';
import { ExpiryScanner } from '../../../../src/services/reminders/expiryScanner.js';
import { LeadTimesDoneStore } from '../../../../src/services/reminders/leadTimesDone.js';
import { ReminderActions } from '../../../../src/services/reminders/reminderActions.js';
import type { ReminderCardView } from '../../../../src/services/reminders/reminderCardView.js';
import { ReminderDelivery } from '../../../../src/services/reminders/reminderDelivery.js';
import { ReminderDigestStore } from '../../../../src/services/reminders/reminderDigest.js';
import { ReminderStateStore } from '../../../../src/services/reminders/reminderState.js';
import {
  defaultLeadDays,
  type ReminderSubscription,
} from '../../../../src/services/reminders/reminderSubscription.js';
import { ReminderSubscriptionStore } from '../../../../src/services/reminders/reminderSubscriptionStore.js';
import { ScanProgressStore } from '../../../../src/services/reminders/scanProgress.js';
import { e4OfferIds } from '../../../../src/services/subscriptions/e4Offers.js';
import { E4SubscriptionFinder } from '../../../../src/services/subscriptions/e4SubscriptionFinder.js';
import { customer } from '../customers/fakePartnerCenter.js';
import {
  FakeClock,
  MemoryContainer,
  MemoryLeaseLock,
  RecordingMessenger,
  ReminderPartnerCenter,
} from './reminderFakes.js';

/**
 * A world for reminder tests: Partner Center, storage, the lease and Teams are fakes shared by every
 * "instance" built on it, as several bot instances share one storage account and one Partner Center.
 */
export class ReminderWorld {
  readonly container = new MemoryContainer();
  readonly leases = new Map<string, string>();
  readonly partnerCenter = new ReminderPartnerCenter();
  readonly messenger = new RecordingMessenger();
  readonly clock: FakeClock;

  constructor(now = new Date('2026-01-05T08:00:00Z')) {
    this.clock = new FakeClock(now);
  }

  /** A customer with one E4 subscription ending `endsInDays` from now (legacy: exclusive end). */
  addCustomer(id: string, name: string, subscriptions: Subscription[]): void {
    this.partnerCenter.customers.push(customer(id, name, `${id}.onmicrosoft.com`, 'US'));
    this.partnerCenter.subscriptions.set(id, subscriptions);
  }

  /** A legacy E4 subscription whose last day of service is `daysLeft` days after today. */
  e4(id: string, daysLeft: number, fields: Partial<Subscription> = {}): Subscription {
    const end = new Date(this.clock.now().getTime() + (daysLeft + 1) * 86_400_000).toISOString().slice(0, 10);
    return {
      id,
      offerId: e4OfferIds[0] ?? '',
      offerName: 'Office 365 Enterprise E4',
      friendlyName: 'Office 365 E4',
      quantity: 25,
      unitType: 'Licenses',
      creationDate: '2023-01-01',
      effectiveStartDate: '2023-01-01',
      commitmentEndDate: end,
      status: 'active',
      autoRenewEnabled: false,
      billingType: 'license',
      billingCycle: 'annual',
      isTrial: false,
      contractType: 'legacy',
      attributes: { objectType: 'Subscription' },
      ...fields,
    };
  }

  /** Changes a subscription in Partner Center (a migration suspends it, a renewal turns auto-renew on). */
  changeSubscription(customerId: string, subscriptionId: string, fields: Partial<Subscription>): void {
    const list = this.partnerCenter.subscriptions.get(customerId) ?? [];
    this.partnerCenter.subscriptions.set(
      customerId,
      list.map((subscription) =>
        subscription.id === subscriptionId ? { ...subscription, ...fields } : subscription,
      ),
    );
  }

  channel(channelId: string, fields: Partial<ReminderSubscription> = {}): ReminderSubscription {
    return {
      channelId,
      customers: { kind: 'all' },
      leadDays: [...defaultLeadDays],
      language: 'en',
      subscribedBy: { oid: 'a0000000-0000-4000-8000-000000000002', tenantId: 't', name: 'Anna' },
      subscribedAt: this.clock.now().toISOString(),
      ...fields,
    };
  }

  async subscribe(channel: ReminderSubscription): Promise<void> {
    await this.instance().subscriptions.save(channel);
  }

  /** One bot instance's reminder services over the shared fakes. */
  instance(holderId = 'instance-1', logger: Logger = createSilentLogger()) {
    const subscriptions = new ReminderSubscriptionStore(this.container.documents());
    const states = new ReminderStateStore(this.container.documents());
    const done = new LeadTimesDoneStore(this.container.documents());
    const digests = new ReminderDigestStore(this.container.documents(), this.container.documents());
    const progress = new ScanProgressStore(this.container.documents());
    const render = (view: ReminderCardView) => renderForTests(view);
    const partnerCenter = this.partnerCenter.asPort();
    const finder = new E4SubscriptionFinder({ partnerCenter, clock: this.clock, logger });
    const delivery = new ReminderDelivery({
      digests,
      states,
      done,
      subscriptions,
      messenger: this.messenger,
      render,
      clock: this.clock,
      logger,
    });
    const reminders = new ExpiryReminders({
      lock: new MemoryLeaseLock(this.leases, holderId),
      progress,
      subscriptions,
      states,
      done,
      digests,
      scanner: new ExpiryScanner({ finder, partnerCenter, logger }),
      delivery,
      clock: this.clock,
      logger,
    });
    const actions = new ReminderActions({
      digests,
      states,
      messenger: this.messenger,
      render,
      clock: this.clock,
      logger,
    });
    return { reminders, actions, subscriptions, states, done, digests, progress, delivery };
  }

  /** What each card sent to the channel said: subscription id → lead days, per card. */
  cardsIn(channelId: string): TestCard[] {
    return this.messenger.to(channelId).map((entry) => entry.card as TestCard);
  }

  /** Every (subscription, lead time) sent to the channel, in order. */
  remindersIn(channelId: string): string[] {
    return this.cardsIn(channelId).flatMap((card) =>
      card.items.map((item) => `${item.subscriptionId}@${item.leadDays}`),
    );
  }
}

/** The card the test renderer draws: the digest's items with their owner and snooze. */
export interface TestCard {
  digestId: string;
  items: {
    subscriptionId: string;
    leadDays: number;
    reason: string;
    owner?: string;
    snoozedUntil?: string;
  }[];
}

function renderForTests(view: ReminderCardView): TestCard {
  return {
    digestId: view.digest.id,
    items: view.digest.items.map((item) => {
      const state = view.states.get(item.subscriptionId.toLowerCase());
      return {
        subscriptionId: item.subscriptionId,
        leadDays: item.leadDays,
        reason: item.reason,
        ...(state?.assignee?.user.name ? { owner: state.assignee.user.name } : {}),
        ...(state?.snooze ? { snoozedUntil: state.snooze.until } : {}),
      };
    }),
  };
}
