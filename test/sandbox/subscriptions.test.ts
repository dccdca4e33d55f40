import assert from 'node:assert/strict';

import type {
  Collection,
  License,
  SubscribedSku,
  Subscription,
} from '../../src/services/partner-center/models.js';
import { catalogItemIdOf, LegacyOfferId } from '../../sandbox/catalog.js';
import { LicenseSkuId } from '../../sandbox/licensing/licenseSkus.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import type { RunningSandbox } from '../../sandbox/server.js';
import {
  advanceClock,
  appToken,
  buy,
  call,
  customerState,
  dayMs,
  errorBody,
  ledger,
  reset,
  startTestSandbox,
} from './helpers.js';

const { customers, subscriptions } = DemoIds;
const subPath = (customerId: string, subscriptionId: string) =>
  `/v1/customers/${customerId}/subscriptions/${subscriptionId}`;

describe('sandbox subscriptions', () => {
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());
  beforeEach(() => reset(sandbox));

  const get = async (customerId: string, subscriptionId: string) =>
    (await call<Subscription>(sandbox, 'GET', subPath(customerId, subscriptionId), { token: appToken })).body;
  const patch = (
    customerId: string,
    subscriptionId: string,
    body: unknown,
    headers: Record<string, string> = {},
  ) =>
    call<Subscription>(sandbox, 'PATCH', subPath(customerId, subscriptionId), {
      body,
      headers,
      token: appToken,
    });

  it('lists a customer’s subscriptions in both end-date shapes', async () => {
    const contoso = await call<Collection<Subscription>>(
      sandbox,
      'GET',
      `/v1/customers/${customers.contoso}/subscriptions`,
    );
    assert.equal(contoso.status, 200);
    const e4 = contoso.body.items[0];
    assert.equal(e4?.offerId, LegacyOfferId.office365E4);
    assert.equal(e4?.status, 'active');
    assert.equal(e4?.autoRenewEnabled, false);
    assert.equal(e4?.contractType, 'legacy');
    assert.equal(e4?.commitmentEndDate, '9999-12-31T00:00:00Z');
    const daysLeft = (Date.parse(e4?.billingCycleEndDate ?? '') - Date.now()) / dayMs;
    assert.ok(daysLeft > 19 && daysLeft < 30, `E4 ends in under 30 days, got ${daysLeft}`);
    assert.equal(typeof e4?.attributes.etag, 'string');
    const fabrikam = await get(customers.fabrikam, subscriptions.fabrikamE4);
    assert.equal(fabrikam.billingCycleEndDate, undefined);
    assert.ok(Date.parse(fabrikam.commitmentEndDate) > Date.now() + 70 * dayMs);
  });

  it('answers 404 20003 for an unknown subscription', async () => {
    const id = '5b000000-9999-4000-8000-000000000001';
    const answer = await call(sandbox, 'GET', subPath(customers.contoso, id));
    assert.equal(answer.status, 404);
    assert.deepEqual(answer.body, errorBody(20003, `Subscription with id ${id} not found`));
  });

  it('lists the subscriptions of one order', async () => {
    const [orderId] = (await customerState(sandbox, customers.alandsStrom)).orders.map((o) => o.id);
    const answer = await call<Collection<Subscription>>(
      sandbox,
      'GET',
      `/v1/customers/${customers.alandsStrom}/subscriptions?order_id=${orderId}`,
    );
    assert.deepEqual(
      answer.body.items.map((s) => s.id).sort(),
      [subscriptions.alandsStromE3, subscriptions.alandsStromPlusCal].sort(),
    );
  });

  it('refuses a stale If-Match with 400 2055 and accepts the current one, or none', async () => {
    const before = await get(customers.contoso, subscriptions.contosoE4);
    const etag = before.attributes.etag ?? '';
    const renamed = await patch(
      customers.contoso,
      subscriptions.contosoE4,
      { ...before, friendlyName: 'E4 (old)' },
      { 'If-Match': etag },
    );
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.friendlyName, 'E4 (old)');
    assert.notEqual(renamed.body.attributes.etag, etag);
    const stale = await patch(
      customers.contoso,
      subscriptions.contosoE4,
      { friendlyName: 'again' },
      { 'If-Match': etag },
    );
    assert.equal(stale.status, 400);
    assert.deepEqual(
      stale.body,
      errorBody(2055, 'Etag is no longer valid. Get the latest subscription and try again.'),
    );
    const withoutEtag = await patch(customers.contoso, subscriptions.contosoE4, { friendlyName: 'no etag' });
    assert.equal(withoutEtag.status, 200);
  });

  it('suspends with a PascalCase body; the seats turn suspended and the licenses stop working', async () => {
    const suspended = await patch(customers.contoso, subscriptions.contosoE4, {
      Status: 'suspended',
      Attributes: { ObjectType: 'Subscription' },
    });
    assert.equal(suspended.status, 200);
    assert.equal(suspended.body.status, 'suspended');
    const changes = await ledger(sandbox, { kind: 'subscriptionChange', customerId: customers.contoso });
    assert.deepEqual(
      changes.map(
        (e) => e.kind === 'subscriptionChange' && [e.subscriptionId, e.field, e.from, e.to, e.reason],
      ),
      [[subscriptions.contosoE4, 'status', 'active', 'suspended', 'patch']],
    );
    const skus = await call<Collection<SubscribedSku>>(
      sandbox,
      'GET',
      `/v1/customers/${customers.contoso}/subscribedskus`,
    );
    const e4 = skus.body.items.find((s) => s.productSku.id === LicenseSkuId.office365E4);
    assert.equal(e4?.activeUnits, 0);
    assert.equal(e4?.suspendedUnits, 45);
    assert.equal(e4?.capabilityStatus, 'Suspended');
    const licenses = await call<Collection<License>>(
      sandbox,
      'GET',
      `/v1/customers/${customers.contoso}/users/${DemoIds.users.contosoPlain}/licenses`,
    );
    assert.ok(licenses.body.items[0]?.servicePlans.every((plan) => plan.capabilityStatus === 'Suspended'));
    const state = await customerState(sandbox, customers.contoso);
    assert.ok(state.users?.every((user) => user.licenses.every((license) => !license.works)));
  });

  it('reactivates a suspended legacy subscription on day 119, not after de-provisioning at day 120', async () => {
    await patch(customers.northwind, subscriptions.northwindE4, { status: 'suspended' });
    await advanceClock(sandbox, 119 * dayMs);
    const reactivated = await patch(customers.northwind, subscriptions.northwindE4, { status: 'active' });
    assert.equal(reactivated.status, 200);
    assert.equal(reactivated.body.status, 'active');
    await patch(customers.northwind, subscriptions.northwindE4, { status: 'suspended' });
    await advanceClock(sandbox, 121 * dayMs);
    const gone = await get(customers.northwind, subscriptions.northwindE4);
    assert.equal(gone.status, 'deleted');
    const deprovisioned = (await ledger(sandbox, { kind: 'subscriptionChange' })).filter(
      (e) => e.kind === 'subscriptionChange' && e.reason === 'deprovisioned',
    );
    assert.equal(deprovisioned.length, 1);
    assert.deepEqual(deprovisioned[0]?.caller, { kind: 'system' });
    const refused = await patch(customers.northwind, subscriptions.northwindE4, { status: 'active' });
    assert.equal(refused.status, 400);
    assert.equal((refused.body as unknown as { code: number }).code, 2011);
  });

  it('de-provisions the demo’s already-suspended E4 120 days after its suspension', async () => {
    await advanceClock(sandbox, 99 * dayMs);
    assert.equal((await get(customers.alandsStrom, subscriptions.alandsStromE4)).status, 'suspended');
    await advanceClock(sandbox, 2 * dayMs);
    assert.equal((await get(customers.alandsStrom, subscriptions.alandsStromE4)).status, 'deleted');
  });

  it('changes the quantity of an active subscription, not of a suspended one, within range', async () => {
    const grown = await patch(customers.contoso, subscriptions.contosoE4, { quantity: 50 });
    assert.equal(grown.status, 200);
    assert.equal(grown.body.quantity, 50);
    const quantityChanges = await ledger(sandbox, { kind: 'subscriptionChange' });
    assert.ok(
      quantityChanges.some(
        (e) => e.kind === 'subscriptionChange' && e.field === 'quantity' && e.from === 45 && e.to === 50,
      ),
    );
    const zero = await patch(customers.contoso, subscriptions.contosoE4, { quantity: 0 });
    assert.equal(zero.status, 400);
    assert.equal((zero.body as unknown as { code: number }).code, 2002);
    await patch(customers.contoso, subscriptions.contosoE4, { status: 'suspended' });
    const whileSuspended = await patch(customers.contoso, subscriptions.contosoE4, { quantity: 60 });
    assert.equal(whileSuspended.status, 400);
    assert.equal((whileSuspended.body as unknown as { code: number }).code, 2001);
  });

  it('cancels a new-commerce subscription inside its 7-day window only', async () => {
    const first = await buy(sandbox, customers.contoso, [
      { catalogItemId: catalogItemIdOf('office365E3', 'US'), quantity: 5 },
    ]);
    const firstId = first.checkout.body.orders[0]?.lineItems[0]?.subscriptionId ?? '';
    const fresh = await get(customers.contoso, firstId);
    assert.ok(Date.parse(fresh.cancellationAllowedUntilDate ?? '') > Date.now() + 6.9 * dayMs);
    const cancelled = await patch(customers.contoso, firstId, { status: 'deleted' });
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.status, 'deleted');

    const second = await buy(sandbox, customers.contoso, [
      { catalogItemId: catalogItemIdOf('office365E3', 'US'), quantity: 5 },
    ]);
    const secondId = second.checkout.body.orders[0]?.lineItems[0]?.subscriptionId ?? '';
    await advanceClock(sandbox, 8 * dayMs);
    const late = await patch(customers.contoso, secondId, { status: 'deleted' });
    assert.equal(late.status, 400);
    assert.equal((late.body as unknown as { code: number }).code, 2006);
    assert.match((late.body as unknown as { description: string }).description, /cancellation window ended/);
    const reduced = await patch(customers.contoso, secondId, { quantity: 4 });
    assert.equal(reduced.status, 400, 'seats of a new-commerce subscription only go down inside the window');
  });

  it('refuses to cancel a legacy subscription (it must be suspended)', async () => {
    const answer = await patch(customers.contoso, subscriptions.contosoE4, { status: 'deleted' });
    assert.equal(answer.status, 400);
    assert.equal((answer.body as unknown as { code: number }).code, 2006);
  });

  it('suspends add-ons with their base and refuses to reactivate an add-on while the base is suspended', async () => {
    await patch(customers.alandsStrom, subscriptions.alandsStromE3, { status: 'suspended' });
    assert.equal((await get(customers.alandsStrom, subscriptions.alandsStromPlusCal)).status, 'suspended');
    const addOn = await patch(customers.alandsStrom, subscriptions.alandsStromPlusCal, { status: 'active' });
    assert.equal(addOn.status, 409);
    assert.equal((addOn.body as unknown as { code: number }).code, 27009);
  });

  it('lets a non-renewing subscription expire at its end date, then stop working after the grace period', async () => {
    await advanceClock(sandbox, 22 * dayMs);
    assert.equal((await get(customers.contoso, subscriptions.contosoE4)).status, 'expired');
    let state = await customerState(sandbox, customers.contoso);
    assert.ok(
      state.users?.[0]?.licenses[0]?.works,
      'an expired subscription is in grace: licenses still work',
    );
    await advanceClock(sandbox, 31 * dayMs);
    assert.equal((await get(customers.contoso, subscriptions.contosoE4)).status, 'disabled');
    state = await customerState(sandbox, customers.contoso);
    assert.equal(state.users?.[0]?.licenses[0]?.works, false);
  });

  it('reports provisioning status', async () => {
    const answer = await call<{ status: string; skuId: string; quantity: number }>(
      sandbox,
      'GET',
      `${subPath(customers.contoso, subscriptions.contosoE4)}/provisioningstatus`,
    );
    assert.equal(answer.status, 200);
    assert.deepEqual(
      [answer.body.status, answer.body.skuId, answer.body.quantity],
      ['success', LicenseSkuId.office365E4.toUpperCase(), 45],
    );
  });
});
