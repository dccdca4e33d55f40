import assert from 'node:assert/strict';
import { Crash, recordingLogger } from './reminderFakes.js';
import { ReminderWorld, type TestCard } from './reminderKit.js';

const general = '19:general@thread.tacv2';
const sales = '19:sales@thread.tacv2';
const user = { oid: 'a0000000-0000-4000-8000-000000000004', tenantId: 't', name: 'Sven' };

/** One daily scan per day for `days` days, each for that day's slot. */
async function scanDaily(world: ReminderWorld, days: number, instance = world.instance()): Promise<void> {
  for (let day = 0; day < days; day++) {
    await instance.reminders.runScheduled(world.clock.now());
    world.clock.advanceDays(1);
  }
}

describe('ExpiryReminders (controllable clock, fakes of Partner Center, storage and Teams)', () => {
  it('crosses each lead time exactly once, and nothing after the end of service', async () => {
    const world = new ReminderWorld();
    world.addCustomer('c1', 'Contoso', [world.e4('s1', 100)]);
    await world.subscribe(world.channel(general));
    await scanDaily(world, 110);
    assert.deepEqual(world.remindersIn(general), ['s1@90', 's1@60', 's1@30', 's1@14', 's1@7', 's1@1']);
  });

  it('on the first scan sends only the nearest lead time already passed', async () => {
    const world = new ReminderWorld();
    world.addCustomer('c1', 'Contoso', [world.e4('s1', 20)]);
    world.addCustomer('c2', 'Fabrikam', [world.e4('s2', 75)]);
    world.addCustomer('c3', 'Later', [world.e4('s3', 200)]);
    await world.subscribe(world.channel(general));
    await scanDaily(world, 1);
    assert.deepEqual(world.remindersIn(general), ['s1@30', 's2@90']);
    // One card per channel per scan: the two reminders are one digest.
    assert.equal(world.cardsIn(general).length, 1);
    await scanDaily(world, 5);
    assert.equal(world.cardsIn(general).length, 1, 'nothing new until the next lead time');
    await scanDaily(world, 1);
    assert.deepEqual(world.remindersIn(general).slice(2), ['s1@14']);
  });

  it('snooze holds the subscription back for 7 days, then reminds once; the card is redrawn for everyone', async () => {
    const world = new ReminderWorld();
    world.addCustomer('c1', 'Contoso', [world.e4('s1', 20)]);
    await world.subscribe(world.channel(general));
    const instance = world.instance();
    await scanDaily(world, 1, instance);
    const [first] = world.cardsIn(general);
    assert.ok(first);
    const snoozed = await instance.actions.snooze({
      channelId: general,
      digestId: first.digestId,
      customerId: 'c1',
      subscriptionId: 's1',
      user,
    });
    assert.equal(snoozed.kind, 'done');
    const [update] = world.messenger.updates;
    assert.equal(update?.activityId, 'activity-1', 'everyone’s copy of the card is replaced');
    assert.ok((update?.card as TestCard).items[0]?.snoozedUntil);
    // Snoozed on day 1 (19 days left) until day 8: the 14-day lead time is crossed meanwhile, held back.
    await scanDaily(world, 7, instance);
    assert.equal(world.cardsIn(general).length, 1);
    await scanDaily(world, 1, instance);
    const cards = world.cardsIn(general);
    assert.equal(cards.length, 2);
    assert.deepEqual(
      cards[1]?.items.map((item) => [item.leadDays, item.reason]),
      [[14, 'snoozeEnded']],
    );
    await scanDaily(world, 5, instance);
    assert.deepEqual(world.remindersIn(general), ['s1@30', 's1@14', 's1@7']);
  });

  it('Assign to me shows the owner on the card for everyone; a tampered click changes nothing', async () => {
    const world = new ReminderWorld();
    world.addCustomer('c1', 'Contoso', [world.e4('s1', 20)]);
    await world.subscribe(world.channel(general));
    const instance = world.instance();
    await scanDaily(world, 1, instance);
    const digestId = world.cardsIn(general)[0]?.digestId ?? '';
    const assigned = await instance.actions.assignToMe({
      channelId: general,
      digestId,
      customerId: 'c1',
      subscriptionId: 's1',
      user,
    });
    assert.equal(assigned.kind, 'done');
    assert.equal((world.messenger.updates[0]?.card as TestCard).items[0]?.owner, 'Sven');
    for (const tampered of [
      { channelId: sales, digestId, customerId: 'c1', subscriptionId: 's1' },
      { channelId: general, digestId, customerId: 'c2', subscriptionId: 's1' },
      { channelId: general, digestId: 'now-x', customerId: 'c1', subscriptionId: 's1' },
    ]) {
      assert.deepEqual(await instance.actions.assignToMe({ ...tampered, user }), { kind: 'notFound' });
    }
    assert.equal(world.messenger.updates.length, 1);
  });

  it('stops reminding about a subscription once it is migrated, renewed or expired', async () => {
    const world = new ReminderWorld();
    world.addCustomer('c1', 'Migrated', [world.e4('s1', 40)]);
    world.addCustomer('c2', 'Renewed', [world.e4('s2', 40)]);
    world.addCustomer('c3', 'Expired', [world.e4('s3', 40)]);
    await world.subscribe(world.channel(general));
    await scanDaily(world, 1);
    // Same end date: by customer name.
    assert.deepEqual(world.remindersIn(general), ['s3@60', 's1@60', 's2@60']);
    world.changeSubscription('c1', 's1', { status: 'suspended' });
    world.changeSubscription('c2', 's2', { autoRenewEnabled: true });
    world.changeSubscription('c3', 's3', { status: 'expired' });
    await scanDaily(world, 45);
    assert.equal(world.cardsIn(general).length, 1);
  });

  it('reads the end date by the end-date rule: a far-future commitment end falls back to the billing cycle', async () => {
    const world = new ReminderWorld();
    const cycleEnd = new Date(world.clock.now().getTime() + 26 * 86_400_000).toISOString().slice(0, 10);
    world.addCustomer('c1', 'Sentinel', [
      world.e4('s1', 0, { commitmentEndDate: '9999-12-31', billingCycleEndDate: cycleEnd }),
      world.e4('s2', 0, { commitmentEndDate: '9999-12-31' }),
    ]);
    await world.subscribe(world.channel(general));
    await scanDaily(world, 1);
    // 25 days of service left by the billing cycle; the one without a usable date is never guessed.
    assert.deepEqual(world.remindersIn(general), ['s1@30']);
    const digest = await world.instance().digests.get(general, world.cardsIn(general)[0]?.digestId ?? '');
    assert.equal(
      digest?.items[0]?.lastServiceDay,
      new Date(Date.parse(cycleEnd) - 86_400_000).toISOString().slice(0, 10),
    );
  });

  it('reminds each channel of its own customers, in its own lead times', async () => {
    const world = new ReminderWorld();
    world.addCustomer('c1', 'Contoso', [world.e4('s1', 20)]);
    world.addCustomer('c2', 'Fabrikam', [world.e4('s2', 50)]);
    await world.subscribe(world.channel(general));
    await world.subscribe(
      world.channel(sales, {
        customers: { kind: 'list', customers: [{ id: 'c2', name: 'Fabrikam' }] },
        leadDays: [45, 10],
      }),
    );
    await scanDaily(world, 6);
    assert.deepEqual(world.remindersIn(general), ['s1@30', 's2@60']);
    assert.deepEqual(world.remindersIn(sales), ['s2@45']);
  });

  it('a large first scan lists 20 on the card, counts the rest, and records them all as reminded in one write', async () => {
    const world = new ReminderWorld();
    for (let n = 0; n < 25; n++) {
      world.addCustomer(`c${n}`, `Customer ${String(n).padStart(2, '0')}`, [world.e4(`s${n}`, 20)]);
    }
    await world.subscribe(world.channel(general));
    const instance = world.instance();
    await scanDaily(world, 1, instance);
    const [card] = world.cardsIn(general);
    assert.equal(card?.items.length, 20);
    const digest = await instance.digests.get(general, card?.digestId ?? '');
    // The stored digest keeps the card's rows in full and only what recording needs of the rest.
    assert.equal(digest?.items.length, 20);
    assert.deepEqual(
      digest?.counted?.map((record) => `${record.subscriptionId}@${record.leadDays}`),
      ['s20@30', 's21@30', 's22@30', 's23@30', 's24@30'],
    );
    assert.deepEqual(Object.keys(digest?.counted?.[0] ?? {}).sort(), [
      'customerId',
      'leadDays',
      'leadDaysDone',
      'reason',
      'subscriptionId',
    ]);
    const done = await instance.done.get(general);
    assert.equal(done.size, 25);
    assert.deepEqual(done.get('s24'), [90, 60, 30]);
    // The counted ones were reminded: nothing until the next lead time, which all 25 reach together.
    await scanDaily(world, 5, instance);
    assert.equal(world.cardsIn(general).length, 1);
    await scanDaily(world, 1, instance);
    assert.equal(world.cardsIn(general).length, 2);
    assert.equal(world.remindersIn(general).filter((reminder) => reminder.endsWith('@14')).length, 20);
    const stateWrites = [...world.container.blobs.keys()].filter((key) => key.startsWith('reminders/state/'));
    assert.deepEqual(stateWrites, [], 'no per-subscription documents until someone snoozes or assigns');
  });

  it('honours lead times recorded per subscription by the first version of reminders', async () => {
    const world = new ReminderWorld();
    world.addCustomer('c1', 'Contoso', [world.e4('s1', 20)]);
    world.addCustomer('c2', 'Fabrikam', [world.e4('s2', 20)]);
    await world.subscribe(world.channel(general));
    const instance = world.instance();
    // What that version wrote when it sent s1's 30-day reminder.
    await instance.states.change({ channelId: general, customerId: 'c1', subscriptionId: 's1' }, (state) => ({
      ...state,
      leadDaysDone: [90, 60, 30],
    }));
    await scanDaily(world, 1, instance);
    assert.deepEqual(world.remindersIn(general), ['s2@30']);
    await scanDaily(world, 6, instance);
    assert.deepEqual(world.remindersIn(general), ['s2@30', 's1@14', 's2@14']);
  });

  it('two instances scanning the same slot give one reminder', async () => {
    const world = new ReminderWorld();
    world.addCustomer('c1', 'Contoso', [world.e4('s1', 20)]);
    await world.subscribe(world.channel(general));
    const [a, b] = [world.instance('a'), world.instance('b')];
    const slot = world.clock.now();
    const outcomes = await Promise.all([a.reminders.runScheduled(slot), b.reminders.runScheduled(slot)]);
    // Whoever lost the lease, or came after the slot was done, scanned nothing.
    assert.deepEqual(outcomes.map((outcome) => outcome.kind).sort(), ['busy', 'completed']);
    assert.deepEqual(await b.reminders.runScheduled(slot), { kind: 'alreadyCompleted' });
    assert.deepEqual(world.remindersIn(general), ['s1@30']);
  });

  it('a crash at any write of a scan, then a restart, gives each channel its reminders once: no duplicates, no misses', async () => {
    // Except one point no sender can close: the card went out and the process died before recording
    // it. Teams has no idempotent send, so the digest is sent again (a repeat beats a missed expiry).
    const setUp = async () => {
      const world = new ReminderWorld();
      world.addCustomer('c1', 'Contoso', [world.e4('s1', 20), world.e4('s1b', 55)]);
      world.addCustomer('c2', 'Fabrikam', [world.e4('s2', 80)]);
      await world.subscribe(world.channel(general));
      await world.subscribe(world.channel(sales, { leadDays: [60, 14] }));
      return world;
    };
    const clean = await setUp();
    const writesBefore = clean.container.writes;
    await clean.instance().reminders.runScheduled(clean.clock.now());
    const writesOfAScan = clean.container.writes - writesBefore;
    const expected = { general: clean.remindersIn(general), sales: clean.remindersIn(sales) };
    assert.deepEqual(expected, { general: ['s1@30', 's1b@60', 's2@90'], sales: ['s1@60', 's1b@60'] });

    let windows = 0;
    for (let crashAt = 1; crashAt <= writesOfAScan; crashAt++) {
      const world = await setUp();
      const start = world.container.writes;
      let crashed: { key: string; existed: boolean } | undefined;
      world.container.failWriteWhen = (key, n) => {
        if (n !== start + crashAt) return false;
        crashed = { key, existed: world.container.blobs.has(key) };
        return true;
      };
      await assert.rejects(world.instance('host').reminders.runScheduled(world.clock.now()), Crash);
      world.container.failWriteWhen = undefined;
      const afterSend = crashed?.key.startsWith('reminders/digests/') === true && crashed.existed;
      // The restarted instance (same holder id, so its lease is its own again) finishes the slot.
      world.clock.advanceDays(0.01);
      await world.instance('host').reminders.runScheduled(new Date(Date.parse('2026-01-05T08:00:00Z')));
      const got = { general: world.remindersIn(general), sales: world.remindersIn(sales) };
      if (afterSend) {
        windows++;
        // Nothing missed; the one card whose record was lost is there twice.
        const once = { general: [...new Set(got.general)], sales: [...new Set(got.sales)] };
        assert.deepEqual(once, expected, `crash at write ${crashAt} (after a send)`);
        assert.equal(world.messenger.sent.length, 3);
        continue;
      }
      assert.deepEqual(got, expected, `crash at write ${crashAt} of ${writesOfAScan}`);
      assert.ok(world.cardsIn(general).length === 1 && world.cardsIn(sales).length === 1);
    }
    assert.equal(windows, 2, 'one such point per channel: recording the sent card');
  });

  it('a crash while sending leaves the digest due, and the next run sends it once', async () => {
    const world = new ReminderWorld();
    world.addCustomer('c1', 'Contoso', [world.e4('s1', 20)]);
    await world.subscribe(world.channel(general));
    world.messenger.crashOnSend = true;
    await world.instance().reminders.runScheduled(world.clock.now());
    assert.equal(world.cardsIn(general).length, 0);
    world.messenger.crashOnSend = false;
    // The next day's scan first sends what was due, and finds nothing new for it.
    world.clock.advanceDays(1);
    await world.instance().reminders.runScheduled(world.clock.now());
    assert.deepEqual(world.remindersIn(general), ['s1@30']);
  });

  it('drops the subscription of a channel the bot was removed from (403), with a log entry, and still reminds the others', async () => {
    const world = new ReminderWorld();
    world.addCustomer('c1', 'Contoso', [world.e4('s1', 20)]);
    await world.subscribe(world.channel(general));
    await world.subscribe(world.channel(sales));
    world.messenger.gone.add(sales);
    const { logger, lines } = recordingLogger();
    const instance = world.instance('a', logger);
    await instance.reminders.runScheduled(world.clock.now());
    assert.deepEqual(world.remindersIn(general), ['s1@30']);
    assert.equal(await instance.subscriptions.get(sales), undefined);
    assert.ok(await instance.subscriptions.get(general));
    const entry = lines().find((line) => line.channelId === sales && line.status === 403);
    assert.ok(entry, 'a log entry names the channel');
    assert.equal(entry.level, 40);
    // Nothing stays in the outbox for the gone channel.
    assert.deepEqual(await instance.digests.pending(), []);
  });

  it('"check now" scans one channel in the background and says when a scan is already running', async () => {
    const world = new ReminderWorld();
    world.addCustomer('c1', 'Contoso', [world.e4('s1', 20)]);
    const channel = world.channel(general, {
      customers: { kind: 'list', customers: [{ id: 'c1', name: 'Contoso' }] },
    });
    await world.subscribe(channel);
    await world.subscribe(world.channel(sales));
    const started = await world.instance('a').reminders.startOnDemand(channel);
    assert.equal(started.kind, 'started');
    assert.equal((await world.instance('b').reminders.startOnDemand(channel)).kind, 'busy');
    if (started.kind === 'started') await started.done;
    assert.deepEqual(world.remindersIn(general), ['s1@30']);
    assert.deepEqual(world.remindersIn(sales), [], 'only the channel that asked');
    // A listed-customers scan reads just those customers, not the whole list.
    assert.equal(world.partnerCenter.listCustomersCalls, 0);
  });
});
