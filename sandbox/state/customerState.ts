import { dayMs } from '../clock.js';
import { offerOf } from '../catalog.js';
import type { CustomerSeed, SubscriptionSeed } from '../seeds/seedTypes.js';
import type { CartRecord, OrderRecord, SubscriptionRecord, UserRecord } from './records.js';

/**
 * One customer's world: subscriptions, users and their licenses, orders and carts. Lookups are Maps
 * and per-SKU assignment counts are kept up to date on every change, so a 5,000-user tenant answers
 * any single request without scanning its users (paging walks the user array by index).
 */
export class CustomerState {
  readonly subscriptions = new Map<string, SubscriptionRecord>();
  readonly users: UserRecord[] = [];
  readonly orders = new Map<string, OrderRecord>();
  readonly carts = new Map<string, CartRecord>();
  private readonly userIndex = new Map<string, UserRecord>();
  private readonly assigned = new Map<string, number>();
  /** License changes still inside the consumed-units lag window, per skuId, oldest first. */
  private readonly recentChanges = new Map<string, { atMs: number; delta: number }[]>();

  constructor(
    readonly id: string,
    readonly companyName: string,
    readonly domain: string,
    readonly country: string,
    readonly culture: string,
    readonly hasAcceptedAgreement: boolean,
    readonly agreementDate: string,
  ) {}

  /** Builds the customer from its seed. */
  static fromSeed(seed: CustomerSeed): CustomerState {
    const earliest = seed.subscriptions.map((sub) => sub.creationDate).sort()[0];
    const customer = new CustomerState(
      seed.id,
      seed.companyName,
      seed.domain,
      seed.country.toUpperCase(),
      seed.culture,
      seed.hasAcceptedAgreement,
      seed.agreementDate ?? earliest ?? '2019-01-01T00:00:00Z',
    );
    for (const sub of seed.subscriptions) customer.addSubscription(subscriptionFromSeed(sub));
    for (const user of seed.users) {
      customer.addUser({
        id: user.id,
        userPrincipalName: user.userPrincipalName,
        displayName: user.displayName,
        firstName: user.firstName,
        lastName: user.lastName,
        usageLocation: user.usageLocation,
        licenses: user.licenses.map((license) => ({
          skuId: license.skuId.toLowerCase(),
          excludedPlans: [...(license.excludedPlans ?? [])],
          assignedByGroup: license.assignedByGroup,
        })),
      });
    }
    synthesiseOrders(customer);
    return customer;
  }

  /** Adds a subscription (seed or checkout). */
  addSubscription(record: SubscriptionRecord): void {
    this.subscriptions.set(record.id.toLowerCase(), record);
  }

  /** A subscription by id (case-insensitive). */
  findSubscription(id: string): SubscriptionRecord | undefined {
    return this.subscriptions.get(id.toLowerCase());
  }

  /** Adds a user and counts their licenses (seeded assignments have no lag). */
  addUser(user: UserRecord): void {
    this.users.push(user);
    this.userIndex.set(user.id.toLowerCase(), user);
    this.userIndex.set(user.userPrincipalName.toLowerCase(), user);
    for (const license of user.licenses)
      this.assigned.set(license.skuId, this.assignedUnits(license.skuId) + 1);
  }

  /** A user by object id or UPN (case-insensitive), as Partner Center accepts either. */
  findUser(idOrUpn: string): UserRecord | undefined {
    return this.userIndex.get(idOrUpn.toLowerCase());
  }

  /** Users holding a license of the SKU right now (the truth, without reporting lag). */
  assignedUnits(skuId: string): number {
    return this.assigned.get(skuId.toLowerCase()) ?? 0;
  }

  /** Records that one user gained (+1) or lost (−1) a license of the SKU at `atMs`. */
  noteLicenseChange(skuId: string, delta: number, atMs: number): void {
    const key = skuId.toLowerCase();
    this.assigned.set(key, this.assignedUnits(key) + delta);
    const changes = this.recentChanges.get(key) ?? [];
    changes.push({ atMs, delta });
    this.recentChanges.set(key, changes);
  }

  /**
   * `consumedUnits` as Partner Center reports it: the count as it was `lagMs` ago. Changes older than
   * the lag are forgotten as they age out, so the list stays as short as the window.
   */
  reportedConsumedUnits(skuId: string, nowMs: number, lagMs: number): number {
    const key = skuId.toLowerCase();
    const changes = this.recentChanges.get(key);
    if (!changes) return this.assignedUnits(key);
    const cutoff = nowMs - lagMs;
    let firstRecent = 0;
    while (firstRecent < changes.length && (changes[firstRecent]?.atMs ?? 0) <= cutoff) firstRecent++;
    if (firstRecent > 0) changes.splice(0, firstRecent);
    if (changes.length === 0) this.recentChanges.delete(key);
    const pending = changes.reduce((sum, change) => sum + change.delta, 0);
    return this.assignedUnits(key) - pending;
  }
}

function subscriptionFromSeed(seed: SubscriptionSeed): SubscriptionRecord {
  const offer = offerOf(seed.offerId);
  const record: SubscriptionRecord = {
    id: seed.id,
    offerId: seed.offerId,
    offerName: seed.offerName,
    friendlyName: seed.friendlyName ?? seed.offerName,
    quantity: seed.quantity,
    status: seed.status,
    autoRenewEnabled: seed.autoRenewEnabled,
    contractType: seed.contractType,
    creationDate: seed.creationDate,
    effectiveStartDate: seed.effectiveStartDate ?? seed.creationDate,
    commitmentEndDate: seed.commitmentEndDate,
    billingCycleEndDate: seed.billingCycleEndDate,
    billingCycle: seed.billingCycle,
    termDuration: seed.termDuration,
    parentSubscriptionId: seed.parentSubscriptionId,
    suspendedAt: seed.suspendedAt,
    orderId: seed.orderId,
    licenseSkuId: (seed.skuId ?? offer?.licenseSkuId)?.toLowerCase(),
    isRetiredOffer: offer?.isRetired ?? false,
    version: 1,
  };
  if (seed.status === 'suspended') record.suspensionReasons = ['PartnerInitiated'];
  if (seed.contractType === 'newCommerce') {
    record.cancellationAllowedUntilDate =
      seed.cancellationAllowedUntilDate ?? new Date(Date.parse(seed.creationDate) + 7 * dayMs).toISOString();
  }
  if (seed.status === 'pending') {
    record.provisionedAtMs = seed.provisionedAt
      ? Date.parse(seed.provisionedAt)
      : Date.parse(seed.creationDate);
  }
  return record;
}

/** Seeded subscriptions that name an order get that order, so "list orders" shows history. */
function synthesiseOrders(customer: CustomerState): void {
  for (const sub of customer.subscriptions.values()) {
    if (!sub.orderId) continue;
    const key = sub.orderId.toLowerCase();
    const order = customer.orders.get(key) ?? {
      id: sub.orderId,
      creationDate: sub.creationDate,
      billingCycle: sub.billingCycle,
      lineItems: [],
    };
    order.lineItems.push({
      lineItemNumber: order.lineItems.length,
      offerId: sub.offerId,
      subscriptionId: sub.id,
      termDuration: sub.termDuration,
      transactionType: 'New',
      friendlyName: sub.friendlyName,
      quantity: sub.quantity,
    });
    customer.orders.set(key, order);
  }
}
