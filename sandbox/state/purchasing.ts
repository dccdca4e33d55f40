import { randomUUID } from 'node:crypto';

import type {
  BillingCycle,
  CartCheckoutResult,
  CartLineItem,
} from '../../src/services/partner-center/models.js';
import { callFields, type CallContext } from '../callContext.js';
import { catalogEntryForItem, catalogTerms, currencyOf, judgePurchase } from '../catalog.js';
import { dayMs } from '../clock.js';
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
import type { CartRecord, SubscriptionRecord } from './records.js';
import { addTerm, midnightIso } from './subscriptionDates.js';
import { maxQuantity } from './subscriptionUpdates.js';
import { toOrder } from './views.js';

/**
 * New-commerce purchases: create a cart, check it out.
 *
 * Where refusals show (one rule, kept consistently): whether an item may be bought at all — retired
 * offers such as E4 (any legacy offer id), items not sold in the customer's market — is judged once, at
 * cart creation, and carried on the line item's `error` (`errorCode` 2091). The cart is still created
 * (201). Checkout never buys a line that carries an error: the whole order group holding it goes to
 * `orderErrors` with the same code, so a base product and its add-on are bought together or not at
 * all. Customer-level refusals answer the checkout itself: no Microsoft Customer Agreement → 403 13605.
 */

/** Carts expire a week after creation (not enforced; shown as Partner Center shows it). */
const cartLifetimeMs = 7 * dayMs;
/** New-commerce subscriptions can be cancelled for 7 days (168 hours) after purchase. */
export const cancellationWindowMs = 7 * dayMs;

type NewLine = Omit<CartLineItem, 'orderGroup' | 'currencyCode'>;

function parseLine(raw: unknown, index: number): Parsed<NewLine> {
  const fields = lowerKeys(raw);
  if (!fields || typeof fields.catalogitemid !== 'string') {
    return unreadable(`Line item ${index} needs a catalogItemId.`);
  }
  const quantity = fields.quantity;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity)) {
    return unreadable(`Line item ${index}: quantity must be an integer.`);
  }
  if (quantity < 1 || quantity > maxQuantity) {
    const description = `Line item ${index}: quantity ${quantity} is outside 1–${maxQuantity}.`;
    return { ok: false, error: pcError(400, PcErrorCode.quantityOutOfRange, description) };
  }
  const billingCycle =
    typeof fields.billingcycle === 'string' ? fields.billingcycle.toLowerCase() : 'monthly';
  const termDuration = typeof fields.termduration === 'string' ? fields.termduration.toUpperCase() : 'P1Y';
  if (!catalogTerms.some((term) => term.duration === termDuration && term.billingCycle === billingCycle)) {
    return unreadable(
      `Line item ${index}: term ${termDuration} with billing ${billingCycle} is not offered.`,
    );
  }
  const line: NewLine = {
    id: typeof fields.id === 'number' ? fields.id : index,
    catalogItemId: fields.catalogitemid,
    quantity,
    billingCycle: billingCycle as BillingCycle,
    termDuration,
  };
  if (typeof fields.friendlyname === 'string') line.friendlyName = fields.friendlyname;
  if (typeof fields.parentsubscriptionid === 'string')
    line.parentSubscriptionId = fields.parentsubscriptionid;
  return parsed(line);
}

/** `POST /v1/customers/{cid}/carts` → 201 Cart. */
export function createCart(
  customer: CustomerState,
  body: unknown,
  call: CallContext,
  ledger: Ledger,
): PcResult {
  const fields = lowerKeys(body);
  const rawLines = fields?.lineitems;
  if (!Array.isArray(rawLines) || rawLines.length === 0 || rawLines.length > 50) {
    return invalidInput('A cart needs between 1 and 50 lineItems.');
  }
  const groups = new Map<string, string>();
  const lineItems: CartLineItem[] = [];
  for (const [index, raw] of rawLines.entries()) {
    const read = parseLine(raw, index);
    if (!read.ok) return read.error;
    const parsedLine = read.value;
    if (parsedLine.parentSubscriptionId && !customer.findSubscription(parsedLine.parentSubscriptionId)) {
      return invalidInput(
        `Line item ${index}: parent subscription ${parsedLine.parentSubscriptionId} not found.`,
      );
    }
    const verdict = judgePurchase(parsedLine.catalogItemId, customer.country);
    if (!verdict.ok && verdict.code === 'unknown')
      return invalidInput(`Line item ${index}: ${verdict.description}`);
    const groupKey = `${parsedLine.termDuration}|${parsedLine.billingCycle}`;
    const orderGroup = groups.get(groupKey) ?? String(groups.size);
    groups.set(groupKey, orderGroup);
    const line: CartLineItem = {
      ...parsedLine,
      currencyCode: currencyOf(customer.country) ?? 'USD',
      orderGroup,
    };
    if (verdict.ok) line.catalogItemId = verdict.catalogItemId;
    else line.error = { errorCode: PcErrorCode.offerNotAvailable, errorDescription: verdict.description };
    lineItems.push(line);
  }
  const cart: CartRecord = {
    id: randomUUID(),
    creationTimestamp: new Date(call.nowMs).toISOString(),
    lastModifiedTimestamp: new Date(call.nowMs).toISOString(),
    expirationTimestamp: new Date(call.nowMs + cartLifetimeMs).toISOString(),
    status: 'Active',
    lineItems,
    attributes: { objectType: 'Cart' },
  };
  customer.carts.set(cart.id.toLowerCase(), cart);
  ledger.record({
    ...callFields(call, customer.id),
    kind: 'cartCreated',
    cartId: cart.id,
    lineItems: lineItems.map((line) => ({
      catalogItemId: line.catalogItemId,
      quantity: line.quantity,
      ...(line.friendlyName === undefined ? {} : { friendlyName: line.friendlyName }),
      ...(line.error ? { errorCode: line.error.errorCode } : {}),
    })),
  });
  return ok(cart, 201);
}

