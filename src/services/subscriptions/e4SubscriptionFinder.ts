import PQueue from 'p-queue';
import type { Clock } from '../clock.js';
import type { Logger } from '../logging/logger.js';
import type { Customer } from '../partner-center/models.js';
import type { OperationOptions, PartnerCenter } from '../partner-center/partnerCenter.js';
import { isRetiredOffer } from './e4Offers.js';
import { describeE4Subscription, endsWithin, type E4Subscription } from './e4SubscriptionState.js';

export interface E4SubscriptionFinderDeps {
  /** App-only for scans (reminders read with an app token, §7); any client for one customer. */
  partnerCenter: PartnerCenter;
  clock: Clock;
  logger: Logger;
  /** Offers the partner configured as retired besides E4 (compared case-insensitively). */
  extraRetiredOfferIds?: readonly string[];
  /** Days ahead within which a non-renewing subscription is `expiringSoon`. Default 90 (§7's first lead). */
  expiringSoonWithinDays?: number;
  /**
   * Customers whose subscriptions are read at once during a scan. Default 8: enough to hide latency,
   * few enough that the client's own pacing (per-route rate limits) stays the real limit.
   */
  concurrency?: number;
  /** Customer page size for scans. Default: the client's (100). */
  pageSize?: number;
}

export interface ListExpiringOptions extends OperationOptions {
  /** Service ends within this many days (0 = ends today). Default 90. */
  withinDays?: number;
}

/** An expiring subscription with the customer's name, ready for a list or a reminder card. */
export interface ExpiringE4Subscription extends E4Subscription {
  customerName: string;
}

/** A customer whose subscriptions could not be read during a scan; the scan went on without it. */
export interface UnreadCustomer {
  customerId: string;
  customerName: string;
  /** The error's name and message, for the log and an operator; never shown raw to people. */
  reason: string;
}

/** The result of a scan over every customer. */
export interface ExpiringScan {
  /** Soonest end first; ties by customer name, then subscription id. */
  subscriptions: ExpiringE4Subscription[];
  customersScanned: number;
  unreadCustomers: UnreadCustomer[];
}

/**
 * Finds retired-offer (E4) subscriptions: one customer's, with their state, or every customer's that
 * end soon (the "list expiring" command and the reminder scan). Reads only.
 */
export class E4SubscriptionFinder {
  constructor(private readonly deps: E4SubscriptionFinderDeps) {}

  /**
   * The customer's E4 subscriptions as of now, soonest end first (unknown ends last).
   * @throws PartnerCenterError when Partner Center refuses or fails (unknown customer: 404).
   */
  async listForCustomer(customerId: string, options?: OperationOptions): Promise<E4Subscription[]> {
    const subscriptions = await this.deps.partnerCenter.listSubscriptions(customerId, options);
    const now = this.deps.clock.now();
    const soon = this.deps.expiringSoonWithinDays ?? 90;
    return subscriptions
      .filter((subscription) => isRetiredOffer(subscription.offerId, this.deps.extraRetiredOfferIds))
      .map((subscription) => describeE4Subscription(customerId, subscription, now, soon))
      .sort(byEndThenId);
  }

  /**
   * Every customer's E4 subscriptions that are running, won't renew and end within `withinDays`.
   * Walks customers page by page (the next page listed while this one's subscriptions are read) and reads
   * subscriptions with bounded concurrency, keeping only the matches, so memory stays small for 10,000
   * customers. A customer that can't be read is reported in
   * `unreadCustomers` instead of failing the scan.
   * @throws PartnerCenterError when the customer list itself can't be read; AbortError when aborted.
   */
  async listExpiring(options: ListExpiringOptions = {}): Promise<ExpiringScan> {
    const { withinDays = 90, ...operation } = options;
    const concurrency = this.deps.concurrency ?? 8;
    const queue = new PQueue({ concurrency });
    const found: ExpiringE4Subscription[] = [];
    const unread: UnreadCustomer[] = [];
    let scanned = 0;

    const scanOne = async (customer: Customer): Promise<void> => {
      const customerName = customer.companyProfile.companyName;
      try {
        const subscriptions = await this.listForCustomer(customer.id, operation);
        for (const subscription of subscriptions) {
          if (endsWithin(subscription, withinDays)) found.push({ ...subscription, customerName });
        }
      } catch (error) {
        // An abort ends the whole scan below; it says nothing about this customer.
        if (operation.abortSignal?.aborted) return;
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        this.deps.logger.warn({ err: error, customerId: customer.id }, 'E4 scan could not read a customer');
        unread.push({ customerId: customer.id, customerName, reason });
      } finally {
        scanned++;
      }
    };

    const pages = this.deps.partnerCenter
      .listCustomers({ ...operation, ...(this.deps.pageSize ? { size: this.deps.pageSize } : {}) })
      .byPage()
      [Symbol.asyncIterator]();
    try {
      let nextPage = pages.next();
      for (;;) {
        const page = await nextPage;
        operation.abortSignal?.throwIfAborted();
        if (page.done) break;
        // The next page is asked for now, while this one's subscriptions are read: the listing waits in
        // the same rate limiter as the reads, so asking only once the queue ran low could leave the
        // limiter idle while the page came back. A failure is met when it is awaited.
        nextPage = pages.next();
        nextPage.catch(() => undefined);
        // scanOne never rejects, so nothing needs to hold these promises (10,000 of them, otherwise).
        for (const customer of page.value.items) void queue.add(() => scanOne(customer));
        // Back-pressure: at most about one page of customers waits in memory, plus the one read ahead.
        await queue.onSizeLessThan(concurrency);
      }
    } catch (error) {
      queue.clear();
      throw error;
    }
    await queue.onIdle();
    operation.abortSignal?.throwIfAborted();

    found.sort(
      (a, b) =>
        endTime(a) - endTime(b) ||
        a.customerName.localeCompare(b.customerName) ||
        a.subscriptionId.localeCompare(b.subscriptionId),
    );
    return { subscriptions: found, customersScanned: scanned, unreadCustomers: unread };
  }
}

function endTime(subscription: E4Subscription): number {
  return subscription.end.kind === 'known'
    ? subscription.end.serviceEndsAt.getTime()
    : Number.MAX_SAFE_INTEGER;
}

export function byEndThenId(a: E4Subscription, b: E4Subscription): number {
  return endTime(a) - endTime(b) || a.subscriptionId.localeCompare(b.subscriptionId);
}
