import assert from 'node:assert/strict';
import { createSilentLogger } from '../../../../src/services/logging/logger.js';
import type { Subscription } from '../../../../src/services/partner-center/models.js';
import { e4OfferIds } from '../../../../src/services/subscriptions/e4Offers.js';
import { E4SubscriptionFinder } from '../../../../src/services/subscriptions/e4SubscriptionFinder.js';
import { describeE4Subscription } from '../../../../src/services/subscriptions/e4SubscriptionState.js';
import { customer, FakePartnerCenter } from '../customers/fakePartnerCenter.js';

const now = new Date('2026-11-23T12:00:00Z');
const clock = { now: () => new Date(now) };
const E4 = e4OfferIds[0] ?? '';
const E3 = '796B6B5F-613C-4E24-A17C-EBA730D49C02';
const retiredExtra = 'AAAA0000-0000-4000-8000-00000000E1E1';

/** UTC calendar day `days` from now, as Partner Center writes dates. */
const day = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

function subscription(id: string, fields: Partial<Subscription> & { endsInDays?: number }): Subscription {
  const { endsInDays, ...rest } = fields;
  return {
    id,
    offerId: E4,
    offerName: 'Office 365 Enterprise E4',
    friendlyName: 'E4',
    quantity: 10,
    unitType: 'Licenses',
    creationDate: '2024-01-01',
    effectiveStartDate: '2024-01-01',
    // Legacy: exclusive end, so service ends at the start of this day; daysLeft = endsInDays - 1.
    commitmentEndDate: endsInDays === undefined ? '9999-12-31' : day(endsInDays),
    status: 'active',
    autoRenewEnabled: false,
    billingType: 'license',
    billingCycle: 'annual',
    isTrial: false,
    contractType: 'legacy',
    attributes: { objectType: 'Subscription' },
    ...rest,
  };
}

describe('describeE4Subscription', () => {
  const table: [string, Subscription, string, number | undefined][] = [
    ['ends in 30 days, no renewal', subscription('a', { endsInDays: 31 }), 'expiringSoon', 30],
    ['ends beyond the window', subscription('b', { endsInDays: 200 }), 'active', 199],
    ['renews', subscription('c', { endsInDays: 31, autoRenewEnabled: true }), 'active', 30],
    ['no readable end date', subscription('d', {}), 'endDateUnknown', undefined],
    ['end passed, status lagging', subscription('e', { endsInDays: -2 }), 'expired', -3],
    ['expired', subscription('f', { endsInDays: -10, status: 'expired' }), 'expired', -11],
    ['disabled', subscription('g', { endsInDays: -40, status: 'disabled' }), 'expired', -41],
    [
      'suspended after a migration',
      subscription('h', { endsInDays: 200, status: 'suspended' }),
      'suspended',
      199,
    ],
    ['cancelled', subscription('i', { endsInDays: 10, status: 'deleted' }), 'cancelled', 9],
    ['pending', subscription('j', { endsInDays: 10, status: 'pending' }), 'pending', 9],
    ['last day of service', subscription('k', { endsInDays: 1 }), 'expiringSoon', 0],
    [
      'far-future commitment, billing cycle end read',
      subscription('l', { commitmentEndDate: '9999-12-31', billingCycleEndDate: day(45) }),
      'expiringSoon',
      44,
    ],
    [
      'new commerce: inclusive end',
      subscription('m', { endsInDays: 30, contractType: 'newCommerce' }),
      'expiringSoon',
      30,
    ],
  ];
  for (const [what, sub, state, daysLeft] of table) {
    it(`classifies "${what}" as ${state}`, () => {
      const described = describeE4Subscription('cust', sub, now, 90);
      assert.equal(described.state, state);
      assert.equal(described.daysLeft, daysLeft);
      assert.equal(described.seats, 10);
    });
  }
});

