import { setMaxListeners } from 'node:events';
import assert from 'node:assert/strict';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { SandboxProducts } from '../../src/services/migration/optionCatalog.js';
import { startAzurite, type RunningAzurite } from '../helpers/azurite.js';
import { startPartnerCenterHarness, type PartnerCenterHarness } from '../helpers/partnerCenterHarness.js';
import { EngineKit, oracle, people } from './engineKit.js';

const { contoso } = DemoIds.customers;
const e4Sku = '1392051d-0cb9-4b7a-88d5-621fee5e8711';

describe('MigrationSaga against the sandbox and Azurite', function () {
  this.timeout(60_000);
  let pc: PartnerCenterHarness;
  let azurite: RunningAzurite;
  let kit: EngineKit;
  let n = 0;
  before(async () => {
    [pc, azurite] = await Promise.all([startPartnerCenterHarness(), startAzurite()]);
  });
  beforeEach(async () => {
    await pc.reset();
    kit = new EngineKit(pc, azurite, `engine-${++n}`);
  });
  after(async () => Promise.all([pc.close(), azurite.stop()]));

  it('migrates Contoso to option 3: one purchase, every user moved in one update, E4 suspended last', async () => {
    const start = await kit.approved(contoso, DemoIds.subscriptions.contosoE4, 3);
    const done = await kit.run(start.id);
    assert.equal(done.state, 'completed', JSON.stringify(done.reason));
    assert.equal(done.users.moved, 40);
    assert.deepEqual(done.users.failures, []);

    const purchases = kit.ledger(contoso, 'purchase');
    assert.equal(purchases.length, 1);
    const state = await oracle(pc, contoso);
    const e3 = SandboxProducts.office365E3.licenseSkuId.toLowerCase();
    for (const user of state.users ?? []) {
      const skus = user.licenses.map((license) => license.skuId.toLowerCase());
      assert.ok(!skus.includes(e4Sku), `${user.userPrincipalName} still holds E4`);
    }
    const moved = (state.users ?? []).filter((user) =>
      user.licenses.some((l) => l.skuId.toLowerCase() === e3),
    );
    assert.equal(moved.length, 40);
    assert.ok(moved.every((user) => user.licenses.every((license) => license.works)));
    const yammerOff = moved.find((user) => user.id === DemoIds.users.contosoWithExcludedPlan);
    assert.ok(yammerOff?.licenses.find((l) => l.skuId.toLowerCase() === e3)?.excludedPlans.length);
    const e4 = state.subscriptions.find((sub) => sub.id === DemoIds.subscriptions.contosoE4);
    assert.equal(e4?.status, 'suspended');
    // Each user in exactly one license update, and E4 suspended after the last one.
    const changes = kit.ledger(contoso, 'licenseChange');
    assert.equal(changes.length, 40);
    const suspension = kit
      .ledger(contoso, 'subscriptionChange')
      .find((entry) => entry.seq > Math.max(...changes.map((c) => c.seq)));
    assert.ok(suspension, 'E4 suspended after every user moved');
    assert.deepEqual(
      done.events
        .map((event) => event.event)
        .filter((event) => !['purchaseIntent', 'cartCreated'].includes(event)),
      [
        'approved',
        'purchasing',
        'purchased',
        'provisioning',
        'moving_users',
        'verifying',
        'suspending',
        'e4Suspended',
        'completed',
      ],
    );
  });

  it('a pass cut short after moving users but before its checkpoint (a crash): the next pass still counts them as moved', async () => {
    const start = await kit.approved(contoso, DemoIds.subscriptions.contosoE4, 3);
    // No checkpoint during the pass, so what it moved is in the ledger and the move log only.
    const saga = kit.saga({ settings: { provisioningPollInMs: 100, checkpointEveryInMs: 3_600_000 } });
    const crash = new AbortController();
    setMaxListeners(0, crash.signal);
    const watch = setInterval(() => {
      if (kit.ledger(contoso, 'licenseChange').length >= 10) crash.abort();
    }, 5);
    try {
      await saga.run(start.id, crash.signal);
    } finally {
      clearInterval(watch);
    }
    const cut = await kit.journal.get(start.id);
    assert.equal(cut?.state, 'moving_users');
    assert.equal(cut?.users.moved, 0, 'nothing of the cut pass was saved');
    assert.ok(kit.ledger(contoso, 'licenseChange').length >= 10);

    const done = await kit.run(start.id);
    assert.equal(done.state, 'completed', JSON.stringify(done.reason));
    assert.equal(kit.ledger(contoso, 'licenseChange').length, 40, 'each user moved once');
    assert.equal(done.users.moved, 40);
    assert.equal(done.users.total, 40);
  });

  it('consumed units lagging behind: verification reads every user, finds none on E4, and suspends', async () => {
    await pc.faults({ consumedUnitsLagMs: 10 * 60_000 });
    try {
      const start = await kit.approved(contoso, DemoIds.subscriptions.contosoE4, 3);
      let licenseReads = 0;
      const saga = kit.saga({
        partnerCenterFor: (user) => {
          const client = pc.as(user.oid);
          const read = client.listUserLicenses.bind(client);
          client.listUserLicenses = (...args) => {
            licenseReads++;
            return read(...args);
          };
          return client;
        },
      });
      const done = await kit.run(start.id, saga);
      assert.equal(done.state, 'completed', JSON.stringify(done.reason));
      assert.equal(done.events.filter((event) => event.event === 'e4HoldersFound').length, 0);
      // Every user read once to move them and once more to verify nobody holds E4 any more.
      const users = (await oracle(pc, contoso)).users?.length ?? 0;
      assert.equal(licenseReads, 2 * users);
      const state = await oracle(pc, contoso);
      assert.equal(
        state.subscriptions.find((sub) => sub.id === DemoIds.subscriptions.contosoE4)?.status,
        'suspended',
      );
    } finally {
      await pc.faults({});
    }
  });

  it('running a completed migration again buys and changes nothing more', async () => {
    const start = await kit.approved(contoso, DemoIds.subscriptions.contosoE4, 3);
    await kit.run(start.id);
    const before = pc.sandbox.ledger.list({}).length;
    const again = await kit.run(start.id);
    assert.equal(again.state, 'completed');
    assert.equal(pc.sandbox.ledger.list({}).length, before);
  });

  it('rolls back after suspension: E4 reactivated, every user back on E4 with their disabled plans, purchase cancelled', async () => {
    const start = await kit.approved(contoso, DemoIds.subscriptions.contosoE4, 3);
    await kit.run(start.id);
    await kit.journal.update(start.id, (record) => ({ ...record, state: 'rolling_back' }));
    const back = await kit.run(start.id);
    assert.equal(back.state, 'rolled_back', JSON.stringify(back.reason));
    assert.equal(back.users.restored, 40);
    const state = await oracle(pc, contoso);
    const holders = (state.users ?? []).filter((user) =>
      user.licenses.some((l) => l.skuId.toLowerCase() === e4Sku),
    );
    assert.equal(holders.length, 40);
    assert.ok(holders.every((user) => user.licenses.every((license) => license.works)));
    const yammerOff = holders.find((user) => user.id === DemoIds.users.contosoWithExcludedPlan);
    assert.ok(yammerOff?.licenses.find((l) => l.skuId.toLowerCase() === e4Sku)?.excludedPlans.length);
    assert.equal(
      state.subscriptions.find((sub) => sub.id === DemoIds.subscriptions.contosoE4)?.status,
      'active',
    );
    for (const bought of back.purchase.subscriptions) {
      assert.equal(state.subscriptions.find((sub) => sub.id === bought.subscriptionId)?.status, 'deleted');
    }
  });

  it('an identical plan approved again after the records were erased buys anew: nothing of the erased migration is replayed or taken for its purchase', async () => {
    const first = await kit.approved(contoso, DemoIds.subscriptions.contosoE4, 3);
    await kit.run(first.id);
    await kit.journal.update(first.id, (record) => ({ ...record, state: 'rolling_back' }));
    const back = await kit.run(first.id);
    assert.equal(back.state, 'rolled_back', JSON.stringify(back.reason));
    // The customer asked to be forgotten (audit erasure): the record and the move log go.
    await kit.journal.remove(first.id);
    await kit.moveLog.remove(first.id);
    await new Promise((resolve) => setTimeout(resolve, 5));

    const again = await kit.approved(contoso, DemoIds.subscriptions.contosoE4, 3);
    assert.equal(again.id, first.id, 'precondition: the same plan and round name the same migration');
    const done = await kit.run(again.id);
    assert.equal(done.state, 'completed', JSON.stringify(done.reason));
    assert.equal(kit.ledger(contoso, 'purchase').length, 2, 'bought again, not mistaken for the erased one');
    const firstBought = new Set(back.purchase.subscriptions.map((sub) => sub.subscriptionId));
    assert.ok(done.purchase.subscriptions.every((sub) => !firstBought.has(sub.subscriptionId)));
    const state = await oracle(pc, contoso);
    assert.ok(
      (state.users ?? []).every((user) => user.licenses.every((l) => l.skuId.toLowerCase() !== e4Sku)),
    );
    for (const bought of done.purchase.subscriptions) {
      assert.equal(state.subscriptions.find((sub) => sub.id === bought.subscriptionId)?.status, 'active');
    }
  });

  it('a person with no token pauses the migration with needsSignIn before anything is bought', async () => {
    const start = await kit.approved(contoso, DemoIds.subscriptions.contosoE4, 3, people.noMfa);
    const paused = await kit.run(start.id);
    assert.equal(paused.state, 'paused');
    assert.equal(paused.reason?.code, 'needsSignIn');
    assert.equal(kit.ledger(contoso, 'purchase').length, 0);
  });
});
