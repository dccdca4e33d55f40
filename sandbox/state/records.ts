import type {
  BillingCycle,
  Cart,
  OrderLineItem,
  SubscriptionStatus,
} from '../../src/services/partner-center/models.js';

/**
 * The sandbox's internal records. Routes turn them into Partner Center's wire shapes (views.ts); the
 * admin state endpoint shows them with the truth the wire hides (true consumed units, whether a license
 * works).
 */

/** A subscription as the sandbox keeps it. */
export interface SubscriptionRecord {
  id: string;
  offerId: string;
  offerName: string;
  friendlyName: string;
  quantity: number;
  status: SubscriptionStatus;
  autoRenewEnabled: boolean;
  contractType: 'legacy' | 'newCommerce';
  creationDate: string;
  effectiveStartDate: string;
  commitmentEndDate: string;
  billingCycleEndDate?: string;
  billingCycle: BillingCycle;
  termDuration?: string;
  parentSubscriptionId?: string;
  /** When it was suspended (ISO): de-provisioning is 120 days later. */
  suspendedAt?: string;
  suspensionReasons?: string[];
  orderId?: string;
  cancellationAllowedUntilDate?: string;
  /** When a pending subscription becomes active (epoch ms). */
  provisionedAtMs?: number;
  /** Entra skuId its seats license; undefined for offers the catalog doesn't know (no licenses). */
  licenseSkuId?: string;
  /** E4: retired, can't be renewed. */
  isRetiredOffer: boolean;
  /** Bumped on every change; the eTag is derived from it. */
  version: number;
}

/** One license a user holds. */
export interface UserLicenseRecord {
  /** Entra skuId (lower case). */
  skuId: string;
  excludedPlans: string[];
  /** Group object id when the license comes from a group (can't be changed per user). */
  assignedByGroup?: string;
}

/** A customer's user. */
export interface UserRecord {
  id: string;
  userPrincipalName: string;
  displayName: string;
  firstName?: string;
  lastName?: string;
  /** Absent when unset: a license can't be assigned then. */
  usageLocation?: string;
  licenses: UserLicenseRecord[];
}

/** An order (from a checkout, or synthesised from seeded subscriptions that name one). */
export interface OrderRecord {
  id: string;
  cartId?: string;
  creationDate: string;
  billingCycle: BillingCycle;
  currencyCode?: string;
  lineItems: OrderLineItem[];
}

/** A cart: the wire shape is the record. */
export type CartRecord = Cart;
