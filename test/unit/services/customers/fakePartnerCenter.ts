import type { Customer, Subscription } from '../../../../src/services/partner-center/models.js';
import type {
  ListCustomersOptions,
  PartnerCenter,
} from '../../../../src/services/partner-center/partnerCenter.js';
import type {
  PagedAsyncIterable,
  PagedResult,
  PageSettings,
} from '../../../../src/services/partner-center/paging.js';

/**
 * An in-memory fake of the `PartnerCenter` port with only the reads the directory and the E4 finder use;
 * any other method throws, so a test notices when the code under test reaches further.
 */
export class FakePartnerCenter {
  customers: Customer[] = [];
  subscriptions = new Map<string, Subscription[]>();
  /** Customer ids whose subscription read fails. */
  failingCustomers = new Set<string>();
  listCustomersCalls = 0;
  /** When set, every customer page waits for it (to hold a load open). */
  gate: Promise<void> | undefined;
  /** When true, listing customers fails. */
  failListing = false;
  inFlightSubscriptionReads = 0;
  maxInFlightSubscriptionReads = 0;
  /** Customer pages handed out so far, and how many had been when each subscription read ended. */
  customerPagesListed = 0;
  customerPagesListedAtReads: number[] = [];

  listCustomers(options?: ListCustomersOptions): PagedAsyncIterable<Customer> {
    this.listCustomersCalls++;
    const size = options?.size ?? 2;
    const pages = async function* (
      this: FakePartnerCenter,
      settings?: PageSettings,
    ): AsyncIterableIterator<PagedResult<Customer>> {
      // A snapshot, as a real walk sees the list at the time it started.
      const all = [...this.customers];
      let start = Number(settings?.continuationToken ?? 0);
      do {
        await this.gate;
        if (this.failListing) throw new Error('listing failed');
        const next = start + size;
        this.customerPagesListed++;
        yield {
          items: all.slice(start, next),
          ...(next < all.length ? { continuationToken: String(next) } : {}),
        };
        start = next;
      } while (start < all.length);
    }.bind(this);
    return {
      byPage: pages,
      async *[Symbol.asyncIterator]() {
        for await (const page of pages()) yield* page.items;
      },
    };
  }

  async listSubscriptions(customerId: string): Promise<Subscription[]> {
    this.inFlightSubscriptionReads++;
    this.maxInFlightSubscriptionReads = Math.max(
      this.maxInFlightSubscriptionReads,
      this.inFlightSubscriptionReads,
    );
    try {
      await new Promise((resolve) => setImmediate(resolve));
      this.customerPagesListedAtReads.push(this.customerPagesListed);
      if (this.failingCustomers.has(customerId)) throw new Error(`customer ${customerId} refused`);
      return [...(this.subscriptions.get(customerId) ?? [])];
    } finally {
      this.inFlightSubscriptionReads--;
    }
  }

  /** This fake as the port; methods it doesn't implement throw when called. */
  asPort(): PartnerCenter {
    return new Proxy(this, {
      get(target, property, receiver) {
        if (property in target) {
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === 'function'
            ? (value as (...args: unknown[]) => unknown).bind(target)
            : value;
        }
        return () => {
          throw new Error(`FakePartnerCenter.${String(property)} is not implemented`);
        };
      },
    }) as unknown as PartnerCenter;
  }
}

/** A customer as Partner Center returns it. */
export function customer(id: string, companyName: string, domain: string, country?: string): Customer {
  return {
    id,
    companyProfile: { tenantId: id, domain, companyName },
    ...(country ? { billingProfile: { defaultAddress: { country } } } : {}),
    relationshipToPartner: 'reseller',
    attributes: { objectType: 'Customer' },
  };
}

/** The demo seed's customer names (sandbox/seeds), copied: unit tests don't start the sandbox. */
export const demoLikeCustomers: Customer[] = [
  customer('c1', 'Contoso Ltd', 'contoso.onmicrosoft.com', 'US'),
  customer('c2', 'Fabrikam', 'fabrikam.onmicrosoft.com', 'US'),
  customer('c3', 'Fabrikam Nordic AB', 'fabrikamnordic.onmicrosoft.com', 'SE'),
  customer('c4', 'Ålands Ström AB', 'alandsstrom.onmicrosoft.com', 'SE'),
  customer('c5', 'Bäckström Bygg AB', 'backstrombygg.onmicrosoft.com', 'SE'),
  customer('c6', 'Van der Berg Logistiek B.V.', 'vdberglogistiek.onmicrosoft.com', 'NL'),
  customer('c7', 'Hoogeveen Zorg B.V.', 'hoogeveenzorg.onmicrosoft.com', 'NL'),
  customer('c8', 'Brouwerij De Klok BV', 'brouwerijdeklok.onmicrosoft.com', 'BE'),
  customer('c9', 'Tailspin Toys', 'tailspintoys.onmicrosoft.com', 'US'),
  customer('c10', 'Northwind Traders', 'northwindtraders.onmicrosoft.com', 'US'),
];
