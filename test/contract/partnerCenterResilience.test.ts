import assert from 'node:assert/strict';
import { catalogItemIdOf } from '../../sandbox/catalog.js';
import type { FaultEntry, LicenseChangeEntry, PurchaseEntry, ReplayedEntry } from '../../sandbox/ledger.js';
import { LicenseSkuId } from '../../sandbox/licensing/licenseSkus.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { PartnerCenterError } from '../../src/services/errors.js';
import type { PartnerCenterClient } from '../../src/services/partner-center/partnerCenterClient.js';
import { deriveRequestId } from '../../src/services/partner-center/requestIds.js';
import { startPartnerCenterHarness, type PartnerCenterHarness } from '../helpers/partnerCenterHarness.js';

const contoso = DemoIds.customers.contoso;
const checkoutPath = '/v1/customers/[^/]+/carts/[^/]+/checkout';

describe('PartnerCenterClient under injected faults (ledger as oracle)', () => {
  let pc: PartnerCenterHarness;
  let admin: PartnerCenterClient;
  before(async () => {
    pc = await startPartnerCenterHarness({ retry: { maxAttempts: 4, baseDelayInMs: 20 } });
  });
  beforeEach(async () => {
    await pc.reset();
    admin = pc.as();
  });
  after(async () => pc.close());

  async function newCart(tag: string) {
    return admin.createCart(
      contoso,
      [
        {
          catalogItemId: catalogItemIdOf('office365E3', 'US'),
          quantity: 45,
          billingCycle: 'monthly',
          termDuration: 'P1Y',
          friendlyName: `E4 migration ${tag}`,
        },
      ],
      { requestId: deriveRequestId(tag, 'cart') },
    );
  }

  it('retries 429 (Retry-After), 500 and a dropped connection with one MS-RequestId, and acts once', async () => {
    await pc.script([
      { method: 'POST', path: checkoutPath, fault: { status: 429, retryAfterSeconds: 1 } },
      { method: 'POST', path: checkoutPath, fault: { status: 500 } },
      { method: 'POST', path: checkoutPath, fault: 'drop' },
    ]);
    const cart = await newCart('m-retry');
    const requestId = deriveRequestId('m-retry', 'checkout');
    const started = Date.now();
    const result = await admin.checkoutCart(contoso, cart.id, { requestId });
    assert.ok(Date.now() - started >= 1000, 'waited the Retry-After second');
    assert.equal(result.orders.length, 1);
    const faults = pc.ledger('fault') as FaultEntry[];
    assert.deepEqual(
      faults.map((entry) => entry.requestId),
      [requestId, requestId, requestId],
    );
    const purchases = pc.ledger('purchase') as PurchaseEntry[];
    assert.equal(purchases.length, 1);
    assert.equal(purchases[0]?.requestId, requestId);
  });

  it('after an unclear answer (connection dropped after the purchase) the retry replays: one purchase', async () => {
    await pc.script([{ method: 'POST', path: checkoutPath, fault: 'dropAfterCommit' }]);
    const cart = await newCart('m-unclear');
    const result = await admin.checkoutCart(contoso, cart.id, {
      requestId: deriveRequestId('m-unclear', 'checkout'),
    });
    assert.equal(result.orders.length, 1);
    const purchases = pc.ledger('purchase') as PurchaseEntry[];
    assert.equal(purchases.length, 1);
    assert.equal(
      purchases[0]?.orderId,
      result.orders[0]?.id,
      'the answer is the first purchase, not a second',
    );
    assert.equal((pc.ledger('replayed') as ReplayedEntry[]).length, 1);
  });

  it('a repeated MS-RequestId (a restart re-sending the same step) gets the first result, not a second purchase', async () => {
    const cart = await newCart('m-repeat');
    const requestId = deriveRequestId('m-repeat', 'checkout');
    const first = await admin.checkoutCart(contoso, cart.id, { requestId });
    const again = await pc.as(DemoIds.partnerUsers.adminAgent2).checkoutCart(contoso, cart.id, { requestId });
    assert.deepEqual(again, first);
    assert.equal(pc.ledger('purchase').length, 1);
  });

  it('a 429 or 5xx is not remembered: the next attempt with the same id acts', async () => {
    await pc.script([
      { method: 'POST', path: '/licenseupdates$', fault: { status: 503, retryAfterSeconds: 0 } },
    ]);
    await admin.checkoutCart(contoso, (await newCart('m-5xx')).id, {
      requestId: deriveRequestId('m-5xx', 'checkout'),
    });
    const requestId = deriveRequestId('m-5xx', 'moveUser', DemoIds.users.contosoPlain, 1);
    await admin.updateUserLicenses(
      contoso,
      DemoIds.users.contosoPlain,
      {
        licensesToAssign: [{ skuId: LicenseSkuId.office365E3 }],
        licensesToRemove: [LicenseSkuId.office365E4],
      },
      { requestId },
    );
    const changes = pc.ledger('licenseChange') as LicenseChangeEntry[];
    assert.equal(changes.length, 1);
    assert.equal(changes[0]?.requestId, requestId);
    assert.equal(pc.ledger('replayed').length, 0);
  });

  it('gives up after the attempt limit with the last status, and says when no answer ever came', async () => {
    await pc.script([
      { path: '/subscriptions$', times: 4, fault: { status: 500, code: 500, description: 'down' } },
    ]);
    const error = await pc.app.listSubscriptions(contoso).catch((caught: unknown) => caught);
    assert.ok(error instanceof PartnerCenterError);
    assert.equal(error.status, 500);
    assert.equal(error.description, 'down');

    await pc.script([{ path: '/subscriptions$', times: 4, fault: 'drop' }]);
    const dropped = await pc.app.listSubscriptions(contoso).catch((caught: unknown) => caught);
    assert.ok(dropped instanceof PartnerCenterError);
    assert.equal(dropped.status, 0);
    assert.equal(dropped.isOutcomeUnknown, true);
  });

  it('a business error is never retried', async () => {
    await pc.script([
      {
        method: 'POST',
        path: checkoutPath,
        fault: { status: 400, code: 4018, description: 'Unable to process order' },
      },
    ]);
    const cart = await newCart('m-400');
    const error = await admin.checkoutCart(contoso, cart.id).catch((caught: unknown) => caught);
    assert.ok(error instanceof PartnerCenterError);
    assert.equal(error.errorCode, '4018');
    assert.equal((pc.ledger('fault') as FaultEntry[]).length, 1);
    assert.equal(pc.ledger('purchase').length, 0);
  });
});
