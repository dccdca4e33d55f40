/**
 * Partner Center v1 wire shapes, as the service returns them (camelCase; enum values spelled as
 * Partner Center spells them). Source: shared/reference/partner-center-api.md.
 * Only fields this product reads or writes are typed; the rest pass through untouched.
 */

/** A link object as Partner Center returns it (`links.next`, `links.self`, …). */
export interface Link {
  uri: string;
  method: string;
  headers: { key: string; value: string }[];
}

/** `attributes` block carried by every resource. */
export interface ResourceAttributes {
  objectType: string;
  etag?: string;
}

/** A page of a seek-paged collection. `links.next` is present only while more pages exist. */
export interface Collection<T> {
  totalCount: number;
  items: T[];
  links?: { self?: Link; next?: Link };
  attributes: ResourceAttributes;
}

export interface CustomerCompanyProfile {
  tenantId: string;
  domain: string;
  companyName: string;
  attributes?: ResourceAttributes;
}

export interface CustomerBillingProfile {
  defaultAddress?: { country: string; city?: string };
  culture?: string;
  language?: string;
  companyName?: string;
}

export interface Customer {
  id: string;
  companyProfile: CustomerCompanyProfile;
  billingProfile?: CustomerBillingProfile;
  relationshipToPartner: string;
  attributes: ResourceAttributes;
}

/** Subscription status values, spelled as Partner Center spells them. */
export const SubscriptionStatus = {
  none: 'none',
  active: 'active',
  pending: 'pending',
  suspended: 'suspended',
  deleted: 'deleted',
  expired: 'expired',
  disabled: 'disabled',
} as const;
export type SubscriptionStatus = (typeof SubscriptionStatus)[keyof typeof SubscriptionStatus];

export type BillingCycle = 'monthly' | 'annual' | 'none' | 'oneTime' | 'triennial';

export interface Subscription {
  id: string;
  offerId: string;
  offerName: string;
  friendlyName: string;
  quantity: number;
  unitType: string;
  parentSubscriptionId?: string;
  creationDate: string;
  effectiveStartDate: string;
  /** Far in the future for legacy subscriptions that do not auto-renew (see subscriptionEndDate.ts). */
  commitmentEndDate: string;
  /** Not always present; legacy subscriptions carry the current billing period's end. */
  billingCycleEndDate?: string;
  status: SubscriptionStatus;
  autoRenewEnabled: boolean;
  billingType: 'none' | 'usage' | 'license';
  billingCycle: BillingCycle;
  isTrial: boolean;
  suspensionReasons?: string[];
  /** `"legacy"` or `"newCommerce"` in this product's sandbox; decides end-date semantics. */
  contractType: string;
  orderId?: string;
  termDuration?: string;
  /** New-commerce subscriptions can be cancelled only until this instant. */
  cancellationAllowedUntilDate?: string;
  links?: Record<string, Link>;
  attributes: ResourceAttributes;
}

/** Fields that PATCH may change. Partner Center wants the full resource; the client sends it. */
export interface SubscriptionPatch {
  status?: SubscriptionStatus;
  quantity?: number;
  autoRenewEnabled?: boolean;
  friendlyName?: string;
}

export interface ServicePlan {
  displayName: string;
  serviceName: string;
  id: string;
  capabilityStatus: string;
  targetType: string;
}

export interface ProductSku {
  id: string;
  name: string;
  skuPartNumber: string;
  targetType?: string;
  licenseGroupId: string;
}

export interface SubscribedSku {
  availableUnits: number;
  activeUnits: number;
  consumedUnits: number;
  suspendedUnits: number;
  totalUnits: number;
  warningUnits: number;
  productSku: ProductSku;
  servicePlans: ServicePlan[];
  capabilityStatus: string;
  attributes: ResourceAttributes;
}

