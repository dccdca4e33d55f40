import assert from 'node:assert/strict';
import { buildReminderCard } from '../../../src/cards/reminderCard.js';
import { cardText } from '../../../src/cards/cardText.js';
import { CardVerb } from '../../../src/cards/cardVerbs.js';
import { allText, executeActions } from './cardHarness.js';
import { digestReminder, largeDigest, singleReminder } from './reminderFixtures.js';

describe('reminder cards', () => {
  const en = cardText('en');

  it('a single reminder names the customer, product, end date, days left and seats, with its three buttons', () => {
    const card = buildReminderCard(singleReminder, en);
    const text = allText(card);
    assert.match(text, /E4 ends soon for Contoso Ltd/);
    assert.match(text, /Office 365 E4\nMar 15, 2026 · 20 days · Licenses: 45/);
    const subscription = {
      customerId: 'c0000000-0000-4000-8000-000000000001',
      e4SubscriptionId: '5b000000-0001-4000-8000-000000000001',
    };
    assert.deepEqual(
      executeActions(card).map((action) => [action.title, action.verb, action.data]),
      [
        ['Start migration', CardVerb.startMigrationFromReminder, subscription],
        ['Snooze 7 days', CardVerb.snoozeReminder, { ...subscription, digestId: '2026-02-23T08:00:00.000Z' }],
        ['Assign to me', CardVerb.assignReminder, { ...subscription, digestId: '2026-02-23T08:00:00.000Z' }],
      ],
    );
  });

  it('a digest lists each subscription with its owner and snooze, in the channel’s language', () => {
    const text = allText(buildReminderCard(digestReminder, cardText('sv')));
    assert.match(text, /3 E4-prenumerationer upphör snart/);
    assert.match(text, /Ansvarig: Sven Svensson/);
    assert.match(text, /Snoozad till 2 mars 2026 av Anna Andersson/);
    assert.equal(executeActions(buildReminderCard(digestReminder, en)).length, 9);
  });

  it('days left are counted when the card is drawn, so a card redrawn later is current', () => {
    const later = buildReminderCard({ ...singleReminder, now: new Date('2026-03-10T12:00:00Z') }, en);
    assert.match(allText(later), /Mar 15, 2026 · 5 days/);
  });

  it('a large digest lists the first 20 with buttons and counts the rest, staying under Teams’ message size', () => {
    const card = buildReminderCard(largeDigest, en);
    assert.equal(executeActions(card).length, 60);
    assert.match(
      allText(card),
      /…and 20 more E4 subscriptions reached a reminder. Type “expiring 90” to list them all./,
    );
    assert.ok(JSON.stringify(card).length < 28_000, `${JSON.stringify(card).length} bytes`);
  });
});