describe('E4SubscriptionFinder', () => {
  let pc: FakePartnerCenter;
  let finder: E4SubscriptionFinder;

  beforeEach(() => {
    pc = new FakePartnerCenter();
    finder = new E4SubscriptionFinder({
      partnerCenter: pc.asPort(),
      clock,
      logger: createSilentLogger(),
      extraRetiredOfferIds: [retiredExtra],
      concurrency: 3,
      pageSize: 4,
    });
  });

  it("lists only a customer's retired-offer subscriptions, soonest end first", async () => {
    pc.subscriptions.set('c1', [
      subscription('late', { endsInDays: 80 }),
      subscription('e3', { offerId: E3, endsInDays: 5 }),
      subscription('extra', { offerId: retiredExtra.toLowerCase(), endsInDays: 20 }),
      subscription('unknown', {}),
    ]);
    const found = await finder.listForCustomer('c1');
    assert.deepEqual(
      found.map((s) => [s.subscriptionId, s.state]),
      [
        ['extra', 'expiringSoon'],
        ['late', 'expiringSoon'],
        ['unknown', 'endDateUnknown'],
      ],
    );
  });

  it('lists every customer expiring within the window, soonest first, with customer names', async () => {
    pc.customers = [
      customer('c1', 'Contoso Ltd', 'contoso.onmicrosoft.com'),
      customer('c2', 'Fabrikam', 'fabrikam.onmicrosoft.com'),
      customer('c3', 'Tailspin Toys', 'tailspintoys.onmicrosoft.com'),
      customer('c4', 'Ålands Ström AB', 'alandsstrom.onmicrosoft.com'),
      customer('c5', 'Bäckström Bygg AB', 'backstrombygg.onmicrosoft.com'),
      customer('c6', 'Van der Berg Logistiek B.V.', 'vdberglogistiek.onmicrosoft.com'),
    ];
    pc.subscriptions.set('c1', [subscription('c1-e4', { endsInDays: 22 })]);
    pc.subscriptions.set('c2', [
      subscription('c2-e4', { endsInDays: 76 }),
      subscription('c2-renews', { endsInDays: 10, autoRenewEnabled: true }),
    ]);
    pc.subscriptions.set('c3', [subscription('c3-e3', { offerId: E3, endsInDays: 5 })]);
    pc.subscriptions.set('c4', [subscription('c4-e4', { endsInDays: 30, status: 'suspended' })]);
    pc.subscriptions.set('c5', [subscription('c5-e4', { endsInDays: -10, status: 'expired' })]);
    pc.subscriptions.set('c6', [
      subscription('c6-e4-b', { endsInDays: 101 }),
      subscription('c6-e4-a', { endsInDays: 41 }),
    ]);

    const scan = await finder.listExpiring({ withinDays: 90 });
    assert.deepEqual(
      scan.subscriptions.map((s) => [s.customerName, s.subscriptionId, s.daysLeft]),
      [
        ['Contoso Ltd', 'c1-e4', 21],
        ['Van der Berg Logistiek B.V.', 'c6-e4-a', 40],
        ['Fabrikam', 'c2-e4', 75],
      ],
    );
    assert.equal(scan.customersScanned, 6);
    assert.deepEqual(scan.unreadCustomers, []);

    const narrower = await finder.listExpiring({ withinDays: 30 });
    assert.deepEqual(
      narrower.subscriptions.map((s) => s.subscriptionId),
      ['c1-e4'],
    );
  });

  it('reads subscriptions with bounded concurrency and reports customers it could not read', async () => {
    pc.customers = Array.from({ length: 25 }, (_, i) => customer(`c${i}`, `Customer ${i}`, `c${i}.example`));
    for (let i = 0; i < 25; i++)
      pc.subscriptions.set(`c${i}`, [subscription(`s${i}`, { endsInDays: 60 - i })]);
    pc.failingCustomers.add('c7');
    const scan = await finder.listExpiring();
    assert.ok(pc.maxInFlightSubscriptionReads <= 3, `max in flight ${pc.maxInFlightSubscriptionReads}`);
    assert.ok(pc.maxInFlightSubscriptionReads > 1, 'reads do overlap');
    assert.equal(scan.customersScanned, 25);
    assert.deepEqual(
      scan.unreadCustomers.map((u) => u.customerId),
      ['c7'],
    );
    assert.equal(scan.subscriptions.length, 24);
    assert.equal(scan.subscriptions[0]?.subscriptionId, 's24');
    const days = scan.subscriptions.map((s) => s.daysLeft ?? Infinity);
    assert.deepEqual(
      days,
      [...days].sort((a, b) => a - b),
    );
  });

  it('lists the next customer page while the current page’s subscriptions are read', async () => {
    pc.customers = Array.from({ length: 8 }, (_, i) => customer(`c${i}`, `Customer ${i}`, `c${i}.example`));
    const oneAtATime = new E4SubscriptionFinder({
      partnerCenter: pc.asPort(),
      clock,
      logger: createSilentLogger(),
      concurrency: 1,
      pageSize: 4,
    });
    const scan = await oneAtATime.listExpiring();
    assert.equal(scan.customersScanned, 8);
    // The second page was already listed when the first customer's read came back.
    assert.deepEqual(pc.customerPagesListedAtReads, [2, 2, 2, 2, 2, 2, 2, 2]);
  });

  it('stops when aborted', async () => {
    pc.customers = Array.from({ length: 10 }, (_, i) => customer(`c${i}`, `Customer ${i}`, `c${i}.example`));
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(finder.listExpiring({ abortSignal: controller.signal }), { name: 'AbortError' });
  });
});
