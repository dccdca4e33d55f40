import assert from 'node:assert/strict';
import { catalogItemIdOf } from '../../sandbox/catalog.js';
import type { LicenseChangeEntry, PurchaseEntry } from '../../sandbox/ledger.js';
import { LicenseSkuId } from '../../sandbox/licensing/licenseSkus.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { PartnerCenterError } from '../../src/services/errors.js';
import { deriveRequestId } from '../../src/services/partner-center/requestIds.js';
import { refusedBy } from '../helpers/partnerCenterAssertions.js';
import { startPartnerCenterHarness, type PartnerCenterHarness } from '../helpers/partnerCenterHarness.js';

const contoso = DemoIds.customers.contoso;

describe('PartnerCenterClient writes, against the sandbox over HTTP (ledger as oracle)', () => {
  let pc: PartnerCenterHarness;
  before(async () => {
    pc = await startPartnerCenterHarness();
  });
  beforeEach(async () => pc.reset());
  after(async () => pc.close());

  async function buyOffice365E3(quantity: number, requestId: string, customerId: string = contoso) {
    const admin = pc.as();
    const cart = await admin.createCart(
      customerId,
      [
        {
          catalogItemId: catalogItemIdOf('office365E3', 'US'),
          quantity,
          billingCycle: 'monthly',
          termDuration: 'P1Y',
          friendlyName: 'E4 migration m-1',
        },
      ],
      { requestId: `${requestId}-cart` },
    );
    return admin.checkoutCart(customerId, cart.id, { requestId });
  }

  it('buys through a cart: one purchase in the ledger, carrying the friendly name', async () => {
    const result = await buyOffice365E3(45, 'buy-1');
    assert.equal(result.orderErrors.length, 0);
    const subscriptionId = result.orders[0]?.lineItems[0]?.subscriptionId;
    assert.ok(subscriptionId);
    const purchases = pc.ledger('purchase') as PurchaseEntry[];
    assert.equal(purchases.length, 1);
    assert.equal(purchases[0]?.lineItems[0]?.friendlyName, 'E4 migration m-1');
    assert.deepEqual(purchases[0]?.subscriptionIds, [subscriptionId]);
    const bought = await pc.app.listSubscriptionsByOrder(contoso, result.orders[0]?.id ?? '');
    assert.deepEqual(
      bought.map((s) => s.id),
      [subscriptionId],
    );
    const orders = await pc.app.listOrders(contoso);
    assert.ok(orders.some((order) => order.id === result.orders[0]?.id));
    assert.equal((await pc.app.getOrder(contoso, result.orders[0]?.id ?? ''))?.id, result.orders[0]?.id);
  });

  it('swaps E4 for E3 in one license update, keeping the disabled plan', async () => {
    await buyOffice365E3(45, 'buy-2');
    const admin = pc.as();
    const user = DemoIds.users.contosoWithExcludedPlan;
    const [before] = await admin.listUserLicenses(contoso, user);
    const disabled = before?.servicePlans.filter(
      (plan) => plan.capabilityStatus !== 'Enabled' && plan.capabilityStatus !== 'Assigned',
    );
    await admin.updateUserLicenses(
      contoso,
      user,
      {
        licensesToAssign: [
          { skuId: LicenseSkuId.office365E3, excludedPlans: disabled?.map((plan) => plan.id) ?? [] },
        ],
        licensesToRemove: [LicenseSkuId.office365E4],
      },
      { requestId: deriveRequestId('m-1', 'moveUser', user, 1) },
    );
    const changes = pc.ledger('licenseChange') as LicenseChangeEntry[];
    assert.equal(changes.length, 1);
    assert.deepEqual(changes[0]?.before, [LicenseSkuId.office365E4]);
    assert.deepEqual(changes[0]?.after, [LicenseSkuId.office365E3]);
    const after = await admin.listUserLicenses(contoso, user);
    assert.deepEqual(
      after.map((license) => license.productSku.id),
      [LicenseSkuId.office365E3],
    );
  });

  it('refuses E3 next to E4 (conflicting plans) and changes nothing', async () => {
    await buyOffice365E3(45, 'buy-3');
    const error = await refusedBy(
      pc.as().updateUserLicenses(contoso, DemoIds.users.contosoPlain, {
        licensesToAssign: [{ skuId: LicenseSkuId.office365E3 }],
        licensesToRemove: [],
      }),
    );
    assert.equal(error.status, 400);
    assert.equal(pc.ledger('licenseChange').length, 0);
  });

  it('refuses a license without usage location and beyond the free seats, as typed errors', async () => {
    const [noLocation] = DemoIds.users.fabrikamNoUsageLocation;
    await buyOffice365E3(15, 'buy-4', DemoIds.customers.fabrikam);
    const location = await refusedBy(
      pc.as().updateUserLicenses(DemoIds.customers.fabrikam, noLocation, {
        licensesToAssign: [{ skuId: LicenseSkuId.office365E3 }],
        licensesToRemove: [LicenseSkuId.office365E4],
      }),
    );
    assert.equal(location.status, 400);
    assert.match(location.description, /usage location/);

    await buyOffice365E3(1, 'buy-5');
    await pc.as().updateUserLicenses(contoso, DemoIds.users.contosoWithExcludedPlan, {
      licensesToAssign: [{ skuId: LicenseSkuId.office365E3 }],
      licensesToRemove: [LicenseSkuId.office365E4],
    });
    const seats = await refusedBy(
      pc.as().updateUserLicenses(contoso, DemoIds.users.contosoPlain, {
        licensesToAssign: [{ skuId: LicenseSkuId.office365E3 }],
        licensesToRemove: [LicenseSkuId.office365E4],
      }),
    );
    assert.equal(seats.status, 400);
    assert.equal(seats.errorCode, '60012');
    assert.equal(pc.ledger('licenseChange').length, 1, 'only the user who fit the one seat moved');
  });

  it('suspends and reactivates with If-Match, and refuses a stale eTag with code 2055', async () => {
    const admin = pc.as();
    const e4 = await admin.getSubscription(contoso, DemoIds.subscriptions.contosoE4);
    assert.ok(e4);
    const suspended = await admin.updateSubscription(contoso, e4, { status: 'suspended' });
    assert.equal(suspended.status, 'suspended');
    assert.notEqual(suspended.attributes.etag, e4.attributes.etag);

    const stale = await refusedBy(admin.updateSubscription(contoso, e4, { status: 'active' }));
    assert.equal(stale.status, 400);
    assert.equal(stale.errorCode, '2055');

    const active = await admin.updateSubscription(contoso, suspended, { status: 'active' });
    assert.equal(active.status, 'active');
    const statusChanges = pc
      .ledger('subscriptionChange')
      .filter((entry) => entry.kind === 'subscriptionChange' && entry.field === 'status');
    assert.deepEqual(
      statusChanges.map((entry) => (entry.kind === 'subscriptionChange' ? `${entry.from}→${entry.to}` : '')),
      ['active→suspended', 'suspended→active'],
    );
  });

  it('cannot buy for a customer without the agreement, nor buy retired E4', async () => {
    const admin = pc.as();
    const noAgreement = await refusedBy(
      (async () => {
        const cart = await admin.createCart(DemoIds.customers.hoogeveenZorg, [
          {
            catalogItemId: catalogItemIdOf('office365E3', 'NL'),
            quantity: 10,
            billingCycle: 'monthly',
            termDuration: 'P1Y',
          },
        ]);
        const result = await admin.checkoutCart(DemoIds.customers.hoogeveenZorg, cart.id);
        assert.equal(result.orders.length, 0, 'no order may be placed');
      })(),
    );
    assert.equal(noAgreement.status, 403);
    assert.equal(noAgreement.errorCode, '13605');

    const retired = await pc
      .as()
      .createCart(contoso, [
        {
          catalogItemId: catalogItemIdOf('office365E4', 'US'),
          quantity: 1,
          billingCycle: 'monthly',
          termDuration: 'P1Y',
        },
      ])
      .then(
        (cart) => cart.lineItems[0]?.error?.errorCode,
        (error: unknown) => (error instanceof PartnerCenterError ? Number(error.errorCode) : undefined),
      );
    assert.equal(retired, 2091);
    assert.equal(pc.ledger('purchase').length, 0);
  });
});
