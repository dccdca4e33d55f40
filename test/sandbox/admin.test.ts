import assert from 'node:assert/strict';

import type { Collection, Customer, Subscription } from '../../src/services/partner-center/models.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { generatedCustomerId } from '../../sandbox/seeds/largeSeedGenerator.js';
import type { SandboxSeed } from '../../sandbox/seeds/seedTypes.js';
import type { RunningSandbox } from '../../sandbox/server.js';
import { appToken, call, customerState, dayMs, ledger, reset, startTestSandbox } from './helpers.js';

const { customers, subscriptions } = DemoIds;
const admin = <T = unknown>(sandbox: RunningSandbox, method: string, path: string, body?: unknown) =>
  call<T>(sandbox, method, `/_sandbox${path}`, { token: null, body });

describe('sandbox admin API', () => {
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ faults: { consumedUnitsLagMs: 1000 } });
  });
  after(() => sandbox.close());
  beforeEach(() => reset(sandbox));

  it('resets state, ledger, replay store, faults and clock to the start', async () => {
    const subPath = `/v1/customers/${customers.contoso}/subscriptions/${subscriptions.contosoE4}`;
    await call(sandbox, 'PATCH', subPath, {
      body: { status: 'suspended' },
      headers: { 'MS-RequestId': 'r1' },
    });
    await admin(sandbox, 'PUT', '/faults', { latencyMs: 5 });
    await admin(sandbox, 'PUT', '/clock', { offsetMs: 10 * dayMs });
    assert.ok((await ledger(sandbox)).length > 0);

    const answer = await admin<{ reset: boolean }>(sandbox, 'POST', '/reset');
    assert.equal(answer.body.reset, true);
    assert.equal((await call<Subscription>(sandbox, 'GET', subPath)).body.status, 'active');
    assert.deepEqual(await ledger(sandbox), []);
    assert.deepEqual((await admin(sandbox, 'GET', '/faults')).body, { consumedUnitsLagMs: 1000, script: [] });
    assert.equal((await admin<{ offsetMs: number }>(sandbox, 'GET', '/clock')).body.offsetMs, 0);
    const again = await call(sandbox, 'PATCH', subPath, {
      body: { status: 'suspended' },
      headers: { 'MS-RequestId': 'r1' },
    });
    assert.equal(again.status, 200);
    assert.equal((await ledger(sandbox, { kind: 'replayed' })).length, 0, 'the replay store was emptied');
  });

  it('moves the clock by offset, to an instant, or by an amount', async () => {
    const set = await admin<{ offsetMs: number; now: string }>(sandbox, 'PUT', '/clock', { offsetMs: dayMs });
    assert.equal(set.body.offsetMs, dayMs);
    assert.ok(Math.abs(Date.parse(set.body.now) - (Date.now() + dayMs)) < 2000);
    const to = await admin<{ now: string }>(sandbox, 'PUT', '/clock', { now: '2030-01-01T00:00:00Z' });
    assert.ok(Math.abs(Date.parse(to.body.now) - Date.parse('2030-01-01T00:00:00Z')) < 2000);
    await admin(sandbox, 'PUT', '/clock', { offsetMs: dayMs });
    const advanced = await admin<{ offsetMs: number }>(sandbox, 'PUT', '/clock', { advanceMs: dayMs });
    assert.equal(advanced.body.offsetMs, 2 * dayMs);
    assert.equal((await admin(sandbox, 'PUT', '/clock', { later: 1 })).status, 400);
  });

  it('filters the ledger by kind, customer and sequence', async () => {
    await call(
      sandbox,
      'PATCH',
      `/v1/customers/${customers.contoso}/subscriptions/${subscriptions.contosoE4}`,
      {
        body: { friendlyName: 'x' },
      },
    );
    await call(
      sandbox,
      'PATCH',
      `/v1/customers/${customers.fabrikam}/subscriptions/${subscriptions.fabrikamE4}`,
      {
        body: { friendlyName: 'y' },
      },
    );
    await call(sandbox, 'GET', `/v1/customers/${customers.contoso}/subscriptions/nope`);
    const all = await ledger(sandbox);
    assert.deepEqual(
      all.map((e) => e.seq),
      [1, 2, 3],
    );
    assert.deepEqual(
      (await ledger(sandbox, { customerId: customers.fabrikam })).map((e) => e.seq),
      [2],
    );
    assert.deepEqual(
      (await ledger(sandbox, { kind: 'refused' })).map((e) => e.seq),
      [3],
    );
    assert.deepEqual(
      (await ledger(sandbox, { since: 1 })).map((e) => e.seq),
      [2, 3],
    );
    assert.equal((await admin(sandbox, 'GET', '/ledger?kind=nonsense')).status, 400);
    const first = all[0];
    assert.ok(first?.kind === 'subscriptionChange');
    assert.equal(first.method, 'PATCH');
    assert.equal(typeof first.requestId, 'string');
    assert.equal(typeof first.correlationId, 'string');
    assert.ok(!Number.isNaN(Date.parse(first.at)));
  });

  it('shows a customer’s internal state, with or without users', async () => {
    const state = await customerState(sandbox, customers.fabrikam);
    assert.equal(state.customer.companyName, 'Fabrikam');
    assert.equal(state.users?.length, 12);
    assert.equal(state.users?.filter((u) => u.usageLocation === undefined).length, 3);
    assert.equal(state.subscriptions[0]?.consumedUnits, 12);
    const withoutUsers = await admin<Record<string, unknown>>(
      sandbox,
      'GET',
      `/customers/${customers.northwind}/state?users=false`,
    );
    assert.equal('users' in withoutUsers.body, false);
    assert.equal((await admin(sandbox, 'GET', '/customers/nobody/state')).status, 404);
  });

  it('loads a generated seed of 10,000 customers quickly, then the demo seed again', async () => {
    const started = performance.now();
    const loaded = await admin<{ customers: number }>(sandbox, 'POST', '/seed', {
      kind: 'generated',
      customers: 10_000,
      rngSeed: 5,
    });
    assert.equal(loaded.body.customers, 10_000);
    assert.ok(performance.now() - started < 3000, 'seeding 10,000 customers takes well under 3 s');
    const page = await call<Collection<Customer>>(sandbox, 'GET', '/v1/customers?size=500', {
      token: appToken,
    });
    assert.equal(page.body.totalCount, 500);
    assert.ok(page.body.links?.next);
    const subs = await call<Collection<Subscription>>(
      sandbox,
      'GET',
      `/v1/customers/${generatedCustomerId(9_999)}/subscriptions`,
    );
    assert.equal(subs.body.items[0]?.offerName, 'Office 365 Enterprise E4');
    await admin(sandbox, 'POST', '/seed', { kind: 'demo' });
    assert.equal((await call<Customer>(sandbox, 'GET', `/v1/customers/${customers.contoso}`)).status, 200);
  });

  it('loads a custom seed and refuses an invalid one', async () => {
    const seed: SandboxSeed = {
      partner: sandbox.runtime.seed.partner,
      customers: [
        {
          id: 'c0ffee00-0000-4000-8000-000000000001',
          companyName: 'Custom Co',
          domain: 'custom.onmicrosoft.com',
          country: 'SE',
          culture: 'sv-SE',
          hasAcceptedAgreement: true,
          subscriptions: [],
          users: [],
        },
      ],
    };
    assert.equal((await admin(sandbox, 'POST', '/seed', { kind: 'custom', seed })).status, 200);
    const list = await call<Collection<Customer>>(sandbox, 'GET', '/v1/customers');
    assert.deepEqual(
      list.body.items.map((c) => c.companyProfile.companyName),
      ['Custom Co'],
    );
    const invalid = await admin(sandbox, 'POST', '/seed', {
      kind: 'custom',
      seed: { partner: {}, customers: 'no' },
    });
    assert.equal(invalid.status, 400);
  });

  it('lists the catalog with catalog item ids per market', async () => {
    const catalog = await admin<{ key: string; catalogItemIds: Record<string, string> }[]>(
      sandbox,
      'GET',
      '/catalog',
    );
    const e3 = catalog.body.find((entry) => entry.key === 'office365E3');
    assert.match(e3?.catalogItemIds.SE ?? '', /^CFQ7TTC0LF8Q:0001:DZH318Z0SE\d\d$/);
  });
});
