import type {
  Collection,
  Customer,
  CustomerUser,
  License,
  Link,
  Order,
  OrderStatus,
  ServicePlan,
  SubscribedSku,
  Subscription,
} from '../../src/services/partner-center/models.js';
import { licenseSku } from '../licensing/licenseSkus.js';
import type { CustomerState } from './customerState.js';
import type { OrderRecord, SubscriptionRecord, UserLicenseRecord, UserRecord } from './records.js';
import { licenseWorks, type SkuUnits } from './skuUnits.js';

/** Turns sandbox records into Partner Center's wire shapes (camelCase, PC's enum spellings). */

/** A GET link in Partner Center's shape. */
export function link(uri: string, headers: Link['headers'] = []): Link {
  return { uri, method: 'GET', headers };
}

/** A collection; `totalCount` is the number of items in this page, as Partner Center reports it. */
export function collection<T>(items: T[], links?: Collection<T>['links']): Collection<T> {
  const page: Collection<T> = { totalCount: items.length, items, attributes: { objectType: 'Collection' } };
  if (links) page.links = links;
  return page;
}

/** The eTag of the subscription's current version (opaque to clients). */
export function etagOf(sub: SubscriptionRecord): string {
  return Buffer.from(`${sub.id}:${sub.version}`, 'utf8').toString('base64url');
}

