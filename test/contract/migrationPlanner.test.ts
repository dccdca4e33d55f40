import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { systemClock } from '../../src/services/clock.js';
import {
  isExecutable,
  type Blocker,
  type MigrationPlan,
} from '../../src/services/migration/migrationPlan.js';
import { MigrationPlanner } from '../../src/services/migration/migrationPlanner.js';
import { SandboxProducts, sandboxOptionCatalog } from '../../src/services/migration/optionCatalog.js';
import { planHash } from '../../src/services/migration/planHash.js';
import { parsePriceList } from '../../src/services/migration/priceList.js';
import { startPartnerCenterHarness, type PartnerCenterHarness } from '../helpers/partnerCenterHarness.js';

const yammerPlanId = '7547a3fe-08ee-4ccb-b430-5077c5041653';
const priceList = parsePriceList(
  readFileSync(new URL('../../sandbox/seeds/demo-price-list.csv', import.meta.url), 'utf8'),
);

function blocker<C extends Blocker['code']>(plan: MigrationPlan, code: C): Extract<Blocker, { code: C }> {
  const found = plan.blockers.find((entry): entry is Extract<Blocker, { code: C }> => entry.code === code);
  assert.ok(found, `expected a ${code} blocker, got ${plan.blockers.map((entry) => entry.code).join(', ')}`);
  return found;
}

