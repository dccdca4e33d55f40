import assert from 'node:assert/strict';
import type { Clock } from '../../../../src/services/clock.js';
import type { Blocker } from '../../../../src/services/migration/migrationPlan.js';
import { MigrationPlanner } from '../../../../src/services/migration/migrationPlanner.js';
import { SandboxProducts, sandboxOptionCatalog } from '../../../../src/services/migration/optionCatalog.js';
import { parsePriceList } from '../../../../src/services/migration/priceList.js';
import { FakePartnerCenter } from './fakePartnerCenter.js';
import {
  customer,
  customerId,
  e4License,
  e4Sku,
  e4SubscriptionId,
  otherLicense,
  subscription,
  user,
  voiceConfPlanId,
  yammerPlanId,
} from './fixtures.js';

const clock: Clock = { now: () => new Date('2026-11-23T10:00:00Z') };
const S = SandboxProducts;

function tenant(country = 'US'): FakePartnerCenter {
  const pc = new FakePartnerCenter(customer(country));
  pc.subscriptions = [
    subscription(),
    subscription({
      id: 'addon-1',
      offerName: 'E4 add-on',
      parentSubscriptionId: e4SubscriptionId,
      quantity: 3,
    }),
    subscription({ id: 'other', offerName: 'Other' }),
  ];
  pc.subscribedSkus = [e4Sku(3)];
  pc.users = [
    user(1, [e4License(['YAMMER_ENTERPRISE', 'MCOVOICECONF'])]),
    user(2, [otherLicense()]),
    user(3, [e4License()]),
    user(4, [e4License()]),
  ];
  for (const product of Object.values(S)) pc.sell(country, product.productId);
  return pc;
}

const codes = (blockers: Blocker[]) => blockers.map((blocker) => blocker.code);

