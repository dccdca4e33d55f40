import { catalogEntry, LegacyOfferId, type CatalogKey } from '../catalog.js';
import { dayMs } from '../clock.js';
import { addTerm, midnightIso } from '../state/subscriptionDates.js';
import type { SubscriptionSeed } from './seedTypes.js';

/** Builders for seeded subscriptions, shared by the demo seed and the large-seed generator. */

/** Value legacy non-renewing subscriptions carry in `commitmentEndDate` (far future, DESIGN §11). */
export const farFutureCommitmentEnd = '9999-12-31T00:00:00Z';

/** UTC midnight of the day `days` after (or before) `now`'s day. */
export function dayFrom(now: Date, days: number): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + days * dayMs;
}

/** Options of a legacy E4 subscription. */
export interface E4Options {
  id: string;
  quantity: number;
  now: Date;
  /** Days from today to the end date (negative: already ended). */
  endsInDays: number;
  /**
   * `farFuture`: `commitmentEndDate` is the far-future value and `billingCycleEndDate` the real end
   * (the shape Partner Center documents for non-renewing legacy subscriptions); `plain`: the end is in
   * `commitmentEndDate` and there is no `billingCycleEndDate`.
   */
  endDateShape: 'farFuture' | 'plain';
  status?: SubscriptionSeed['status'];
  /** For suspended ones: how long ago. */
  suspendedDaysAgo?: number;
  government?: boolean;
  billingCycle?: 'monthly' | 'annual';
  friendlyName?: string;
}

/** A legacy Office 365 E4 subscription that doesn't renew (E4 is retired). */
export function e4Subscription(options: E4Options): SubscriptionSeed {
  const end = dayFrom(options.now, options.endsInDays);
  const created = new Date(end);
  created.setUTCFullYear(2016);
  const endIso = midnightIso(end);
  const seed: SubscriptionSeed = {
    id: options.id,
    offerId: options.government ? LegacyOfferId.office365E4Government : LegacyOfferId.office365E4,
    offerName: options.government ? 'Office 365 Enterprise E4 for Government' : 'Office 365 Enterprise E4',
    friendlyName: options.friendlyName ?? 'Office 365 E4',
    quantity: options.quantity,
    status: options.status ?? 'active',
    autoRenewEnabled: false,
    contractType: 'legacy',
    creationDate: created.toISOString(),
    effectiveStartDate: created.toISOString(),
    commitmentEndDate: options.endDateShape === 'farFuture' ? farFutureCommitmentEnd : endIso,
    billingCycle: options.billingCycle ?? 'annual',
    termDuration: 'P1Y',
  };
  if (options.endDateShape === 'farFuture') seed.billingCycleEndDate = endIso;
  if (options.suspendedDaysAgo !== undefined) {
    seed.suspendedAt = new Date(options.now.getTime() - options.suspendedDaysAgo * dayMs).toISOString();
  }
  return seed;
}

/** Options of a new-commerce subscription. */
export interface NewCommerceOptions {
  id: string;
  key: CatalogKey;
  quantity: number;
  now: Date;
  createdDaysAgo: number;
  termDuration?: 'P1M' | 'P1Y';
  billingCycle?: 'monthly' | 'annual';
  parentSubscriptionId?: string;
  orderId?: string;
  friendlyName?: string;
}

/** An active new-commerce subscription of a catalog product (auto-renewing, inclusive end date). */
export function newCommerceSubscription(options: NewCommerceOptions): SubscriptionSeed {
  const item = catalogEntry(options.key);
  const created = options.now.getTime() - options.createdDaysAgo * dayMs;
  const term = options.termDuration ?? 'P1Y';
  const seed: SubscriptionSeed = {
    id: options.id,
    offerId: `${item.productId}:${item.skuId}`,
    offerName: item.title,
    friendlyName: options.friendlyName ?? item.title,
    quantity: options.quantity,
    status: 'active',
    autoRenewEnabled: true,
    contractType: 'newCommerce',
    creationDate: new Date(created).toISOString(),
    effectiveStartDate: new Date(created).toISOString(),
    commitmentEndDate: midnightIso(addTerm(created, term) - dayMs),
    billingCycle: options.billingCycle ?? 'monthly',
    termDuration: term,
    cancellationAllowedUntilDate: new Date(created + 7 * dayMs).toISOString(),
  };
  if (options.parentSubscriptionId) seed.parentSubscriptionId = options.parentSubscriptionId;
  if (options.orderId) seed.orderId = options.orderId;
  return seed;
}
