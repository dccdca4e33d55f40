import assert from 'node:assert/strict';

import type {
  Collection,
  CustomerUser,
  License,
  LicenseUpdate,
  SubscribedSku,
} from '../../src/services/partner-center/models.js';
import { catalogItemIdOf } from '../../sandbox/catalog.js';
import { LicenseSkuId } from '../../sandbox/licensing/licenseSkus.js';
import { ServicePlans } from '../../sandbox/licensing/servicePlans.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import type { RunningSandbox } from '../../sandbox/server.js';
import {
  advanceClock,
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
const E4 = LicenseSkuId.office365E4;
const E3 = LicenseSkuId.office365E3;
const yammer = ServicePlans.YAMMER_ENTERPRISE.id;

describe('sandbox users, licenses and license updates', () => {
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());
  beforeEach(() => reset(sandbox));

  const update = (customerId: string, userId: string, body: unknown, headers: Record<string, string> = {}) =>
    call<LicenseUpdate>(sandbox, 'POST', `/v1/customers/${customerId}/users/${userId}/licenseupdates`, {
      body,
      headers,
    });
  const swap = (customerId: string, userId: string, to = E3) =>
    update(customerId, userId, { licensesToAssign: [{ skuId: to }], licensesToRemove: [E4] });
  const skusOf = async (customerId: string) =>
    (await call<Collection<SubscribedSku>>(sandbox, 'GET', `/v1/customers/${customerId}/subscribedskus`)).body
      .items;
  const buyE3 = (customerId: string, market: 'US' | 'SE', quantity: number) =>
    buy(sandbox, customerId, [{ catalogItemId: catalogItemIdOf('office365E3', market), quantity }]);

  it('pages through 5,000 users in pages of 1,000', async () => {
    const seen = new Set<string>();
    let path: string | undefined = `/v1/customers/${customers.northwind}/users?size=1000`;
    let token: string | undefined;
    let pages = 0;
    while (path) {
      const answer: { body: Collection<CustomerUser> } = await call<Collection<CustomerUser>>(
        sandbox,
        'GET',
        path,
        {
          headers: token ? { 'MS-ContinuationToken': token } : {},
        },
      );
      pages++;
      for (const user of answer.body.items) seen.add(user.id);
      path = answer.body.links?.next?.uri;
      token = answer.body.links?.next?.headers[0]?.value;
    }
    assert.equal(pages, 5);
    assert.equal(seen.size, 5000);
  });

  it('gets a user by id or UPN, omits an unset usage location, and answers 60002 / 60003', async () => {
    const byId = await call<CustomerUser>(
      sandbox,
      'GET',
      `/v1/customers/${customers.fabrikam}/users/${users.fabrikamPlain}`,
    );
    assert.equal(byId.status, 200);
    assert.equal(byId.body.usageLocation, 'US');
    const byUpn = await call<CustomerUser>(
      sandbox,
      'GET',
      `/v1/customers/${customers.fabrikam}/users/${encodeURIComponent(byId.body.userPrincipalName)}`,
    );
    assert.equal(byUpn.body.id, users.fabrikamPlain);
    const noLocation = await call<CustomerUser>(
      sandbox,
      'GET',
      `/v1/customers/${customers.fabrikam}/users/${users.fabrikamNoUsageLocation[0]}`,
    );
    assert.equal('usageLocation' in noLocation.body, false);
    const unknownUser = '00000000-0000-4000-8000-00000000beef';
    const missing = await call(sandbox, 'GET', `/v1/customers/${customers.fabrikam}/users/${unknownUser}`);
    assert.deepEqual(
      [missing.status, missing.body],
      [404, errorBody(60002, `User object Id ${unknownUser} is not found.`)],
    );
    const unknownCustomer = '00000000-0000-4000-8000-00000000cafe';
    const noTenant = await call(sandbox, 'GET', `/v1/customers/${unknownCustomer}/users`);
    assert.deepEqual(
      [noTenant.status, noTenant.body],
      [404, errorBody(60003, `Tenant ${unknownCustomer} not found.`)],
    );
  });

  it('shows a user’s licenses with excluded plans disabled', async () => {
    const answer = await call<Collection<License>>(
      sandbox,
      'GET',
      `/v1/customers/${customers.contoso}/users/${users.contosoWithExcludedPlan}/licenses`,
    );
    const license = answer.body.items[0];
    assert.equal(license?.productSku.id, E4);
    assert.equal(license?.productSku.skuPartNumber, 'ENTERPRISEWITHSCAL');
    const plan = (serviceName: string) => license?.servicePlans.find((p) => p.serviceName === serviceName);
    assert.equal(plan('YAMMER_ENTERPRISE')?.capabilityStatus, 'Disabled');
    assert.equal(plan('EXCHANGE_S_ENTERPRISE')?.capabilityStatus, 'Enabled');
  });

  it('swaps E4 for E3 in one call, keeping the excluded plan, and records it', async () => {
    await buyE3(customers.contoso, 'US', 45);
    const answer = await update(customers.contoso, users.contosoWithExcludedPlan, {
      LicensesToAssign: [{ SkuId: E3, ExcludedPlans: [yammer] }],
      LicensesToRemove: [E4],
    });
    assert.equal(answer.status, 201);
    assert.deepEqual(answer.body, {
      licensesToAssign: [{ skuId: E3, excludedPlans: [yammer] }],
      licenseWarnings: [],
      attributes: { objectType: 'LicenseUpdate' },
      licensesToRemove: [E4],
    });
    const changes = await ledger(sandbox, { kind: 'licenseChange' });
    assert.equal(changes.length, 1);
    const change = changes[0];
    assert.ok(change?.kind === 'licenseChange');
    assert.deepEqual(
      [change.userId, change.before, change.after, change.assigned, change.removed],
      [users.contosoWithExcludedPlan, [E4], [E3], [E3], [E4]],
    );
    assert.equal(change.caller.kind === 'user' && change.caller.oid, DemoIds.partnerUsers.adminAgent);
    const state = await customerState(sandbox, customers.contoso);
    const user = state.users?.find((u) => u.id === users.contosoWithExcludedPlan);
    assert.deepEqual(user?.licenses, [
      { skuId: E3, skuPartNumber: 'ENTERPRISEPACK', excludedPlans: [yammer], works: true },
    ]);
  });

  it('refuses E3 next to E4 (conflicting Exchange and SharePoint plans) and changes nothing', async () => {
    await buyE3(customers.contoso, 'US', 45);
    const answer = await update(customers.contoso, users.contosoPlain, { licensesToAssign: [{ skuId: E3 }] });
    assert.equal(answer.status, 400);
    const body = answer.body as unknown as { code: number; description: string };
    assert.equal(body.code, 60013);
    assert.match(body.description, /EXCHANGE_S_ENTERPRISE, SHAREPOINTENTERPRISE/);
    assert.match(body.description, new RegExp(`Remove ${E4} in the same request`));
    const state = await customerState(sandbox, customers.contoso);
    assert.deepEqual(
      state.users?.find((u) => u.id === users.contosoPlain)?.licenses.map((l) => l.skuId),
      [E4],
    );
    assert.equal((await ledger(sandbox, { kind: 'licenseChange' })).length, 0);
    assert.equal((await ledger(sandbox, { kind: 'refused' }))[0]?.kind, 'refused');
  });

  it('applies nothing when any part of the update is refused', async () => {
    await buyE3(customers.contoso, 'US', 45);
    const answer = await update(customers.contoso, users.contosoPlain, {
      licensesToAssign: [{ skuId: E3 }],
      licensesToRemove: [E4, LicenseSkuId.phoneSystem],
    });
    assert.equal(answer.status, 400);
    const state = await customerState(sandbox, customers.contoso);
    assert.deepEqual(
      state.users?.find((u) => u.id === users.contosoPlain)?.licenses.map((l) => l.skuId),
      [E4],
    );
    assert.equal(state.skus.find((s) => s.skuId === E3)?.assignedUnits, 0);
  });

  it('refuses a license for a user without usage location', async () => {
    await buyE3(customers.fabrikam, 'US', 15);
    const answer = await swap(customers.fabrikam, users.fabrikamNoUsageLocation[0]);
    assert.deepEqual(
      [answer.status, answer.body],
      [400, errorBody(60010, 'License assignment cannot be done for user with invalid usage location.')],
    );
  });

  it('refuses to change a group-assigned license per user', async () => {
    await buyE3(customers.fabrikam, 'US', 15);
    const answer = await swap(customers.fabrikam, users.fabrikamGroupLicensed);
    assert.equal(answer.status, 400);
    const body = answer.body as unknown as { code: number; description: string };
    assert.equal(body.code, 60011);
    assert.match(body.description, new RegExp(`through group ${DemoIds.groups.fabrikamE4Licensing}`));
  });

  it('refuses more assignments than active units with 60012', async () => {
    await buyE3(customers.fabrikamNordic, 'SE', 1);
    const first = (await customerState(sandbox, customers.fabrikamNordic)).users?.map((u) => u.id) ?? [];
    assert.equal((await swap(customers.fabrikamNordic, first[0] ?? '')).status, 201);
    const second = await swap(customers.fabrikamNordic, first[1] ?? '');
    assert.equal(second.status, 400);
    assert.deepEqual(
      second.body,
      errorBody(60012, 'Your organization has run out of licenses. Buy more licenses, and then try again.', [
        `LicenseQuotaExceededException : Subscription with Account ${customers.fabrikamNordic} and SKU ${E3} does not have any available licenses left.`,
      ]),
    );
  });

  it('refuses licenses from two license groups in one request', async () => {
    const answer = await update(customers.contoso, users.contosoPlain, {
      licensesToAssign: [{ skuId: LicenseSkuId.minecraftEducation }, { skuId: E3 }],
    });
    assert.equal(answer.status, 400);
    assert.equal((answer.body as unknown as { code: number }).code, 60014);
  });

  it('lets consumedUnits lag behind license changes by the configured time', async () => {
    await setFaults(sandbox, { consumedUnitsLagMs: 10 * 60_000 });
    await buyE3(customers.fabrikamNordic, 'SE', 8);
    const ids = (await customerState(sandbox, customers.fabrikamNordic)).users?.map((u) => u.id) ?? [];
    for (const id of ids.slice(0, 3)) assert.equal((await swap(customers.fabrikamNordic, id)).status, 201);
    const consumed = async () =>
      Object.fromEntries(
        (await skusOf(customers.fabrikamNordic)).map((s) => [s.productSku.id, s.consumedUnits]),
      );
    assert.deepEqual(await consumed(), { [E4]: 8, [E3]: 0 });
    const truth = await customerState(sandbox, customers.fabrikamNordic);
    assert.equal(truth.skus.find((s) => s.skuId === E4)?.assignedUnits, 5);
    await advanceClock(sandbox, 11 * 60_000);
    assert.deepEqual(await consumed(), { [E4]: 5, [E3]: 3 });
  });

  it('replays a license update with the same MS-RequestId without acting again', async () => {
    await buyE3(customers.contoso, 'US', 45);
    const headers = { 'MS-RequestId': 'swap-contoso-plain-1' };
    const first = await swap(customers.contoso, users.contosoPlain);
    assert.equal(first.status, 201);
    const again = await update(
      customers.contoso,
      users.contosoPlain,
      { licensesToAssign: [{ skuId: E4 }], licensesToRemove: [E3] },
      headers,
    );
    const replay = await update(
      customers.contoso,
      users.contosoPlain,
      { licensesToAssign: [{ skuId: E4 }], licensesToRemove: [E3] },
      headers,
    );
    assert.deepEqual([again.status, replay.status], [201, 201]);
    assert.deepEqual(replay.body, again.body);
    assert.equal((await ledger(sandbox, { kind: 'licenseChange' })).length, 2);
    assert.equal((await ledger(sandbox, { kind: 'replayed' })).length, 1);
  });
});
