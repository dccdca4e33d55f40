import assert from 'node:assert/strict';
import { decideReminder, nearestPassedLeadTime } from '../../../../src/services/reminders/reminderRules.js';
import {
  defaultLeadDays,
  normalizeLeadDays,
} from '../../../../src/services/reminders/reminderSubscription.js';

const now = new Date('2026-03-01T08:00:00Z');
const leads = defaultLeadDays;

describe('reminder rules', () => {
  const nearest: [number, number | undefined][] = [
    [120, undefined],
    [91, undefined],
    [90, 90],
    [75, 90],
    [60, 60],
    [31, 60],
    [30, 30],
    [8, 14],
    [7, 7],
    [1, 1],
    [0, 1],
    [-1, undefined],
  ];
  for (const [daysLeft, lead] of nearest) {
    it(`with ${daysLeft} days left the nearest passed lead time is ${lead ?? 'none'}`, () => {
      assert.equal(nearestPassedLeadTime(daysLeft, leads), lead);
    });
  }

  it('sends the nearest passed lead time once and records every larger one as done (first-scan catch-up)', () => {
    const decision = decideReminder(20, leads, undefined, now);
    assert.deepEqual(decision, { leadDays: 30, reason: 'leadTime', leadDaysDone: [90, 60, 30] });
    assert.equal(decideReminder(20, leads, { leadDaysDone: [90, 60, 30] }, now), undefined);
    assert.equal(decideReminder(15, leads, { leadDaysDone: [90, 60, 30] }, now), undefined);
    assert.deepEqual(decideReminder(14, leads, { leadDaysDone: [90, 60, 30] }, now)?.leadDays, 14);
  });

  it('holds everything back while snoozed, then reminds once when the snooze ends', () => {
    const snooze = {
      until: '2026-03-08T08:00:00.000Z',
      by: { oid: 'o', tenantId: 't' },
      at: now.toISOString(),
    };
    assert.equal(decideReminder(10, leads, { leadDaysDone: [90, 60, 30], snooze }, now), undefined);
    const ended = decideReminder(
      10,
      leads,
      { leadDaysDone: [90, 60, 30, 14], snooze },
      new Date(snooze.until),
    );
    assert.deepEqual(ended, { leadDays: 14, reason: 'snoozeEnded', leadDaysDone: [90, 60, 30, 14] });
  });

  it('never reminds once service has ended or before the first lead time', () => {
    assert.equal(decideReminder(-1, leads, undefined, now), undefined);
    assert.equal(decideReminder(91, leads, undefined, now), undefined);
  });

  it('normalizes lead times and refuses values that are not whole days from 1 to 365', () => {
    assert.deepEqual(normalizeLeadDays([7, 30, 7, 90]), [90, 30, 7]);
    for (const bad of [0, -3, 1.5, 366, Number.NaN])
      assert.throws(() => normalizeLeadDays([bad]), RangeError);
    assert.throws(() => normalizeLeadDays([]), RangeError);
  });
});