/** A customer as `GET /v1/customers[/{id}]` returns it. */
export function toCustomer(customer: CustomerState): Customer {
  return {
    id: customer.id,
    companyProfile: {
      tenantId: customer.id,
      domain: customer.domain,
      companyName: customer.companyName,
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    billingProfile: {
      defaultAddress: { country: customer.country },
      culture: customer.culture,
      language: customer.culture.split('-')[0] ?? 'en',
      companyName: customer.companyName,
    },
    relationshipToPartner: 'reseller',
    attributes: { objectType: 'Customer' },
  };
}

/** A subscription as Partner Center returns it. */
export function toSubscription(customerId: string, sub: SubscriptionRecord): Subscription {
  const self = `/customers/${customerId}/subscriptions/${sub.id}`;
  const links: Record<string, Link> = { self: link(self) };
  if (sub.parentSubscriptionId) {
    links.parentSubscription = link(`/customers/${customerId}/subscriptions/${sub.parentSubscriptionId}`);
  }
  if (sub.contractType === 'newCommerce') {
    const [productId, skuId] = sub.offerId.split(':');
    links.product = link(`/products/${productId}`);
    links.sku = link(`/products/${productId}/skus/${skuId}`);
  } else {
    links.offer = link(`/offers/${sub.offerId}`);
  }
  const wire: Subscription = {
    id: sub.id,
    offerId: sub.offerId,
    offerName: sub.offerName,
    friendlyName: sub.friendlyName,
    quantity: sub.quantity,
    unitType: 'Licenses',
    creationDate: sub.creationDate,
    effectiveStartDate: sub.effectiveStartDate,
    commitmentEndDate: sub.commitmentEndDate,
    status: sub.status,
    autoRenewEnabled: sub.autoRenewEnabled,
    billingType: 'license',
    billingCycle: sub.billingCycle,
    isTrial: false,
    contractType: sub.contractType,
    links,
    attributes: { etag: etagOf(sub), objectType: 'Subscription' },
  };
  if (sub.billingCycleEndDate) wire.billingCycleEndDate = sub.billingCycleEndDate;
  if (sub.parentSubscriptionId) wire.parentSubscriptionId = sub.parentSubscriptionId;
  if (sub.suspensionReasons && sub.status === 'suspended') wire.suspensionReasons = sub.suspensionReasons;
  if (sub.orderId) wire.orderId = sub.orderId;
  if (sub.termDuration) wire.termDuration = sub.termDuration;
  if (sub.cancellationAllowedUntilDate) wire.cancellationAllowedUntilDate = sub.cancellationAllowedUntilDate;
  return wire;
}

/** A customer user; `usageLocation` is omitted when unset, as Partner Center does. */
export function toCustomerUser(customerId: string, user: UserRecord): CustomerUser {
  const wire: CustomerUser = {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    userDomainType: 'none',
    state: 'active',
    links: { self: link(`/customers/${customerId}/users/${user.id}`) },
    attributes: { objectType: 'CustomerUser' },
  };
  if (user.firstName) wire.firstName = user.firstName;
  if (user.lastName) wire.lastName = user.lastName;
  if (user.usageLocation) wire.usageLocation = user.usageLocation;
  return wire;
}

function productSkuOf(skuId: string) {
  const definition = licenseSku(skuId);
  return {
    id: skuId,
    name: definition?.name ?? skuId,
    skuPartNumber: definition?.skuPartNumber ?? 'UNKNOWN',
    targetType: 'User',
    licenseGroupId: definition?.licenseGroupId ?? 'group1',
  };
}

/**
 * One of a user's licenses. Plan `capabilityStatus`: `Enabled`, `Disabled` for excluded plans, and the
 * SKU's state (`Suspended`, `Deleted`, `Warning`) when the license no longer (fully) works.
 */
export function toLicense(license: UserLicenseRecord, units: Map<string, SkuUnits>): License {
  const skuState = units.get(license.skuId)?.capabilityStatus ?? 'Deleted';
  const works = licenseWorks(units, license.skuId);
  const excluded = new Set(license.excludedPlans.map((id) => id.toLowerCase()));
  const servicePlans: ServicePlan[] = (licenseSku(license.skuId)?.servicePlans ?? []).map((plan) => ({
    displayName: plan.displayName,
    serviceName: plan.serviceName,
    id: plan.id,
    capabilityStatus: excluded.has(plan.id)
      ? 'Disabled'
      : works && skuState === 'Enabled'
        ? 'Enabled'
        : skuState,
    targetType: 'User',
  }));
  const wire: License = {
    servicePlans,
    productSku: productSkuOf(license.skuId),
    attributes: { objectType: 'License' },
  };
  if (license.assignedByGroup) wire.assignedByGroup = license.assignedByGroup;
  return wire;
}

/** One subscribed SKU; `consumedUnits` is the lagged count the caller passes in. */
export function toSubscribedSku(units: SkuUnits, consumedUnits: number): SubscribedSku {
  const definition = licenseSku(units.skuId);
  return {
    availableUnits: Math.max(0, units.activeUnits - consumedUnits),
    activeUnits: units.activeUnits,
    consumedUnits,
    suspendedUnits: units.suspendedUnits,
    totalUnits: units.activeUnits + units.suspendedUnits + units.warningUnits,
    warningUnits: units.warningUnits,
    productSku: productSkuOf(units.skuId),
    servicePlans: (definition?.servicePlans ?? []).map((plan) => ({
      displayName: plan.displayName,
      serviceName: plan.serviceName,
      id: plan.id,
      capabilityStatus: units.capabilityStatus,
      targetType: 'User',
    })),
    capabilityStatus: units.capabilityStatus,
    attributes: { objectType: 'SubscribedSku' },
  };
}

/** An order; `pending` while any of its subscriptions is still provisioning, else `completed`. */
export function toOrder(customer: CustomerState, order: OrderRecord): Order {
  const isPending = order.lineItems.some(
    (item) =>
      item.subscriptionId !== undefined &&
      customer.findSubscription(item.subscriptionId)?.status === 'pending',
  );
  const status: OrderStatus = isPending ? 'pending' : 'completed';
  const base = `/customers/${customer.id}/orders/${order.id}`;
  const wire: Order = {
    id: order.id,
    referenceCustomerId: customer.id,
    billingCycle: order.billingCycle,
    lineItems: order.lineItems.map((item) =>
      item.subscriptionId
        ? {
            ...item,
            links: { subscription: link(`/customers/${customer.id}/subscriptions/${item.subscriptionId}`) },
          }
        : item,
    ),
    creationDate: order.creationDate,
    status,
    links: { self: link(base), provisioningStatus: link(`${base}/provisioningstatus`) },
    attributes: { objectType: 'Order', etag: Buffer.from(`${order.id}:${status}`).toString('base64url') },
  };
  if (order.currencyCode) wire.currencyCode = order.currencyCode;
  return wire;
}
