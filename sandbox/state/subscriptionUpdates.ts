import type { SubscriptionStatus } from '../../src/services/partner-center/models.js';
import { callFields, type CallContext } from '../callContext.js';
import type { Ledger } from '../ledger.js';
import {
  invalidInput,
  ok,
  parsed,
  pcError,
  PcErrorCode,
  unreadable,
  type Parsed,
  type PcResult,
} from '../pcErrors.js';
import { lowerKeys } from '../wireInput.js';
import type { CustomerState } from './customerState.js';
import type { SubscriptionRecord } from './records.js';
import { etagOf, toSubscription } from './views.js';

/**
 * `PATCH /v1/customers/{cid}/subscriptions/{sid}`: the caller sends the full resource (or just the
 * fields it changes); fields equal to the current value are no change. Rules, in the order checked:
 * deleted → 2011; stale `If-Match` → 2055; then each change's own rule (see `statusRefusal`).
 */

/** Largest seat count the sandbox accepts (the 5,000-user demo tenant must fit). */
export const maxQuantity = 100_000;

/** The changeable fields of a PATCH body, read with any key casing. */
export interface SubscriptionPatchInput {
  status?: string;
  quantity?: unknown;
  autoRenewEnabled?: unknown;
  friendlyName?: unknown;
}

/** Reads a PATCH body; a 400 when it isn't an object. */
export function parseSubscriptionPatch(body: unknown): Parsed<SubscriptionPatchInput> {
  const fields = lowerKeys(body);
  if (!fields) return unreadable('The request body must be a Subscription object.');
  if (fields.status !== undefined && typeof fields.status !== 'string')
    return unreadable('status must be a string.');
  return parsed({
    status: fields.status?.toLowerCase(),
    quantity: fields.quantity,
    autoRenewEnabled: fields.autorenewenabled,
    friendlyName: fields.friendlyname,
  });
}

/** Normalises an `If-Match` value (quotes and weak prefix are not part of the tag). */
function bareEtag(value: string): string {
  return value
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
}

function isInsideCancellationWindow(sub: SubscriptionRecord, nowMs: number): boolean {
  return (
    sub.cancellationAllowedUntilDate !== undefined && nowMs <= Date.parse(sub.cancellationAllowedUntilDate)
  );
}

const notAllowed = (description: string) => pcError(400, PcErrorCode.updateNotAllowed, description);

function cancelRefusal(sub: SubscriptionRecord, nowMs: number): PcResult | undefined {
  if (sub.contractType === 'legacy') {
    return notAllowed(
      `Legacy subscription ${sub.id} can't be cancelled; suspend it instead (it is de-provisioned 120 days later).`,
    );
  }
  if (!isInsideCancellationWindow(sub, nowMs)) {
    return notAllowed(
      `Subscription ${sub.id} can no longer be cancelled: its cancellation window ended at ` +
        `${sub.cancellationAllowedUntilDate ?? 'creation'}. Reduce seats at renewal or suspend it instead.`,
    );
  }
  return undefined;
}

function statusRefusal(
  customer: CustomerState,
  sub: SubscriptionRecord,
  to: string,
  nowMs: number,
): PcResult | undefined {
  if (to !== 'active' && to !== 'suspended' && to !== 'deleted') {
    return invalidInput(`Status '${to}' can't be set; use active, suspended or deleted.`);
  }
  if (sub.status === 'expired' || sub.status === 'disabled') {
    return notAllowed(`Subscription ${sub.id} has ended (status ${sub.status}) and can't be changed.`);
  }
  if (to === 'deleted') return cancelRefusal(sub, nowMs);
  if (sub.status === 'pending') {
    return notAllowed(`Subscription ${sub.id} is still being provisioned; try again when it is active.`);
  }
  if (to === 'active' && sub.parentSubscriptionId) {
    const parent = customer.findSubscription(sub.parentSubscriptionId);
    if (parent && parent.status !== 'active') {
      return pcError(
        409,
        PcErrorCode.parentNotActive,
        `Add-on subscription ${sub.id} can't be activated while its parent ${parent.id} is ${parent.status}.`,
      );
    }
  }
  return undefined;
}

function quantityRefusal(sub: SubscriptionRecord, quantity: unknown, statusAfter: string, nowMs: number) {
  if (typeof quantity !== 'number' || !Number.isInteger(quantity))
    return invalidInput('quantity must be an integer.');
  if (quantity < 1 || quantity > maxQuantity) {
    return pcError(
      400,
      PcErrorCode.quantityOutOfRange,
      `Quantity ${quantity} is outside the allowed range 1–${maxQuantity}.`,
    );
  }
  if (statusAfter === 'suspended') {
    return pcError(
      400,
      PcErrorCode.quantityWhileSuspended,
      `The quantity of suspended subscription ${sub.id} can't change.`,
    );
  }
  if (statusAfter !== 'active')
    return notAllowed(`The quantity of ${statusAfter} subscription ${sub.id} can't change.`);
  if (
    sub.contractType === 'newCommerce' &&
    quantity < sub.quantity &&
    !isInsideCancellationWindow(sub, nowMs)
  ) {
    return notAllowed(
      `Seats of subscription ${sub.id} can be reduced only until ${sub.cancellationAllowedUntilDate ?? 'creation'}.`,
    );
  }
  return undefined;
}

