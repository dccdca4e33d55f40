import assert from 'node:assert/strict';
import { LeadTimesDoneStore } from '../../../../src/services/reminders/leadTimesDone.js';
import { MemoryContainer } from './reminderFakes.js';

const general = '19:general@thread.tacv2';
const sales = '19:sales@thread.tacv2';

describe('LeadTimesDoneStore: a channel’s lead times done, one document per channel', () => {
  it('records a whole digest in one write, as a union by lower-case subscription id', async () => {
    const container = new MemoryContainer();
    const store = new LeadTimesDoneStore(container.documents());
    assert.deepEqual(await store.get(general), new Map());
    const records = Array.from({ length: 500 }, (_, n) => ({
      subscriptionId: `S-${n}`,
      leadDaysDone: [90, 60],
    }));
    await store.record(general, records);
    assert.equal(container.writes, 1, 'one write for 500 reminders');
    await store.record(general, [{ subscriptionId: 's-1', leadDaysDone: [30, 90] }]);
    const done = await store.get(general);
    assert.equal(done.size, 500);
    assert.deepEqual(done.get('s-1'), [90, 60, 30]);
    assert.deepEqual(done.get('s-2'), [90, 60]);
    assert.deepEqual(await store.get(sales), new Map(), 'channels are apart');
  });

  it('writes nothing when recording again after a crash (everything is done already)', async () => {
    const container = new MemoryContainer();
    const store = new LeadTimesDoneStore(container.documents());
    const records = [{ subscriptionId: 's-1', leadDaysDone: [90, 60, 30] }];
    await store.record(general, records);
    const writes = container.writes;
    await store.record(general, records);
    assert.equal(container.writes, writes);
  });

  it('keeps both writers’ lead times when two record at once (compare-and-swap)', async () => {
    const container = new MemoryContainer();
    const store = new LeadTimesDoneStore(container.documents());
    await store.record(general, [{ subscriptionId: 's-0', leadDaysDone: [90] }]);
    const writesBefore = container.writes;
    await Promise.all([
      store.record(general, [{ subscriptionId: 's-1', leadDaysDone: [90] }]),
      store.record(general, [{ subscriptionId: 's-1', leadDaysDone: [60] }]),
      new LeadTimesDoneStore(container.documents()).record(general, [
        { subscriptionId: 's-2', leadDaysDone: [30] },
      ]),
    ]);
    assert.ok(container.writes - writesBefore > 3, 'the writers did race');
    const done = await store.get(general);
    assert.deepEqual([...done.entries()].sort(), [
      ['s-0', [90]],
      ['s-1', [90, 60]],
      ['s-2', [30]],
    ]);
  });
});
