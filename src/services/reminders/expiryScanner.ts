import type { Logger } from '../logging/logger.js';
import type { OperationOptions, PartnerCenter } from '../partner-center/partnerCenter.js';
import type {
  E4SubscriptionFinder,
  ExpiringE4Subscription,
  ExpiringScan,
} from '../subscriptions/e4SubscriptionFinder.js';
import { endsWithin } from '../subscriptions/e4SubscriptionState.js';

export interface ExpiryScannerDeps {
  /** Built on the app-only client (DESIGN §7: reminders read with an app token, reads only). */
  finder: Pick<E4SubscriptionFinder, 'listExpiring' | 'listForCustomer'>;
  /** App-only, for the names of listed customers. */
  partnerCenter: Pick<PartnerCenter, 'getCustomer'>;
  logger: Logger;
}

/** Which customers a scan reads: all of them, or only these ids. */
export type ScanScope = { kind: 'all' } | { kind: 'list'; customerIds: readonly string[] };

/**
 * Finds the subscriptions reminders are about: E4 or an offer configured as retired, running, not
 * renewing, with a known end (DESIGN §11) no further than `withinDays` away. Migrated (suspended),
 * renewed and expired subscriptions are not found, which is what makes them stop reminding.
 * Walks every customer page by page within the client's rate limit, or reads only the listed customers
 * when no channel wants them all.
 */
export class ExpiryScanner {
  constructor(private readonly deps: ExpiryScannerDeps) {}

  /** @throws PartnerCenterError when the customer list can't be read; AbortError when aborted. */
  async scan(scope: ScanScope, withinDays: number, options: OperationOptions = {}): Promise<ExpiringScan> {
    if (scope.kind === 'all') return this.deps.finder.listExpiring({ ...options, withinDays });
    const subscriptions: ExpiringE4Subscription[] = [];
    const unreadCustomers: ExpiringScan['unreadCustomers'] = [];
    for (const customerId of scope.customerIds) {
      options.abortSignal?.throwIfAborted();
      try {
        const customer = await this.deps.partnerCenter.getCustomer(customerId, options);
        if (!customer) continue;
        const customerName = customer.companyProfile.companyName;
        for (const subscription of await this.deps.finder.listForCustomer(customerId, options)) {
          if (endsWithin(subscription, withinDays)) subscriptions.push({ ...subscription, customerName });
        }
      } catch (error) {
        if (options.abortSignal?.aborted) throw error;
        this.deps.logger.warn({ err: error, customerId }, 'reminder scan could not read a customer');
        unreadCustomers.push({ customerId, customerName: '', reason: String(error) });
      }
    }
    return { subscriptions, customersScanned: scope.customerIds.length, unreadCustomers };
  }
}
