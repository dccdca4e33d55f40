import type { SubscriptionStatus } from '../../src/services/partner-center/models.js';
import { dayMs } from '../clock.js';
import type { Ledger, SubscriptionChangeReason } from '../ledger.js';
import type { CustomerState } from './customerState.js';
import type { SubscriptionRecord } from './records.js';
import { serviceEndMs } from './subscriptionDates.js';

/**
 * Time-driven subscription changes, applied lazily: before any request touches a customer, every
 * transition that fell due by sandbox "now" is applied and recorded (caller `system`, at the instant it
 * was due). Lazy rather than timer-driven, so moving the clock 120 days ahead takes effect at once and
 * 10,000 idle customers cost nothing.
 *
 * - `pending` → `active` when provisioning completes (checkout's provisioning delay);
 * - `suspended` → `deleted` 120 days after suspension (de-provisioned; can't be reactivated then);
 * - `active` → `expired` at the service end of a subscription that doesn't auto-renew;
 * - `expired` → `disabled` 30 days later (Entra's grace period ends; licenses stop working).
 */

/** A suspended subscription is de-provisioned this long after suspension (the E4 migration guide). */
export const deprovisionAfterMs = 120 * dayMs;
/** An expired subscription's licenses keep working this long (Entra's warning state). */
export const expiredGraceMs = 30 * dayMs;

interface Transition {
  to: SubscriptionStatus;
  atMs: number;
  reason: SubscriptionChangeReason;
}

function nextTransition(sub: SubscriptionRecord, nowMs: number): Transition | undefined {
  switch (sub.status) {
    case 'pending':
      return sub.provisionedAtMs === undefined
        ? undefined
        : { to: 'active', atMs: sub.provisionedAtMs, reason: 'provisioned' };
    case 'suspended':
      return sub.suspendedAt === undefined
        ? undefined
        : { to: 'deleted', atMs: Date.parse(sub.suspendedAt) + deprovisionAfterMs, reason: 'deprovisioned' };
    case 'active': {
      const end = sub.autoRenewEnabled ? undefined : serviceEndMs(sub, nowMs);
      return end === undefined ? undefined : { to: 'expired', atMs: end, reason: 'expired' };
    }
    case 'expired': {
      const end = serviceEndMs(sub, nowMs);
      return end === undefined
        ? undefined
        : { to: 'disabled', atMs: end + expiredGraceMs, reason: 'disabled' };
    }
    default:
      return undefined;
  }
}

/** Applies every transition due by `nowMs` to the customer's subscriptions. */
export function settleCustomer(customer: CustomerState, nowMs: number, ledger: Ledger): void {
  for (const sub of customer.subscriptions.values()) {
    // A long clock jump can chain transitions (pending → active → expired); each is recorded.
    for (let step = 0; step < 4; step++) {
      const transition = nextTransition(sub, nowMs);
      if (!transition || transition.atMs > nowMs) break;
      const from = sub.status;
      sub.status = transition.to;
      sub.version++;
      if (transition.to === 'active') sub.provisionedAtMs = undefined;
      ledger.record({
        kind: 'subscriptionChange',
        at: new Date(transition.atMs).toISOString(),
        caller: { kind: 'system' },
        customerId: customer.id,
        subscriptionId: sub.id,
        field: 'status',
        from,
        to: transition.to,
        reason: transition.reason,
      });
    }
  }
}
