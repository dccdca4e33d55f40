import type { Subscription } from '../partner-center/models.js';
import { daysOfServiceLeft, subscriptionEndDate, type SubscriptionEndDate } from './subscriptionEndDate.js';

/**
 * Where an E4 (or other retired-offer) subscription stands, for people and for the reminder scan:
 * - `active`: running, and either renews or ends later than the "soon" window;
 * - `expiringSoon`: running, won't renew, service ends within the window (the ones to migrate first);
 * - `endDateUnknown`: running, won't renew, and neither date can be read (shown, never guessed: §11);
 * - `expired`: Partner Center says `expired`/`disabled`, or the end date has passed;
 * - `suspended`: suspended, which after a migration means "migrated, E4 switched off last";
 * - `cancelled`: deleted;
 * - `pending`: not provisioned yet (`pending`/`none`).
 */
export type E4SubscriptionState =
  'active' | 'expiringSoon' | 'endDateUnknown' | 'expired' | 'suspended' | 'cancelled' | 'pending';

/** One retired-offer subscription with what the bot shows and decides on. */
export interface E4Subscription {
  customerId: string;
  subscriptionId: string;
  offerId: string;
  offerName: string;
  friendlyName: string;
  status: Subscription['status'];
  autoRenewEnabled: boolean;
  /** `quantity`: app-only tokens can't read assigned licenses, so seats are what reminders show (§7). */
  seats: number;
  contractType: string;
  /** From `subscriptionEndDate` (the one rule, §11). */
  end: SubscriptionEndDate;
  /** Whole days of service left (0 on the last day, negative once ended); undefined when unknown. */
  daysLeft?: number;
  state: E4SubscriptionState;
}

/** Describes a retired-offer subscription as of `now`; `soonWithinDays` bounds `expiringSoon`. */
export function describeE4Subscription(
  customerId: string,
  subscription: Subscription,
  now: Date,
  soonWithinDays: number,
): E4Subscription {
  const end = subscriptionEndDate(subscription, now);
  const daysLeft = daysOfServiceLeft(end, now);
  return {
    customerId,
    subscriptionId: subscription.id,
    offerId: subscription.offerId,
    offerName: subscription.offerName,
    friendlyName: subscription.friendlyName,
    status: subscription.status,
    autoRenewEnabled: subscription.autoRenewEnabled,
    seats: subscription.quantity,
    contractType: subscription.contractType,
    end,
    ...(daysLeft === undefined ? {} : { daysLeft }),
    state: classify(subscription, daysLeft, soonWithinDays),
  };
}

function classify(
  subscription: Subscription,
  daysLeft: number | undefined,
  soonWithinDays: number,
): E4SubscriptionState {
  switch (subscription.status) {
    case 'suspended':
      return 'suspended';
    case 'deleted':
      return 'cancelled';
    case 'expired':
    case 'disabled':
      return 'expired';
    case 'pending':
    case 'none':
      return 'pending';
    case 'active':
      break;
  }
  // Partner Center flips the status lazily; a passed end date is expired whatever the status says.
  if (daysLeft !== undefined && daysLeft < 0) return 'expired';
  // A subscription that renews doesn't end, so neither its date nor its absence is a worry.
  if (subscription.autoRenewEnabled) return 'active';
  if (daysLeft === undefined) return 'endDateUnknown';
  return daysLeft <= soonWithinDays ? 'expiringSoon' : 'active';
}

/** True when the subscription is running, won't renew, and its service ends within `withinDays`. */
export function endsWithin(subscription: E4Subscription, withinDays: number): boolean {
  return (
    subscription.status === 'active' &&
    !subscription.autoRenewEnabled &&
    subscription.daysLeft !== undefined &&
    subscription.daysLeft >= 0 &&
    subscription.daysLeft <= withinDays
  );
}
