import { PartnerCenterError } from '../../../../src/services/errors.js';
import type { PlannerPartnerCenter } from '../../../../src/services/migration/migrationPlanner.js';
import type {
  Availability,
  Customer,
  CustomerUser,
  License,
  SubscribedSku,
  Subscription,
} from '../../../../src/services/partner-center/models.js';
import { pagedIterable } from '../../../../src/services/partner-center/paging.js';

/** A user of the fake tenant with its licenses. */
export interface FakeUser {
  user: CustomerUser;
  licenses: License[];
}

/**
 * An in-memory `PartnerCenter` holding one customer, for planner unit tests. Only the reads the
 * planner makes are implemented; everything else throws. Counts calls and license reads in flight.
 */
export class FakePartnerCenter implements PlannerPartnerCenter {
  users: FakeUser[] = [];
  subscriptions: Subscription[] = [];
  subscribedSkus: SubscribedSku[] = [];
  hasAgreement = true;
  /** `COUNTRY|productId|skuId` → availabilities; missing keys answer []. */
  availabilities = new Map<string, Availability[]>();
  /** Status to answer user-scoped reads with (e.g. 403). */
  userReadsFailWith: number | undefined;
  calls: string[] = [];
  licenseReadsInFlight = 0;
  maxLicenseReadsInFlight = 0;

  constructor(readonly customer: Customer) {}

  getCustomer(customerId: string): Promise<Customer | undefined> {
    this.calls.push('getCustomer');
    return Promise.resolve(customerId === this.customer.id ? this.customer : undefined);
  }

  listSubscriptions(): Promise<Subscription[]> {
    this.calls.push('listSubscriptions');
    return Promise.resolve(this.subscriptions);
  }

  listSubscribedSkus(): Promise<SubscribedSku[]> {
    this.calls.push('listSubscribedSkus');
    return this.userRead(() => this.subscribedSkus);
  }

  listCustomerUsers(_customerId: string, options?: { size?: number }) {
    const size = options?.size ?? 500;
    return pagedIterable<CustomerUser>({ path: '/v1/0' }, async (page) => {
      this.calls.push('listCustomerUsers');
      const start = Number(page.path.slice('/v1/'.length));
      const items = await this.userRead(() =>
        this.users.slice(start, start + size).map((entry) => entry.user),
      );
      const next = start + size < this.users.length ? { path: `/v1/${start + size}` } : undefined;
      return { items, next };
    });
  }

  async listUserLicenses(_customerId: string, userId: string): Promise<License[]> {
    this.calls.push('listUserLicenses');
    this.licenseReadsInFlight++;
    this.maxLicenseReadsInFlight = Math.max(this.maxLicenseReadsInFlight, this.licenseReadsInFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.licenseReadsInFlight--;
    return this.userRead(() => this.users.find((entry) => entry.user.id === userId)?.licenses ?? []);
  }

  listCustomerAgreements() {
    this.calls.push('listCustomerAgreements');
    return Promise.resolve(
      this.hasAgreement
        ? [
            {
              templateId: 't',
              agreementType: 'MicrosoftCustomerAgreement' as const,
              dateAgreed: '2024-01-01',
            },
          ]
        : [],
    );
  }

  listAvailabilities(country: string, productId: string, skuId: string): Promise<Availability[]> {
    this.calls.push(`listAvailabilities ${country} ${productId}`);
    return Promise.resolve(this.availabilities.get(`${country}|${productId}|${skuId}`) ?? []);
  }

  /** Makes a product sold in a market with the sandbox's terms. */
  sell(country: string, productId: string, skuId = '0001'): void {
    this.availabilities.set(`${country}|${productId}|${skuId}`, [
      {
        id: `AV${country}`,
        productId,
        skuId,
        catalogItemId: `${productId}:${skuId}:AV${country}`,
        country,
        terms: [
          { duration: 'P1Y', billingCycle: 'monthly' },
          { duration: 'P1Y', billingCycle: 'annual' },
          { duration: 'P1M', billingCycle: 'monthly' },
        ],
      },
    ]);
  }

  private userRead<T>(read: () => T): Promise<T> {
    if (this.userReadsFailWith !== undefined) {
      return Promise.reject(
        new PartnerCenterError({
          status: this.userReadsFailWith,
          description: 'Forbidden',
          requestId: 'req-1',
          correlationId: 'corr-1',
          method: 'GET',
          path: '/v1/customers/x/users',
        }),
      );
    }
    return Promise.resolve(read());
  }
}
