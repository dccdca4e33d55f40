import assert from 'node:assert/strict';
import { ScanSchedule } from '../../../../src/services/reminders/scanSchedule.js';

describe('ScanSchedule', () => {
  it('finds the latest daily slot in the configured time zone', () => {
    const schedule = new ScanSchedule('09:00', 'Europe/Stockholm');
    // 09:00 in Stockholm is 08:00 UTC in winter and 07:00 UTC in summer.
    assert.equal(
      schedule.latestSlot(new Date('2026-01-10T12:00:00Z')).toISOString(),
      '2026-01-10T08:00:00.000Z',
    );
    assert.equal(
      schedule.latestSlot(new Date('2026-01-10T07:59:00Z')).toISOString(),
      '2026-01-09T08:00:00.000Z',
    );
    assert.equal(
      schedule.latestSlot(new Date('2026-07-10T07:00:00Z')).toISOString(),
      '2026-07-10T07:00:00.000Z',
    );
    assert.equal(
      schedule.nextSlot(new Date('2026-03-28T12:00:00Z')).toISOString(),
      '2026-03-29T07:00:00.000Z',
    );
  });

  it('refuses a malformed time or an unknown time zone', () => {
    assert.throws(() => new ScanSchedule('9am', 'UTC'), RangeError);
    assert.throws(() => new ScanSchedule('24:00', 'UTC'), RangeError);
    assert.throws(() => new ScanSchedule('09:00', 'Mars/Olympus'), RangeError);
  });
});