describe('MigrationPlanner, against the sandbox over HTTP', () => {
  let pc: PartnerCenterHarness;
  let planner: MigrationPlanner;
  before(async () => {
    pc = await startPartnerCenterHarness();
    planner = new MigrationPlanner(pc.as(), sandboxOptionCatalog, systemClock, { priceList });
  });
  afterEach(async () => pc.reset());
  after(async () => pc.close());

  it('plans Contoso cleanly: quantity = users on E4, disabled Yammer carried over, priced', async () => {
    const plan = await planner.plan({
      customerId: DemoIds.customers.contoso,
      e4SubscriptionId: DemoIds.subscriptions.contosoE4,
      option: 3,
    });
    assert.deepEqual(plan.blockers, []);
    assert.ok(isExecutable(plan));
    assert.equal(plan.customer.market, 'US');
    assert.equal(plan.users?.length, 40);
    assert.equal(plan.quantity, 40);
    assert.equal(plan.e4Subscription.seats, 45);
    assert.equal(plan.e4Units?.consumedUnits, 40);
    assert.equal(plan.termDuration, 'P1Y');
    assert.equal(plan.billingCycle, 'monthly');
    assert.deepEqual(
      plan.targets.map((target) => [target.role, target.productId, target.licenseSkuId]),
      [
        ['base', SandboxProducts.office365E3.productId, SandboxProducts.office365E3.licenseSkuId],
        ['addOn', SandboxProducts.skypePlusCal.productId, SandboxProducts.skypePlusCal.licenseSkuId],
      ],
    );
    assert.ok(plan.targets.every((target) => target.catalogItemId.includes(':0001:')));
    const withYammerOff = plan.users?.find((user) => user.id === DemoIds.users.contosoWithExcludedPlan);
    assert.deepEqual(withYammerOff?.excludedPlanIds, [yammerPlanId]);
    assert.deepEqual(plan.users?.find((user) => user.id === DemoIds.users.contosoPlain)?.excludedPlanIds, []);
    assert.equal(plan.price?.currency, 'USD');
    assert.equal(plan.price?.monthlyPricePerUser, 25);
    assert.equal(plan.price?.totalPerBillingPeriod, 1000);
    assert.match(planHash(plan), /^[0-9a-f]{64}$/);
    assert.equal(pc.ledger('purchase').length, 0, 'planning buys nothing');
  });

  it('asks again when the requested quantity is below the users holding E4', async () => {
    const plan = await planner.plan({
      customerId: DemoIds.customers.contoso,
      e4SubscriptionId: DemoIds.subscriptions.contosoE4,
      option: 4,
      quantity: 30,
    });
    assert.deepEqual(blocker(plan, 'quantityBelowUsers'), {
      code: 'quantityBelowUsers',
      severity: 'blocking',
      requested: 30,
      usersOnE4: 40,
    });
  });

  it('names Fabrikam users without usage location and the group-assigned license', async () => {
    const plan = await planner.plan({
      customerId: DemoIds.customers.fabrikam,
      e4SubscriptionId: DemoIds.subscriptions.fabrikamE4,
      option: 3,
    });
    assert.equal(isExecutable(plan), false);
    assert.deepEqual(
      blocker(plan, 'usageLocationMissing')
        .users.map((user) => user.id)
        .sort(),
      [...DemoIds.users.fabrikamNoUsageLocation].sort(),
    );
    assert.deepEqual(
      blocker(plan, 'groupAssignedLicense').users.map((user) => [user.id, user.groupId]),
      [[DemoIds.users.fabrikamGroupLicensed, DemoIds.groups.fabrikamE4Licensing]],
    );
  });

  it('blocks Hoogeveen Zorg until the Microsoft Customer Agreement is accepted', async () => {
    const plan = await planner.plan({
      customerId: DemoIds.customers.hoogeveenZorg,
      e4SubscriptionId: DemoIds.subscriptions.hoogeveenZorgE4,
      option: 3,
    });
    assert.deepEqual(
      plan.blockers.filter((entry) => entry.severity === 'blocking').map((entry) => entry.code),
      ['agreementNotAccepted'],
    );
    assert.equal(plan.price?.currency, 'EUR');
  });

  it('finds option 3 not sold in Belgium and recommends the cheapest option keeping E4 features', async () => {
    const plan = await planner.plan({
      customerId: DemoIds.customers.brouwerijDeKlok,
      e4SubscriptionId: DemoIds.subscriptions.brouwerijDeKlokE4,
      option: 3,
    });
    const unsold = blocker(plan, 'notSoldInMarket');
    assert.equal(unsold.market, 'BE');
    assert.deepEqual(
      unsold.products.map((product) => [product.role, product.productId]),
      [['addOn', SandboxProducts.skypePlusCal.productId]],
    );
    assert.equal(plan.price, undefined);

    const comparison = await planner.compareOptions({
      customerId: DemoIds.customers.brouwerijDeKlok,
      e4SubscriptionId: DemoIds.subscriptions.brouwerijDeKlokE4,
    });
    assert.deepEqual(
      comparison.options.map((entry) => [entry.option, entry.isPurchasable]),
      [
        [1, true],
        [2, true],
        [3, false],
        [4, true],
      ],
    );
    // BE, P1Y monthly: E5 36.50 against E3 22.10 + Teams Phone 9.60.
    assert.equal(comparison.options[1]?.price?.monthlyPricePerUser, 31.7);
    assert.deepEqual(comparison.recommendation, { option: 2, reason: 'cheapestKeepingE4Features' });
    assert.ok(comparison.daysLeft !== undefined && comparison.daysLeft > 0);

    const unpriced = new MigrationPlanner(pc.as(), sandboxOptionCatalog, systemClock);
    const withoutPrices = await unpriced.compareOptions({
      customerId: DemoIds.customers.brouwerijDeKlok,
      e4SubscriptionId: DemoIds.subscriptions.brouwerijDeKlokE4,
    });
    assert.ok(withoutPrices.options.every((entry) => entry.price === undefined));
    assert.deepEqual(withoutPrices.recommendation, { option: 2, reason: 'fallbackOrderKeepingE4Features' });
  });

  it('recommends option 3 for Contoso, with the numbers of the comparison card', async () => {
    const comparison = await planner.compareOptions({
      customerId: DemoIds.customers.contoso,
      e4SubscriptionId: DemoIds.subscriptions.contosoE4,
    });
    assert.deepEqual(comparison.recommendation, { option: 3, reason: 'parity' });
    assert.equal(comparison.usersOnE4, 40);
    assert.equal(comparison.seats, 45);
    // "Ends in 21 days" from the seed's instant: 20 whole days of service left after today.
    assert.ok(comparison.daysLeft === 20 || comparison.daysLeft === 21, `${comparison.daysLeft}`);
    assert.equal(comparison.options[2]?.price?.monthlyTotal, 1000);
  });

  it('tells that Bäckström Bygg’s E4 has already expired, without blocking the move', async () => {
    const plan = await planner.plan({
      customerId: DemoIds.customers.backstromBygg,
      e4SubscriptionId: DemoIds.subscriptions.backstromByggE4,
      option: 1,
    });
    const expired = blocker(plan, 'e4Expired');
    assert.equal(expired.severity, 'info');
    assert.ok(expired.daysSinceEnd >= 9 && expired.daysSinceEnd <= 11, `${expired.daysSinceEnd}`);
    assert.ok(isExecutable(plan));
    assert.ok((plan.users?.length ?? 0) > 0);
    assert.equal(plan.quantity, plan.users?.length);
  });

  it('reports a missing GDAP role when Partner Center refuses the user reads', async () => {
    await pc.script([{ path: '/users$', fault: { status: 403, description: 'Forbidden' } }]);
    const plan = await planner.plan({
      customerId: DemoIds.customers.contoso,
      e4SubscriptionId: DemoIds.subscriptions.contosoE4,
      option: 3,
    });
    const gdap = blocker(plan, 'missingGdapRole');
    assert.deepEqual(gdap.requiredRoles, ['License Administrator', 'User Administrator']);
    assert.equal(plan.users, undefined);
    assert.equal(plan.quantity, 45, 'without users, the seats are the best default');
  });
});
