import { isPartnerCenterError } from '../../errors.js';
import type { CartLineItem, Order } from '../../partner-center/models.js';
import type { NewCartLineItem } from '../../partner-center/partnerCenter.js';
import { deriveRequestId } from '../../partner-center/requestIds.js';
import type { PlanTarget } from '../migrationPlan.js';
import { operationKeyOf, purchaseMarkerOf } from '../migrationJournal.js';
import type { BoughtSubscription, MigrationRecord } from '../migrationRecord.js';
import { advance, fail, pause, type StepContext, type StepOutcome } from './stepContext.js';

/**
 * Buying the targets, at most once (DESIGN §5 "Never buy twice"):
 * 1. the intent is journalled before any cart exists; from then on
 * 2. the customer's orders are searched for this migration's marker before anything is bought, so a
 *    crash, a second instance or an unclear answer finds the purchase instead of repeating it;
 * 3. the cart (base and add-on together, one order group) and its checkout carry request ids derived
 *    from the migration, and the cart id is journalled, so a repeat is a replay or "already ordered".
 */
export async function purchaseStep(ctx: StepContext): Promise<StepOutcome> {
  let record = ctx.record;
  const options = { correlationId: record.correlationId, abortSignal: ctx.signal };
  if (!record.purchase.intentAt) {
    record = await ctx.save((next) => {
      next.purchase.intentAt = ctx.clock.now().toISOString();
      next.events.push(ctx.event('purchaseIntent'));
    });
  }
  const existing = await findPurchase(ctx, record);
  if (existing) return bought(ctx, existing, 'purchaseFound');

  let cartId = record.purchase.cartId;
  const attempt = record.purchase.attempt;
  if (!cartId) {
    const cartRequestId = deriveRequestId(operationKeyOf(record), 'cart', attempt);
    const cart = await ctx.partnerCenter.createCart(record.customer.id, cartLines(record), {
      ...options,
      requestId: cartRequestId,
    });
    const refused = cart.lineItems.find((line) => line.error);
    if (refused?.error) return fail('purchaseRefused', refusal(refused));
    cartId = cart.id;
    await ctx.save((next) => {
      next.purchase.cartId = cart.id;
      next.events.push(
        ctx.event('cartCreated', { requestIds: [cartRequestId], partnerCenterIds: [cart.id] }),
      );
    });
  }
  const checkoutRequestId = deriveRequestId(operationKeyOf(record), 'checkout', attempt);
  try {
    const result = await ctx.partnerCenter.checkoutCart(record.customer.id, cartId, {
      ...options,
      requestId: checkoutRequestId,
    });
    const [orderError] = result.orderErrors;
    if (orderError) return fail('purchaseRefused', `${orderError.code}: ${orderError.description}`);
    const subscriptions = subscriptionsIn(result.orders, record);
    if (!subscriptions) return pause('partnerCenterError', 'The order does not list every product bought.');
    return bought(ctx, subscriptions, 'purchased', checkoutRequestId);
  } catch (error) {
    if (!isPartnerCenterError(error)) throw error;
    // No answer, or "already ordered": the checkout may have happened. The orders say whether it did.
    if (error.isOutcomeUnknown || error.errorCode === alreadyOrderedCode) {
      const found = await findPurchase(ctx, record);
      if (found) return bought(ctx, found, 'purchaseFound', checkoutRequestId);
      if (error.isOutcomeUnknown) throw error; // the worker tries again later, looking first again
      return pause('partnerCenterError', `${error.errorCode}: ${error.description}`);
    }
    if (error.status === 400 || error.status === 403 || error.status === 409) {
      return fail('purchaseRefused', `${error.errorCode ?? error.status}: ${error.description}`);
    }
    throw error;
  }
}

/** Partner Center's code for checking out a cart that was already ordered. */
const alreadyOrderedCode = '4018';

function cartLines(record: MigrationRecord): NewCartLineItem[] {
  const friendlyName = purchaseMarkerOf(record);
  return record.targets.map((target) => ({
    catalogItemId: target.catalogItemId,
    quantity: record.quantity,
    billingCycle: record.billingCycle,
    termDuration: record.termDuration,
    friendlyName,
  }));
}

function refusal(line: CartLineItem): string {
  return `${line.error?.errorCode ?? ''}: ${line.error?.errorDescription ?? ''} (${line.catalogItemId})`;
}

/** This migration's purchase in the customer's orders, found by the marker on its line items. */
export async function findPurchase(
  ctx: StepContext,
  record: MigrationRecord,
): Promise<BoughtSubscription[] | undefined> {
  const marker = purchaseMarkerOf(record);
  const orders = await ctx.partnerCenter.listOrders(record.customer.id, {
    correlationId: record.correlationId,
    abortSignal: ctx.signal,
  });
  const ours = orders.filter(
    (order) => order.status !== 'cancelled' && order.lineItems.some((line) => line.friendlyName === marker),
  );
  if (ours.length === 0) return undefined;
  return subscriptionsIn(ours, record);
}

/** The subscription bought for each target, or undefined when an order doesn't account for one. */
function subscriptionsIn(orders: Order[], record: MigrationRecord): BoughtSubscription[] | undefined {
  const bought: BoughtSubscription[] = [];
  for (const target of record.targets) {
    const match = orders
      .flatMap((order) => order.lineItems.map((line) => ({ order, line })))
      .find(({ line }) => line.subscriptionId && isLineFor(line.offerId, target));
    if (!match?.line.subscriptionId) return undefined;
    bought.push({
      role: target.role,
      subscriptionId: match.line.subscriptionId,
      licenseSkuId: target.licenseSkuId,
      orderId: match.order.id,
    });
  }
  return bought;
}

/** Order lines name the catalog item (product:sku:availability) or at least product:sku. */
function isLineFor(offerId: string, target: PlanTarget): boolean {
  const offer = offerId.toLowerCase();
  return (
    offer === target.catalogItemId.toLowerCase() ||
    offer.startsWith(`${target.productId}:${target.skuId}`.toLowerCase())
  );
}

function bought(
  ctx: StepContext,
  subscriptions: BoughtSubscription[],
  event: 'purchased' | 'purchaseFound',
  requestId?: string,
): StepOutcome {
  const orderIds = [...new Set(subscriptions.map((subscription) => subscription.orderId))];
  return advance('provisioning', {
    event: ctx.event(event, {
      ...(requestId ? { requestIds: [requestId] } : {}),
      partnerCenterIds: [...orderIds, ...subscriptions.map((subscription) => subscription.subscriptionId)],
    }),
    apply: (next) => {
      next.purchase.orderIds = orderIds;
      next.purchase.subscriptions = subscriptions;
    },
  });
}
