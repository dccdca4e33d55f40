import assert from 'node:assert/strict';
import {
  daysOfServiceLeft,
  subscriptionEndDate,
} from '../../../../src/services/subscriptions/subscriptionEndDate.js';

const now = new Date('2026-11-23T10:00:00Z');

describe('subscriptionEndDate', () => {
  it('uses commitmentEndDate when it is a real date (legacy: exclusive)', () => {
    const end = subscriptionEndDate(
      { commitmentEndDate: '2026-12-10T00:00:00Z', contractType: 'legacy' },
      now,
    );
    assert.deepEqual(end, {
      kind: 'known',
      serviceEndsAt: new Date('2026-12-10T00:00:00Z'),
      lastServiceDay: '2026-12-09',
      source: 'commitmentEndDate',
    });
    assert.equal(daysOfServiceLeft(end, now), 16);
  });

  it('treats new-commerce end dates as inclusive', () => {
    const end = subscriptionEndDate({ commitmentEndDate: '2026-12-10', contractType: 'newCommerce' }, now);
    assert.equal(end.kind, 'known');
    assert.equal(end.kind === 'known' && end.lastServiceDay, '2026-12-10');
    assert.equal(daysOfServiceLeft(end, now), 17);
  });

  it('falls back to billingCycleEndDate when commitmentEndDate is a far-future sentinel', () => {
    const end = subscriptionEndDate(
      {
        commitmentEndDate: '9999-12-14T00:00:00Z',
        billingCycleEndDate: '2027-02-01T00:00:00Z',
        contractType: 'legacy',
      },
      now,
    );
    assert.equal(end.kind === 'known' && end.source, 'billingCycleEndDate');
    assert.equal(end.kind === 'known' && end.lastServiceDay, '2027-01-31');
  });

  it('accepts a commitment end just under five years ahead, rejects one well past it', () => {
    const near = subscriptionEndDate({ commitmentEndDate: '2031-11-01', contractType: 'legacy' }, now);
    assert.equal(near.kind === 'known' && near.source, 'commitmentEndDate');
    const far = subscriptionEndDate({ commitmentEndDate: '2032-06-01', contractType: 'legacy' }, now);
    assert.deepEqual(far, { kind: 'unknown' });
  });

  it('says unknown rather than guessing when neither date is usable', () => {
    for (const fields of [
      { commitmentEndDate: '9999-12-31T00:00:00Z', contractType: 'legacy' },
      { commitmentEndDate: '', contractType: 'legacy' },
      { commitmentEndDate: '0001-01-01T00:00:00Z', contractType: 'legacy' },
      { commitmentEndDate: 'not a date', billingCycleEndDate: '2026-02-31', contractType: 'legacy' },
    ]) {
      const end = subscriptionEndDate(fields, now);
      assert.deepEqual(end, { kind: 'unknown' }, JSON.stringify(fields));
      assert.equal(daysOfServiceLeft(end, now), undefined);
    }
  });

  it('counts the last day of service as 0 days left and an ended one as negative', () => {
    const legacy = subscriptionEndDate({ commitmentEndDate: '2026-11-24', contractType: 'legacy' }, now);
    assert.equal(daysOfServiceLeft(legacy, now), 0);
    const ended = subscriptionEndDate({ commitmentEndDate: '2026-11-23', contractType: 'legacy' }, now);
    assert.equal(daysOfServiceLeft(ended, now), -1);
    const ncToday = subscriptionEndDate(
      { commitmentEndDate: '2026-11-23', contractType: 'newCommerce' },
      now,
    );
    assert.equal(daysOfServiceLeft(ncToday, now), 0);
  });
});