describe('MigrationPlanner', () => {
  it('defaults quantity, term and billing cycle, and lists only users holding E4', async () => {
    const pc = tenant();
    const plan = await new MigrationPlanner(pc, sandboxOptionCatalog, clock).plan({
      customerId,
      e4SubscriptionId,
      option: 3,
    });
    assert.deepEqual(plan.blockers, []);
    assert.deepEqual(
      plan.users?.map((entry) => entry.userPrincipalName),
      ['user1@contoso.example', 'user3@contoso.example', 'user4@contoso.example'],
    );
    assert.equal(plan.quantity, 3);
    assert.equal(plan.termDuration, 'P1Y');
    assert.equal(plan.billingCycle, 'monthly');
    assert.deepEqual(
      plan.e4Subscription.addOns.map((addOn) => addOn.id),
      ['addon-1'],
    );
    assert.equal(plan.e4Units?.consumedUnits, 3);
    assert.equal(plan.price, undefined, 'no price list, no price');
    assert.deepEqual(
      plan.targets.map((target) => target.catalogItemId),
      [`${S.office365E3.productId}:0001:AVUS`, `${S.skypePlusCal.productId}:0001:AVUS`],
    );
  });

  it('carries a disabled plan over only where the target has a plan of that name', async () => {
    const plan = await new MigrationPlanner(tenant(), sandboxOptionCatalog, clock).plan({
      customerId,
      e4SubscriptionId,
      option: 4,
    });
    // E3 has Yammer but not E4's MCOVOICECONF.
    assert.deepEqual(plan.users?.[0]?.excludedPlanIds, [yammerPlanId]);
    assert.ok(!plan.users?.[0]?.excludedPlanIds.includes(voiceConfPlanId));
  });

  it('walks users page by page with a bounded number of license reads in flight', async () => {
    const pc = tenant();
    pc.users = Array.from({ length: 1200 }, (_, index) => user(index + 1, [e4License()]));
    const plan = await new MigrationPlanner(pc, sandboxOptionCatalog, clock, { userReadConcurrency: 8 }).plan(
      {
        customerId,
        e4SubscriptionId,
        option: 4,
      },
    );
    assert.equal(plan.users?.length, 1200);
    assert.equal(pc.calls.filter((call) => call === 'listCustomerUsers').length, 3);
    assert.equal(pc.maxLicenseReadsInFlight, 8);
  });

  it('keeps a requested quantity above the users, and blocks one below them', async () => {
    const planner = new MigrationPlanner(tenant(), sandboxOptionCatalog, clock);
    const above = await planner.plan({ customerId, e4SubscriptionId, option: 4, quantity: 10 });
    assert.equal(above.quantity, 10);
    assert.deepEqual(above.blockers, []);
    const below = await planner.plan({ customerId, e4SubscriptionId, option: 4, quantity: 2 });
    assert.deepEqual(below.blockers, [
      { code: 'quantityBelowUsers', severity: 'blocking', requested: 2, usersOnE4: 3 },
    ]);
  });

  it('reports users without usage location and group-assigned licenses', async () => {
    const pc = tenant();
    pc.users = [user(1, [e4License()], null), user(2, [e4License([], 'group-1')])];
    const plan = await new MigrationPlanner(pc, sandboxOptionCatalog, clock).plan({
      customerId,
      e4SubscriptionId,
      option: 4,
    });
    assert.deepEqual(plan.blockers, [
      {
        code: 'usageLocationMissing',
        severity: 'blocking',
        users: [{ id: pc.users[0]?.user.id, userPrincipalName: 'user1@contoso.example' }],
      },
      {
        code: 'groupAssignedLicense',
        severity: 'blocking',
        users: [{ id: pc.users[1]?.user.id, userPrincipalName: 'user2@contoso.example', groupId: 'group-1' }],
      },
    ]);
  });

  it('falls back to a substitute and marks it, and blocks an add-on not sold in the market', async () => {
    const pc = tenant('BE');
    pc.availabilities.delete(`BE|${S.office365E3.productId}|0001`);
    pc.availabilities.delete(`BE|${S.skypePlusCal.productId}|0001`);
    const plan = await new MigrationPlanner(pc, sandboxOptionCatalog, clock).plan({
      customerId,
      e4SubscriptionId,
      option: 3,
    });
    assert.deepEqual(
      plan.targets.map((target) => [target.productId, target.isSubstitute]),
      [[S.microsoft365E3.productId, true]],
    );
    assert.deepEqual(plan.blockers, [
      {
        code: 'notSoldInMarket',
        severity: 'blocking',
        market: 'BE',
        products: [
          { role: 'addOn', productId: S.skypePlusCal.productId, skuId: '0001', reason: 'notSoldInMarket' },
        ],
      },
    ]);
  });

  it('turns a 403 on user reads into a missing GDAP role and defaults quantity to the seats', async () => {
    const pc = tenant();
    pc.userReadsFailWith = 403;
    const plan = await new MigrationPlanner(pc, sandboxOptionCatalog, clock).plan({
      customerId,
      e4SubscriptionId,
      option: 4,
    });
    assert.deepEqual(codes(plan.blockers), ['missingGdapRole']);
    assert.equal(plan.users, undefined);
    assert.equal(plan.quantity, 12);
  });

  it('lets other Partner Center failures through', async () => {
    const pc = tenant();
    pc.userReadsFailWith = 500;
    await assert.rejects(
      new MigrationPlanner(pc, sandboxOptionCatalog, clock).plan({ customerId, e4SubscriptionId, option: 4 }),
      { name: 'PartnerCenterError' },
    );
  });

  it('blocks without an accepted agreement, and informs about expired or unknown end dates', async () => {
    const pc = tenant();
    pc.hasAgreement = false;
    pc.subscriptions = [subscription({ commitmentEndDate: '2026-11-13', status: 'expired' })];
    const planner = new MigrationPlanner(pc, sandboxOptionCatalog, clock);
    const expired = await planner.plan({ customerId, e4SubscriptionId, option: 4 });
    assert.deepEqual(expired.blockers, [
      { code: 'agreementNotAccepted', severity: 'blocking', agreementType: 'MicrosoftCustomerAgreement' },
      { code: 'e4Expired', severity: 'info', lastServiceDay: '2026-11-12', daysSinceEnd: 11 },
    ]);
    pc.subscriptions = [subscription({ commitmentEndDate: '9999-12-31', billingCycleEndDate: undefined })];
    assert.ok(
      codes((await planner.plan({ customerId, e4SubscriptionId, option: 4 })).blockers).includes(
        'endDateUnknown',
      ),
    );
  });

  it('blocks a subscription that is not E4 or is already suspended', async () => {
    const pc = tenant();
    pc.subscriptions = [subscription({ offerId: 'CFQ7TTC0LF8Q:0001:X', status: 'suspended' })];
    const plan = await new MigrationPlanner(pc, sandboxOptionCatalog, clock).plan({
      customerId,
      e4SubscriptionId,
      option: 4,
    });
    assert.deepEqual(codes(plan.blockers), ['notRetiredOffer', 'subscriptionNotActive']);
  });

  it('prices the plan from the price list for the whole quantity', async () => {
    const priceList = parsePriceList(
      [
        'ProductId,SkuId,Market,Currency,UnitPrice,TermDuration,BillingPlan',
        `${S.office365E3.productId},0001,US,USD,23.00,P1Y,Monthly`,
        `${S.skypePlusCal.productId},0001,US,USD,2.00,P1Y,Monthly`,
      ].join('\n'),
    );
    const plan = await new MigrationPlanner(tenant(), sandboxOptionCatalog, clock, { priceList }).plan({
      customerId,
      e4SubscriptionId,
      option: 3,
    });
    assert.equal(plan.price?.unitPricePerBillingPeriod, 25);
    assert.equal(plan.price?.totalPerBillingPeriod, 75);
  });

  it('throws for a customer or subscription Partner Center does not know', async () => {
    const planner = new MigrationPlanner(tenant(), sandboxOptionCatalog, clock);
    await assert.rejects(planner.plan({ customerId: 'nobody', e4SubscriptionId, option: 4 }), {
      code: 'customer_not_found',
    });
    await assert.rejects(planner.plan({ customerId, e4SubscriptionId: 'none', option: 4 }), {
      code: 'subscription_not_found',
    });
  });

  it('compares the options with every preferred product asked at once, and each product once', async () => {
    const pc = tenant();
    let inFlight = 0;
    let maxInFlight = 0;
    const listAvailabilities = pc.listAvailabilities.bind(pc);
    pc.listAvailabilities = async (country, productId, skuId) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return listAvailabilities(country, productId, skuId);
    };
    const comparison = await new MigrationPlanner(pc, sandboxOptionCatalog, clock).compareOptions({
      customerId,
      e4SubscriptionId,
    });
    const asked = pc.calls.filter((call) => call.startsWith('listAvailabilities'));
    assert.equal(new Set(asked).size, asked.length, 'a product asked twice');
    assert.equal(maxInFlight, asked.length, 'bases and add-ons in one round');
    assert.equal(comparison.usersOnE4, 3);
  });

  it('compares: an unknown customer stays customer_not_found even when the SKU read fails too', async () => {
    const pc = tenant();
    pc.userReadsFailWith = 500;
    const planner = new MigrationPlanner(pc, sandboxOptionCatalog, clock);
    await assert.rejects(planner.compareOptions({ customerId: 'nobody', e4SubscriptionId }), {
      code: 'customer_not_found',
    });
    await assert.rejects(planner.compareOptions({ customerId, e4SubscriptionId }), { status: 500 });
    pc.userReadsFailWith = 403;
    const comparison = await planner.compareOptions({ customerId, e4SubscriptionId });
    assert.equal(comparison.usersOnE4, undefined);
  });
});
