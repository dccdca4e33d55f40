import type { Subscription } from '../partner-center/models.js';

/**
 * When a subscription's service ends: the one place that decides (DESIGN §11).
 *
 * Partner Center documents `commitmentEndDate` as far in the future for subscriptions that don't
 * auto-renew, while the E4 guide says to read "the end date". So: use `commitmentEndDate` unless it is a
 * far-future sentinel (more than ~5 years ahead), else `billingCycleEndDate`, else the end is unknown —
 * shown as unknown, never guessed. Legacy end dates are exclusive (service ends at the start of that
 * day); new-commerce ones inclusive (service runs through that day).
 */

const dayInMs = 86_400_000;
/** A commitment end further ahead than this is a placeholder, not a date (5 years and a bit). */
export const farFutureThresholdInMs = Math.round(5.05 * 365.25 * dayInMs);

export type SubscriptionEndDate =
  | {
      kind: 'known';
      /** The instant service stops (UTC midnight). */
      serviceEndsAt: Date;
      /** The last calendar day (UTC, `YYYY-MM-DD`) with service: what people are shown. */
      lastServiceDay: string;
      source: 'commitmentEndDate' | 'billingCycleEndDate';
    }
  | { kind: 'unknown' };

type EndDateFields = Pick<Subscription, 'commitmentEndDate' | 'billingCycleEndDate' | 'contractType'>;

/** Reads an ISO date or date-time as the UTC calendar day it names; undefined when unreadable. */
function utcDay(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!match) return undefined;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  // Reject dates that rolled over (2026-02-31) and Partner Center's "no date" value (0001-01-01).
  if (
    Number.isNaN(day.getTime()) ||
    day.toISOString().slice(0, 10) !== match[0] ||
    day.getUTCFullYear() < 1900
  ) {
    return undefined;
  }
  return day;
}

function isLegacy(subscription: EndDateFields): boolean {
  return subscription.contractType.toLowerCase() !== 'newcommerce';
}

/** Decides when the subscription's service ends, relative to `now` for the sentinel check. */
export function subscriptionEndDate(subscription: EndDateFields, now: Date): SubscriptionEndDate {
  const commitment = utcDay(subscription.commitmentEndDate);
  const usable =
    commitment && commitment.getTime() - now.getTime() <= farFutureThresholdInMs
      ? { day: commitment, source: 'commitmentEndDate' as const }
      : (() => {
          const cycle = utcDay(subscription.billingCycleEndDate);
          return cycle ? { day: cycle, source: 'billingCycleEndDate' as const } : undefined;
        })();
  if (!usable) return { kind: 'unknown' };
  const serviceEndsAt = isLegacy(subscription) ? usable.day : new Date(usable.day.getTime() + dayInMs);
  const lastServiceDay = new Date(serviceEndsAt.getTime() - dayInMs).toISOString().slice(0, 10);
  return { kind: 'known', serviceEndsAt, lastServiceDay, source: usable.source };
}

/**
 * Whole days of service left: 0 on the last day of service, negative once it has ended.
 * Undefined when the end is unknown.
 */
export function daysOfServiceLeft(end: SubscriptionEndDate, now: Date): number | undefined {
  if (end.kind === 'unknown') return undefined;
  return Math.floor((end.serviceEndsAt.getTime() - now.getTime()) / dayInMs - 1e-9);
}