export interface CustomerUser {
  id: string;
  userPrincipalName: string;
  firstName?: string;
  lastName?: string;
  displayName: string;
  /** Omitted when unset, as Partner Center does. */
  usageLocation?: string;
  userDomainType: string;
  state: 'active' | 'inactive';
  links?: Record<string, Link>;
  attributes: ResourceAttributes;
}

export interface License {
  servicePlans: ServicePlan[];
  productSku: ProductSku;
  /**
   * Sandbox extension: set when the license comes from a group. Partner Center does not return this;
   * production finds group assignment through Graph (later work).
   */
  assignedByGroup?: string;
  attributes: ResourceAttributes;
}

export interface LicenseAssignment {
  skuId: string;
  excludedPlans?: string[] | null;
}

export interface LicenseWarning {
  code: string;
  message: string;
  servicePlans: string[];
}

export interface LicenseUpdate {
  licensesToAssign?: LicenseAssignment[] | null;
  /** SKU ids, not objects (maintainer reply, Partner-Center-PowerShell #129). */
  licensesToRemove?: string[] | null;
  licenseWarnings?: LicenseWarning[];
  attributes: ResourceAttributes;
}

export interface CartLineItem {
  id: number;
  catalogItemId: string;
  quantity: number;
  billingCycle: BillingCycle;
  termDuration: string;
  /** Carries the migration id so a purchase can be found again after a crash (DESIGN §5). */
  friendlyName?: string;
  parentSubscriptionId?: string;
  currencyCode?: string;
  orderGroup?: string;
  error?: { errorCode: number; errorDescription: string };
}

export interface Cart {
  id: string;
  creationTimestamp: string;
  expirationTimestamp: string;
  lastModifiedTimestamp?: string;
  status: 'Active' | 'Ordered';
  lineItems: CartLineItem[];
  attributes?: ResourceAttributes;
}

export interface OrderLineItem {
  lineItemNumber: number;
  offerId: string;
  subscriptionId?: string;
  parentSubscriptionId?: string;
  termDuration?: string;
  transactionType?: string;
  friendlyName?: string;
  quantity: number;
  links?: Record<string, Link>;
}

export type OrderStatus = 'unknown' | 'completed' | 'pending' | 'cancelled';

export interface Order {
  id: string;
  referenceCustomerId: string;
  billingCycle: BillingCycle;
  currencyCode?: string;
  lineItems: OrderLineItem[];
  creationDate: string;
  status: OrderStatus;
  links?: Record<string, Link>;
  attributes: ResourceAttributes;
}

export interface CartCheckoutResult {
  orders: Order[];
  orderErrors: { orderGroupId: string; code: number; description: string }[];
  attributes?: ResourceAttributes;
}

export interface CustomerAgreement {
  templateId: string;
  agreementType: 'MicrosoftCustomerAgreement' | 'MicrosoftCloudAgreement';
  dateAgreed: string;
  primaryContact?: { firstName: string; lastName: string; email: string };
  attributes?: ResourceAttributes;
}

/** A product of the new-commerce catalog (`GET /v1/products?country=..`). */
export interface Product {
  id: string;
  title: string;
  description?: string;
  productType: { id: string; displayName: string };
  attributes?: ResourceAttributes;
}

export interface Sku {
  id: string;
  productId: string;
  title: string;
  description?: string;
  /** Entra skuId used in license updates. */
  licenseSkuId?: string;
  isAddOn?: boolean;
  prerequisiteSkus?: string[];
  attributes?: ResourceAttributes;
}

export interface Availability {
  id: string;
  productId: string;
  skuId: string;
  catalogItemId: string;
  /** Market (ISO country) this availability is for. */
  country: string;
  terms: { duration: string; billingCycle?: BillingCycle; cancellationPolicies?: unknown[] }[];
  attributes?: ResourceAttributes;
}

/** Normal Partner Center error body. A 429 has a different one (see ThrottleErrorBody). */
export interface ErrorBody {
  code: string | number;
  description: string;
  data?: unknown[];
  source?: string;
}

export interface ThrottleErrorBody {
  statusCode: 429;
  message: string;
}