type Change = {
  field: 'status' | 'quantity' | 'autoRenewEnabled' | 'friendlyName';
  to: string | number | boolean;
};

function plannedChanges(
  customer: CustomerState,
  sub: SubscriptionRecord,
  input: SubscriptionPatchInput,
  nowMs: number,
): Change[] | PcResult {
  const changes: Change[] = [];
  const statusAfter = input.status ?? sub.status;
  if (input.status !== undefined && input.status !== sub.status) {
    const refused = statusRefusal(customer, sub, input.status, nowMs);
    if (refused) return refused;
    changes.push({ field: 'status', to: input.status });
  }
  if (input.quantity !== undefined && input.quantity !== sub.quantity) {
    const refused = quantityRefusal(sub, input.quantity, statusAfter, nowMs);
    if (refused) return refused;
    changes.push({ field: 'quantity', to: input.quantity as number });
  }
  if (input.autoRenewEnabled !== undefined && input.autoRenewEnabled !== sub.autoRenewEnabled) {
    if (typeof input.autoRenewEnabled !== 'boolean')
      return invalidInput('autoRenewEnabled must be a boolean.');
    if (input.autoRenewEnabled && sub.isRetiredOffer) {
      return notAllowed(`${sub.offerName} is retired; subscription ${sub.id} can't be set to renew.`);
    }
    changes.push({ field: 'autoRenewEnabled', to: input.autoRenewEnabled });
  }
  if (input.friendlyName !== undefined && input.friendlyName !== sub.friendlyName) {
    if (typeof input.friendlyName !== 'string') return invalidInput('friendlyName must be a string.');
    changes.push({ field: 'friendlyName', to: input.friendlyName });
  }
  return changes;
}

function setStatus(sub: SubscriptionRecord, to: SubscriptionStatus, nowMs: number): void {
  sub.status = to;
  if (to === 'suspended') {
    sub.suspendedAt = new Date(nowMs).toISOString();
    sub.suspensionReasons = ['PartnerInitiated'];
  } else if (to === 'active') {
    sub.suspendedAt = undefined;
    sub.suspensionReasons = undefined;
  }
}

/** Applies a PATCH to one subscription, or refuses it without changing anything. */
export function patchSubscription(
  customer: CustomerState,
  sub: SubscriptionRecord,
  input: SubscriptionPatchInput,
  ifMatch: string | undefined,
  call: CallContext,
  ledger: Ledger,
): PcResult {
  if (sub.status === 'deleted') {
    return pcError(
      400,
      PcErrorCode.subscriptionDeleted,
      `Subscription ${sub.id} is in deleted status and cannot be updated.`,
    );
  }
  // If-Match is optional (Partner Center accepts PATCH without it; `*` matches any); a stale one is refused.
  if (ifMatch !== undefined && bareEtag(ifMatch) !== '*' && bareEtag(ifMatch) !== etagOf(sub)) {
    return pcError(
      400,
      PcErrorCode.staleEtag,
      'Etag is no longer valid. Get the latest subscription and try again.',
    );
  }
  const changes = plannedChanges(customer, sub, input, call.nowMs);
  if (!Array.isArray(changes)) return changes;
  const record = (
    target: SubscriptionRecord,
    change: Change,
    from: Change['to'],
    reason: 'patch' | 'cascade',
  ) =>
    ledger.record({
      ...callFields(call, customer.id),
      kind: 'subscriptionChange',
      subscriptionId: target.id,
      field: change.field,
      from,
      to: change.to,
      reason,
    });
  for (const change of changes) {
    const from = sub[change.field];
    if (change.field === 'status') setStatus(sub, change.to as SubscriptionStatus, call.nowMs);
    else Object.assign(sub, { [change.field]: change.to });
    record(sub, change, from, 'patch');
    if (change.field === 'status' && (change.to === 'suspended' || change.to === 'deleted')) {
      // Add-ons follow their base subscription down (Partner Center suspends them with it).
      for (const child of customer.subscriptions.values()) {
        if (child.parentSubscriptionId?.toLowerCase() !== sub.id.toLowerCase() || child.status !== 'active')
          continue;
        const childFrom = child.status;
        setStatus(child, change.to, call.nowMs);
        child.version++;
        record(child, change, childFrom, 'cascade');
      }
    }
  }
  if (changes.length > 0) sub.version++;
  return ok(toSubscription(customer.id, sub));
}
