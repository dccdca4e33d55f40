import type { Cart, Order, Subscription } from '../../src/services/partner-center/models.js';
import { licenseSku } from '../licensing/licenseSkus.js';
import type { CustomerState } from './customerState.js';
import { licenseWorks, skuUnitsOf, type SkuUnits } from './skuUnits.js';
import { toOrder, toSubscription } from './views.js';

/**
 * The truth about one customer, for tests and benchmarks (`GET /_sandbox/customers/{id}/state`): what
 * Partner Center's answers only approximate (reported consumed units lag; licenses don't say whether
 * they work).
 */

/** A license a user holds, and whether it gives service right now. */
export interface InternalLicense {
  skuId: string;
  skuPartNumber: string;
  excludedPlans: string[];
  assignedByGroup?: string;
  works: boolean;
}

/** A user with their licenses. */
export interface InternalUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  usageLocation?: string;
  licenses: InternalLicense[];
}

/** Seats and use of one license SKU. */
export interface InternalSku extends SkuUnits {
  skuPartNumber: string;
  /** Users holding it now. */
  assignedUnits: number;
  /** What subscribed SKUs report (lagging). */
  reportedConsumedUnits: number;
}

/** A subscription in wire shape plus the sandbox's view of it. */
export type InternalSubscription = Subscription & {
  licenseSkuId?: string;
  /** Users holding the subscription's SKU now (SKU-level: Entra counts per SKU, not per subscription). */
  consumedUnits: number;
  /** When a pending subscription becomes active. */
  provisionedAt?: string;
};

/** The whole oracle answer. */
export interface InternalCustomerState {
  customer: {
    id: string;
    companyName: string;
    domain: string;
    country: string;
    culture: string;
    hasAcceptedAgreement: boolean;
  };
  skus: InternalSku[];
  subscriptions: InternalSubscription[];
  /** Absent when asked with `?users=false` (the 5,000-user tenant is a big answer). */
  users?: InternalUser[];
  orders: Order[];
  carts: Cart[];
}

/** Builds the oracle view of a customer. */
export function internalStateOf(
  customer: CustomerState,
  nowMs: number,
  lagMs: number,
  includeUsers: boolean,
): InternalCustomerState {
  const units = skuUnitsOf(customer);
  const state: InternalCustomerState = {
    customer: {
      id: customer.id,
      companyName: customer.companyName,
      domain: customer.domain,
      country: customer.country,
      culture: customer.culture,
      hasAcceptedAgreement: customer.hasAcceptedAgreement,
    },
    skus: [...units.values()].map((sku) => ({
      ...sku,
      skuPartNumber: licenseSku(sku.skuId)?.skuPartNumber ?? 'UNKNOWN',
      assignedUnits: customer.assignedUnits(sku.skuId),
      reportedConsumedUnits: customer.reportedConsumedUnits(sku.skuId, nowMs, lagMs),
    })),
    subscriptions: [...customer.subscriptions.values()].map((sub) => ({
      ...toSubscription(customer.id, sub),
      ...(sub.licenseSkuId ? { licenseSkuId: sub.licenseSkuId } : {}),
      consumedUnits: sub.licenseSkuId ? customer.assignedUnits(sub.licenseSkuId) : 0,
      ...(sub.provisionedAtMs === undefined
        ? {}
        : { provisionedAt: new Date(sub.provisionedAtMs).toISOString() }),
    })),
    orders: [...customer.orders.values()].map((order) => toOrder(customer, order)),
    carts: [...customer.carts.values()],
  };
  if (includeUsers) {
    state.users = customer.users.map((user) => ({
      id: user.id,
      userPrincipalName: user.userPrincipalName,
      displayName: user.displayName,
      ...(user.usageLocation ? { usageLocation: user.usageLocation } : {}),
      licenses: user.licenses.map((license) => ({
        skuId: license.skuId,
        skuPartNumber: licenseSku(license.skuId)?.skuPartNumber ?? 'UNKNOWN',
        excludedPlans: license.excludedPlans,
        ...(license.assignedByGroup ? { assignedByGroup: license.assignedByGroup } : {}),
        works: licenseWorks(units, license.skuId),
      })),
    }));
  }
  return state;
}