function newSubscription(
  line: CartLineItem,
  orderId: string,
  nowMs: number,
  provisioningDelayMs: number,
): SubscriptionRecord {
  // Only lines without an error get here, so the catalog knows the item.
  const item = catalogEntryForItem(line.catalogItemId);
  const [productId = '', skuId = ''] = line.catalogItemId.split(':');
  const title = item?.title ?? line.catalogItemId;
  const endDay = addTerm(nowMs, line.termDuration) - dayMs;
  const record: SubscriptionRecord = {
    id: randomUUID(),
    offerId: `${productId}:${skuId}`,
    offerName: title,
    friendlyName: line.friendlyName ?? title,
    quantity: line.quantity,
    status: provisioningDelayMs > 0 ? 'pending' : 'active',
    autoRenewEnabled: true,
    contractType: 'newCommerce',
    creationDate: new Date(nowMs).toISOString(),
    effectiveStartDate: new Date(nowMs).toISOString(),
    commitmentEndDate: midnightIso(endDay),
    billingCycle: line.billingCycle,
    termDuration: line.termDuration,
    orderId,
    cancellationAllowedUntilDate: new Date(nowMs + cancellationWindowMs).toISOString(),
    licenseSkuId: item?.licenseSkuId,
    isRetiredOffer: false,
    version: 1,
  };
  if (line.parentSubscriptionId) record.parentSubscriptionId = line.parentSubscriptionId;
  if (provisioningDelayMs > 0) record.provisionedAtMs = nowMs + provisioningDelayMs;
  return record;
}

/** `POST /v1/customers/{cid}/carts/{id}/checkout` → 201 CartCheckoutResult. */
export function checkoutCart(
  customer: CustomerState,
  cartId: string,
  call: CallContext,
  ledger: Ledger,
  provisioningDelayMs: number,
): PcResult {
  const cart = customer.carts.get(cartId.toLowerCase());
  if (!cart) return pcError(404, PcErrorCode.notFound, `Cart ${cartId} not found.`);
  if (cart.status === 'Ordered') {
    return pcError(
      400,
      PcErrorCode.unableToProcessOrder,
      `Unable to process order: cart ${cart.id} has already been ordered.`,
    );
  }
  if (!customer.hasAcceptedAgreement) {
    return pcError(
      403,
      PcErrorCode.agreementRequired,
      `Customer ${customer.id} has not accepted the Microsoft Customer Agreement. Attest the customer's ` +
        'acceptance before making a purchase.',
    );
  }
  const result: CartCheckoutResult = {
    orders: [],
    orderErrors: [],
    attributes: { objectType: 'CartCheckoutResult' },
  };
  const groups = new Map<string, CartLineItem[]>();
  for (const line of cart.lineItems) {
    const group = line.orderGroup ?? '0';
    groups.set(group, [...(groups.get(group) ?? []), line]);
  }
  for (const [orderGroupId, lines] of groups) {
    const failed = lines.find((line) => line.error);
    if (failed?.error) {
      result.orderErrors.push({
        orderGroupId,
        code: failed.error.errorCode,
        description: failed.error.errorDescription,
      });
      continue;
    }
    const orderId = randomUUID();
    const subs = lines.map((line) => newSubscription(line, orderId, call.nowMs, provisioningDelayMs));
    for (const sub of subs) customer.addSubscription(sub);
    const first = lines[0];
    const order = {
      id: orderId,
      cartId: cart.id,
      creationDate: new Date(call.nowMs).toISOString(),
      billingCycle: first?.billingCycle ?? 'monthly',
      currencyCode: first?.currencyCode,
      lineItems: lines.map((line, index) => ({
        lineItemNumber: index,
        offerId: line.catalogItemId,
        subscriptionId: subs[index]?.id,
        termDuration: line.termDuration,
        transactionType: 'New',
        friendlyName: line.friendlyName,
        quantity: line.quantity,
      })),
    };
    customer.orders.set(orderId.toLowerCase(), order);
    ledger.record({
      ...callFields(call, customer.id),
      kind: 'purchase',
      orderId,
      cartId: cart.id,
      lineItems: lines.map((line, index) => ({
        catalogItemId: line.catalogItemId,
        quantity: line.quantity,
        ...(line.friendlyName === undefined ? {} : { friendlyName: line.friendlyName }),
        subscriptionId: subs[index]?.id ?? '',
      })),
      subscriptionIds: subs.map((sub) => sub.id),
    });
    result.orders.push(toOrder(customer, order));
  }
  cart.status = 'Ordered';
  cart.lastModifiedTimestamp = new Date(call.nowMs).toISOString();
  return ok(result, 201);
}
