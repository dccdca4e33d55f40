import assert from 'node:assert/strict';

import type {
  Cart,
  CartCheckoutResult,
  Collection,
  Order,
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
  errorBody,
  ledger,
  reset,
  setFaults,
  startTestSandbox,
} from './helpers.js';

const { customers, users } = DemoIds;
const e3Us = catalogItemIdOf('office365E3', 'US');

describe('sandbox carts, checkout and orders', () => {
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());
  beforeEach(() => reset(sandbox));

  const createCart = (customerId: string, lineItems: unknown[], headers: Record<string, string> = {}) =>
    call<Cart>(sandbox, 'POST', `/v1/customers/${customerId}/carts`, {
      body: { lineItems },
      headers,
      token: appToken,
    });
  const checkout = (customerId: string, cartId: string, headers: Record<string, string> = {}) =>
    call<CartCheckoutResult>(sandbox, 'POST', `/v1/customers/${customerId}/carts/${cartId}/checkout`, {
      headers,
      token: appToken,
    });

  it('buys through a cart: 201 cart, 201 checkout, a ledger purchase, and a findable order and subscription', async () => {
    const cart = await createCart(customers.contoso, [
      {
        id: 0,
        catalogItemId: e3Us,
        quantity: 45,
        billingCycle: 'monthly',
        termDuration: 'P1Y',
        friendlyName: 'mig-123 E3',
      },
    ]);
    assert.equal(cart.status, 201);
    assert.equal(cart.body.status, 'Active');
    assert.deepEqual(cart.body.lineItems[0], {
      id: 0,
      catalogItemId: e3Us,
      quantity: 45,
      billingCycle: 'monthly',
      termDuration: 'P1Y',
      friendlyName: 'mig-123 E3',
      currencyCode: 'USD',
      orderGroup: '0',
    });
    const result = await checkout(customers.contoso, cart.body.id);
    assert.equal(result.status, 201);
    assert.deepEqual(result.body.orderErrors, []);
    const order = result.body.orders[0];
    const subscriptionId = order?.lineItems[0]?.subscriptionId ?? '';
    assert.equal(order?.lineItems[0]?.offerId, e3Us);
    assert.equal(order?.lineItems[0]?.friendlyName, 'mig-123 E3');

    const purchases = await ledger(sandbox, { kind: 'purchase' });
    assert.equal(purchases.length, 1);
    const purchase = purchases[0];
    assert.ok(purchase?.kind === 'purchase');
    assert.deepEqual(
      [purchase.orderId, purchase.cartId, purchase.subscriptionIds, purchase.lineItems],
      [
        order?.id,
        cart.body.id,
        [subscriptionId],
        [{ catalogItemId: e3Us, quantity: 45, friendlyName: 'mig-123 E3', subscriptionId }],
      ],
    );
    assert.deepEqual(purchase.caller, { kind: 'app', appId: 'test-app' });

    const byOrder = await call<Collection<Subscription>>(
      sandbox,
      'GET',
      `/v1/customers/${customers.contoso}/subscriptions?order_id=${order?.id}`,
    );
    assert.deepEqual(
      byOrder.body.items.map((s) => [s.id, s.friendlyName, s.contractType, s.autoRenewEnabled]),
      [[subscriptionId, 'mig-123 E3', 'newCommerce', true]],
    );
    const orders = await call<Collection<Order>>(sandbox, 'GET', `/v1/customers/${customers.contoso}/orders`);
    assert.deepEqual(
      orders.body.items.map((o) => o.id),
      [order?.id],
    );
    const one = await call<Order>(sandbox, 'GET', `/v1/customers/${customers.contoso}/orders/${order?.id}`);
    assert.equal(one.body.status, 'completed');
    const missing = await call(sandbox, 'GET', `/v1/customers/${customers.contoso}/orders/nope`);
    assert.deepEqual([missing.status, missing.body], [404, errorBody(20000, 'Order nope not found.')]);
  });

  it('refuses the retired E4 offer with 2091 on the cart line and in orderErrors, and buys nothing', async () => {
    const cart = await createCart(customers.contoso, [
      { catalogItemId: LegacyOfferId.office365E4, quantity: 5 },
    ]);
    assert.equal(cart.status, 201);
    assert.equal(cart.body.lineItems[0]?.error?.errorCode, 2091);
    const gov = await createCart(customers.contoso, [
      { catalogItemId: LegacyOfferId.office365E4Government, quantity: 5 },
    ]);
    assert.equal(gov.body.lineItems[0]?.error?.errorCode, 2091);
    const catalogE4 = await createCart(customers.contoso, [
      { catalogItemId: catalogItemIdOf('office365E4', 'US'), quantity: 5 },
    ]);
    assert.equal(catalogE4.body.lineItems[0]?.error?.errorCode, 2091);
    const result = await checkout(customers.contoso, cart.body.id);
    assert.equal(result.status, 201);
    assert.deepEqual(result.body.orders, []);
    assert.deepEqual(result.body.orderErrors, [
      { orderGroupId: '0', code: 2091, description: cart.body.lineItems[0]?.error?.errorDescription },
    ]);
    assert.equal((await ledger(sandbox, { kind: 'purchase' })).length, 0);
  });

  it('refuses the Plus CAL add-on in Belgium, and the E3 in the same order group with it', async () => {
    const cart = await createCart(customers.brouwerijDeKlok, [
      { catalogItemId: catalogItemIdOf('office365E3', 'BE'), quantity: 10 },
      { catalogItemId: catalogItemIdOf('skypePlusCal', 'BE'), quantity: 10 },
    ]);
    assert.equal(cart.body.lineItems[0]?.error, undefined);
    assert.equal(cart.body.lineItems[0]?.currencyCode, 'EUR');
    assert.deepEqual(cart.body.lineItems[1]?.error, {
      errorCode: 2091,
      errorDescription: `The offer ${catalogItemIdOf('skypePlusCal', 'BE')} (Skype for Business Plus CAL) is not available for purchase in market BE.`,
    });
    const result = await checkout(customers.brouwerijDeKlok, cart.body.id);
    assert.deepEqual(result.body.orders, []);
    assert.equal(result.body.orderErrors[0]?.code, 2091);
    const otherMarket = await createCart(customers.brouwerijDeKlok, [
      { catalogItemId: catalogItemIdOf('skypePlusCal', 'SE'), quantity: 1 },
    ]);
    assert.equal(
      otherMarket.body.lineItems[0]?.error?.errorCode,
      2091,
      "another market's availability doesn't help",
    );
  });

  it('refuses checkout without the Microsoft Customer Agreement (403 13605) and replays that answer', async () => {
    const cart = await createCart(customers.hoogeveenZorg, [
      { catalogItemId: catalogItemIdOf('office365E3', 'NL'), quantity: 10 },
    ]);
    const headers = { 'MS-RequestId': 'hoogeveen-checkout' };
    const first = await checkout(customers.hoogeveenZorg, cart.body.id, headers);
    assert.equal(first.status, 403);
    assert.equal((first.body as unknown as { code: number }).code, 13605);
    const second = await checkout(customers.hoogeveenZorg, cart.body.id, headers);
    assert.deepEqual([second.status, second.body], [first.status, first.body]);
    assert.equal((await ledger(sandbox, { kind: 'replayed' })).length, 1);
    assert.equal((await ledger(sandbox, { kind: 'purchase' })).length, 0);
  });

  it('refuses to check out the same cart twice under a new request id', async () => {
    const { cart } = await buy(sandbox, customers.contoso, [{ catalogItemId: e3Us, quantity: 1 }]);
    const again = await checkout(customers.contoso, cart.body.id);
    assert.equal(again.status, 400);
    assert.equal((again.body as unknown as { code: number }).code, 4018);
    assert.equal((await ledger(sandbox, { kind: 'purchase' })).length, 1);
  });

  it('answers a repeated checkout MS-RequestId with the first result: one purchase', async () => {
    const cart = await createCart(customers.contoso, [{ catalogItemId: e3Us, quantity: 3 }]);
    const headers = { 'MS-RequestId': 'checkout-once' };
    const first = await checkout(customers.contoso, cart.body.id, headers);
    const second = await checkout(customers.contoso, cart.body.id, headers);
    assert.deepEqual([first.status, second.status], [201, 201]);
    assert.equal(second.body.orders[0]?.id, first.body.orders[0]?.id);
    assert.equal((await ledger(sandbox, { kind: 'purchase' })).length, 1);
    const replayed = await ledger(sandbox, { kind: 'replayed' });
    assert.deepEqual(
      replayed.map((e) => e.requestId),
      ['checkout-once'],
    );
  });

  it('does not store a 429 or a 5xx: the retry with the same id gets a fresh try', async () => {
    const cart = await createCart(customers.contoso, [{ catalogItemId: e3Us, quantity: 3 }]);
    await call(sandbox, 'POST', '/_sandbox/faults/script', {
      token: null,
      body: [
        { method: 'POST', path: '/checkout$', times: 1, fault: { status: 429 } },
        { method: 'POST', path: '/checkout$', times: 1, fault: { status: 503 } },
      ],
    });
    const headers = { 'MS-RequestId': 'checkout-after-faults' };
    const throttled = await checkout(customers.contoso, cart.body.id, headers);
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '1');
    assert.deepEqual(throttled.body, {
      statusCode: 429,
      message: 'Rate limit is exceeded. Try again in 1 seconds.',
    });
    const unavailable = await checkout(customers.contoso, cart.body.id, headers);
    assert.equal(unavailable.status, 503);
    const bought = await checkout(customers.contoso, cart.body.id, headers);
    assert.equal(bought.status, 201);
    assert.equal((await ledger(sandbox, { kind: 'purchase' })).length, 1);
    assert.equal((await ledger(sandbox, { kind: 'replayed' })).length, 0);
    assert.deepEqual(
      (await ledger(sandbox, { kind: 'fault' })).map((e) => e.kind === 'fault' && e.status),
      [429, 503],
    );
  });

  it('drops the connection after buying: the purchase happened, the client saw a reset, the retry replays', async () => {
    const cart = await createCart(customers.contoso, [{ catalogItemId: e3Us, quantity: 3 }]);
    await call(sandbox, 'POST', '/_sandbox/faults/script', {
      token: null,
      body: [{ path: '/checkout$', fault: 'dropAfterCommit' }],
    });
    const headers = { 'MS-RequestId': 'unclear-answer' };
    await assert.rejects(
      checkout(customers.contoso, cart.body.id, headers),
      (error: Error) => error.message === 'fetch failed',
    );
    const purchases = await ledger(sandbox, { kind: 'purchase' });
    assert.equal(purchases.length, 1);
    assert.deepEqual(
      (await ledger(sandbox, { kind: 'fault' })).map((e) => e.kind === 'fault' && e.fault),
      ['dropAfterCommit'],
    );
    const retry = await checkout(customers.contoso, cart.body.id, headers);
    assert.equal(retry.status, 201);
    assert.equal(retry.body.orders[0]?.id, purchases[0]?.kind === 'purchase' ? purchases[0].orderId : 'x');
    assert.equal((await ledger(sandbox, { kind: 'purchase' })).length, 1);
  });

  it('drops the connection before acting: nothing happened', async () => {
    await call(sandbox, 'POST', '/_sandbox/faults/script', {
      token: null,
      body: { script: [{ path: '/carts$', fault: 'drop' }] },
    });
    await assert.rejects(createCart(customers.contoso, [{ catalogItemId: e3Us, quantity: 1 }]));
    assert.equal((await ledger(sandbox, { kind: 'cartCreated' })).length, 0);
    assert.equal((await ledger(sandbox, { kind: 'fault' }))[0]?.kind, 'fault');
  });

  it('keeps a new subscription pending for the provisioning delay; its seats are assignable only once active', async () => {
    await setFaults(sandbox, { provisioningDelayMs: 60_000 });
    const { checkout: result } = await buy(sandbox, customers.contoso, [
      { catalogItemId: e3Us, quantity: 45 },
    ]);
    const order = result.body.orders[0];
    const subscriptionId = order?.lineItems[0]?.subscriptionId ?? '';
    assert.equal(order?.status, 'pending');
    const subPath = `/v1/customers/${customers.contoso}/subscriptions/${subscriptionId}`;
    assert.equal((await call<Subscription>(sandbox, 'GET', subPath)).body.status, 'pending');
    assert.equal(
      (await call<{ status: string }>(sandbox, 'GET', `${subPath}/provisioningstatus`)).body.status,
      'pending',
    );
    const swap = () =>
      call(sandbox, 'POST', `/v1/customers/${customers.contoso}/users/${users.contosoPlain}/licenseupdates`, {
        body: {
          licensesToAssign: [{ skuId: LicenseSkuId.office365E3 }],
          licensesToRemove: [LicenseSkuId.office365E4],
        },
      });
    const early = await swap();
    assert.equal(early.status, 400);
    assert.equal((early.body as { code: number }).code, 60012);

    await advanceClock(sandbox, 61_000);
    assert.equal((await call<Subscription>(sandbox, 'GET', subPath)).body.status, 'active');
    assert.equal(
      (await call<Order>(sandbox, 'GET', `/v1/customers/${customers.contoso}/orders/${order?.id}`)).body
        .status,
      'completed',
    );
    assert.equal((await swap()).status, 201);
    const provisioned = (await ledger(sandbox, { kind: 'subscriptionChange' })).find(
      (e) => e.kind === 'subscriptionChange' && e.reason === 'provisioned',
    );
    assert.ok(provisioned?.kind === 'subscriptionChange' && provisioned.subscriptionId === subscriptionId);
    const state = await customerState(sandbox, customers.contoso);
    assert.equal(state.subscriptions.find((s) => s.id === subscriptionId)?.consumedUnits, 1);
  });
});
