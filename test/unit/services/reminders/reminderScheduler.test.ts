import assert from 'node:assert/strict';
import { createSilentLogger } from '../../../../src/services/logging/logger.js';
import { ReminderScheduler } from '../../../../src/services/reminders/reminderScheduler.js';
import { ScanSchedule } from '../../../../src/services/reminders/scanSchedule.js';
import { FakeClock } from './reminderFakes.js';
import { ReminderWorld } from './reminderKit.js';

describe('ReminderScheduler', () => {
  it('scans the latest slot when it was missed or crashed, once, and not again on later ticks', async () => {
    const world = new ReminderWorld(new Date('2026-01-05T12:00:00Z'));
    world.addCustomer('c1', 'Contoso', [world.e4('s1', 20)]);
    await world.subscribe(world.channel('19:general'));
    const clock = new FakeClock(world.clock.now());
    const instances = [world.instance('a'), world.instance('b')].map(
      ({ reminders, progress }) =>
        new ReminderScheduler({
          reminders,
          progress,
          schedule: new ScanSchedule('09:00', 'Europe/Stockholm'),
          clock,
          logger: createSilentLogger(),
        }),
    );
    // Both instances wake after 09:00 Stockholm (08:00 UTC) with the slot not scanned yet.
    await Promise.all(instances.map((scheduler) => scheduler.tick()));
    await Promise.all(instances.map((scheduler) => scheduler.tick()));
    assert.deepEqual(world.remindersIn('19:general'), ['s1@30']);
    assert.equal((await world.instance().progress.get()).lastCompletedSlot, '2026-01-05T08:00:00.000Z');
    // The next day's slot is scanned by one of them.
    clock.current = new Date('2026-01-12T08:00:00Z');
    world.clock.current = clock.current;
    await Promise.all(instances.map((scheduler) => scheduler.tick()));
    assert.deepEqual(world.remindersIn('19:general'), ['s1@30', 's1@14']);
  });
});
