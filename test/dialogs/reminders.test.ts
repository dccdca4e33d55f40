import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { CardVerb } from '../../src/cards/index.js';
import type { RunningApp } from '../../src/index.js';
import {
  startBotHarness,
  startBotInstance,
  type BotHarness,
  type BotInstance,
} from '../helpers/botHarness.js';
import { cardsOf, cardTexts, type TeamsChat } from '../helpers/teamsChannel.js';
import {
  actionData,
  assertShows,
  catalogOf,
  chatAs,
  invokeCard,
  onlyCard,
  type PartnerUserName,
} from './dialogKit.js';

const t = catalogOf('en');

/**
 * Reminders through the whole bot: commands typed in a team channel, scans against the sandbox over
 * HTTP, digests and states in Azurite, cards posted through the proactive sender to the loopback
 * Teams connector, buttons clicked as Teams sends them. Scans are started explicitly (the scheduler is
 * off), each for its own slot, so the tests don't depend on the time of day.
 */
describe('dialogs: expiry reminders', function () {
  this.timeout(120_000);
  let harness: BotHarness;
  const extraApps: BotInstance[] = [];
  let slotDay = 0;
  /** A fresh scheduled slot per scan (slots far in the future never clash with a real one). */
  const nextSlot = () => new Date(Date.UTC(2099, 0, 1 + slotDay++, 8));

  before(async () => {
    harness = await startBotHarness({ env: { WORKER_ID: 'bot-a', REMINDER_SCHEDULER: 'off' } });
  });
  after(async () => {
    await Promise.all(extraApps.map((instance) => instance.close()));
    await harness.close();
  });

  /** Another bot instance on the same storage and sandbox; its reminders post through the shared references. */
  async function startInstance(workerId: string): Promise<RunningApp> {
    const instance = await startBotInstance(harness, {
      env: { WORKER_ID: workerId, REMINDER_SCHEDULER: 'off', MIGRATION_WORKER: 'off' },
    });
    extraApps.push(instance);
    return instance.app;
  }
  async function stopInstance(app: RunningApp): Promise<void> {
    const index = extraApps.findIndex((instance) => instance.app === app);
    const [instance] = extraApps.splice(index, 1);
    await instance?.close();
  }

  /** A team channel where an Admin agent subscribed it with `command`. */
  async function subscribedChannel(command = 'subscribe reminders'): Promise<TeamsChat> {
    const channel = chatAs(harness, 'adminAgent', { kind: 'channel' });
    const { card } = onlyCard(await channel.say(command));
    assertShows(card, t('reminders.subscribed.title'));
    return channel;
  }

  function as(chat: TeamsChat, user: PartnerUserName): TeamsChat {
    chat.user = { aadObjectId: DemoIds.partnerUsers[user], name: user, id: `29:${randomUUID()}` };
    return chat;
  }

  const reminderCards = (chat: TeamsChat) =>
    cardsOf(chat.posted()).filter(({ card }) =>
      cardTexts(card).some((text) => text === t('reminder.startMigration')),
    );

  const setFaults = (faults: object) =>
    fetch(`${harness.partnerCenter.url}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(faults),
    });

  it('an Admin agent subscribes a channel; "reminders" shows it; "check now" posts the reminder card; Start migration opens the comparison', async () => {
    const channel = await subscribedChannel('subscribe reminders Contoso days 60, 30, 7');
    const settings = onlyCard(await channel.say('reminders')).card;
    assertShows(settings, 'Contoso Ltd');
    assertShows(settings, t('reminders.leadDays.value', { days: '60, 30, 7' }));

    assertShows(onlyCard(await channel.say('check now')).card, t('reminders.checking.title'));
    await harness.app.reminders.reminders.idle();
    const [reminder] = reminderCards(channel);
    assert.ok(reminder, 'a reminder card arrived in the channel');
    assertShows(reminder.card, t('reminder.title.one', { customer: 'Contoso Ltd' }));

    // Started by a Sales agent (who may migrate): the same comparison "migrate customer Contoso" opens.
    const comparison = await as(channel, 'salesAgent').click(reminder, t('reminder.startMigration'));
    assertShows(
      invokeCard(comparison, reminder.activityId).card,
      t('comparison.title', { customer: 'Contoso Ltd' }),
    );
    // Asking again finds nothing new: each lead time reaches the channel once.
    await as(channel, 'adminAgent').say('check now');
    await harness.app.reminders.reminders.idle();
    assert.equal(reminderCards(channel).length, 1);
  });

  it('as Teams sends it (each post its own `…;messageid=` conversation, the bot @mentioned): the subscription is the channel’s, found from any post; the reminder is a new post whose buttons work from its own thread', async () => {
    const channel = chatAs(harness, 'adminAgent', { kind: 'channel' });
    assertShows(
      onlyCard(await channel.inPost('1001').say('subscribe reminders Contoso')).card,
      t('reminders.subscribed.title'),
    );
    assertShows(onlyCard(await channel.inPost('1002').say('reminders')).card, 'Contoso Ltd');
    assertShows(onlyCard(await channel.inPost('1003').say('check now')).card, t('reminders.checking.title'));
    await harness.app.reminders.reminders.idle();
    // A new post in the channel (sent to the channel itself), not a reply in any of the posts above.
    const [reminder] = reminderCards(channel);
    assert.ok(reminder, 'a reminder card was posted to the channel');
    assert.equal(reminderCards(channel.inPost('1003')).length, 0);
    assertShows(reminder.card, t('reminder.title.one', { customer: 'Contoso Ltd' }));

    // Its buttons are pressed inside its own post.
    const thread = as(channel.inPost(reminder.activityId), 'salesAgent');
    const assigned = await thread.click(reminder, t('reminder.assign'));
    assertShows(assigned.card, t('reminder.owner', { name: 'salesAgent' }));
    assert.equal(channel.updates().filter((update) => update.id === reminder.activityId).length, 1);
    const comparison = await thread.click(reminder, t('reminder.startMigration'));
    assertShows(
      invokeCard(comparison, reminder.activityId).card,
      t('comparison.title', { customer: 'Contoso Ltd' }),
    );

    assertShows(
      onlyCard(await channel.inPost('1004').say('unsubscribe reminders')).card,
      t('reminders.unsubscribed.title'),
    );
    assertShows(onlyCard(await channel.inPost('1005').say('reminders')).card, t('reminders.none.text'));
  });

  it('Assign to me and Snooze update the card for everyone; a tampered click changes nothing', async () => {
    const channel = await subscribedChannel('subscribe reminders Fabrikam Nordic, Contoso');
    await harness.app.reminders.reminders.runScheduled(nextSlot());
    const [reminder] = reminderCards(channel);
    assert.ok(reminder);
    const contoso = actionData(reminder.card, CardVerb.assignReminder);
    const assigned = await as(channel, 'salesAgent').invoke(
      CardVerb.assignReminder,
      contoso,
      reminder.activityId,
    );
    assertShows(assigned.card, t('reminder.owner', { name: 'salesAgent' }));
    const updated = channel.updates().filter((update) => update.id === reminder.activityId);
    assert.equal(updated.length, 1, 'everyone’s copy was replaced');
    assertShows(cardsOf(updated)[0]?.card, t('reminder.owner', { name: 'salesAgent' }));

    const snoozed = await channel.invoke(CardVerb.snoozeReminder, contoso, reminder.activityId);
    assert.ok(cardTexts(snoozed.card).some((text) => text.startsWith('Snoozed until')));

    const otherChannel = chatAs(harness, 'adminAgent', { kind: 'channel' });
    const tampered = await otherChannel.invoke(CardVerb.snoozeReminder, contoso, reminder.activityId);
    assert.equal(tampered.message, t('reminder.notFound.text'));
    const bad = await channel.invoke(
      CardVerb.assignReminder,
      { ...contoso, digestId: 'x' },
      reminder.activityId,
    );
    assert.equal(bad.message, t('error.invalidCard'));
  });

  it('a Sales agent cannot subscribe, a personal chat gets a clear card, bad days and unknown customers change nothing', async () => {
    const channel = chatAs(harness, 'salesAgent', { kind: 'channel' });
    assertShows(onlyCard(await channel.say('subscribe reminders')).card, t('access.title'));
    assertShows(onlyCard(await channel.say('check now')).card, t('access.title'));
    assertShows(onlyCard(await as(channel, 'adminAgent').say('reminders')).card, t('reminders.none.text'));

    const personal = chatAs(harness, 'adminAgent');
    assertShows(onlyCard(await personal.say('subscribe reminders')).card, t('reminders.notChannel.text'));

    assertShows(
      onlyCard(await channel.say('subscribe reminders days 30, 500')).card,
      t('reminders.badLeadDays.text', { value: '30, 500' }),
    );
    assertShows(
      onlyCard(await channel.say('subscribe reminders Nonexistent Corp')).card,
      t('reminders.customerNotFound.text', { name: 'Nonexistent Corp' }),
    );
    const sv = catalogOf('sv');
    assertShows(
      onlyCard(await channel.say('prenumerera på påminnelser dagar snart')).card,
      sv('reminders.badLeadDays.text', { value: 'snart' }),
    );
    assert.equal(await harness.app.reminders.subscriptions.get(channel.conversationId), undefined);
    assertShows(onlyCard(await channel.say('unsubscribe reminders')).card, t('reminders.notSubscribed.text'));
  });

  it('two instances scanning the same slot give one reminder', async () => {
    const channel = await subscribedChannel('subscribe reminders Contoso');
    const second = await startInstance('bot-b');
    const slot = nextSlot();
    const outcomes = await Promise.all([
      harness.app.reminders.reminders.runScheduled(slot),
      second.reminders.reminders.runScheduled(slot),
    ]);
    assert.ok(outcomes.some((outcome) => outcome.kind === 'completed'));
    assert.ok(
      outcomes.some((outcome) => outcome.kind !== 'completed'),
      JSON.stringify(outcomes),
    );
    assert.equal(reminderCards(channel).length, 1);
  });

  it('a restart mid-scan gives no duplicates and no misses', async () => {
    const channel = await subscribedChannel();
    const slot = nextSlot();
    // Slow Partner Center: the instance is stopped while it reads.
    await setFaults({ latencyMs: 1_500 });
    const doomed = await startInstance('bot-c');
    const scan = doomed.reminders.reminders.runScheduled(slot);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await stopInstance(doomed);
    await assert.rejects(scan);
    await setFaults({});
    assert.equal(reminderCards(channel).length, 0);
    assert.equal(await harness.app.reminders.progress.isCompleted(slot.toISOString()), false);

    // The same instance again (same worker id, so its lease is its own): it scans the open slot.
    const restarted = await startInstance('bot-c');
    assert.equal((await restarted.reminders.reminders.runScheduled(slot)).kind, 'completed');
    const cards = reminderCards(channel);
    assert.equal(cards.length, 1);
    const names = cardTexts(cards[0]?.card);
    for (const customer of ['Contoso Ltd', 'Fabrikam', 'Fabrikam Nordic AB', 'Hoogeveen Zorg B.V.']) {
      assert.ok(names.includes(customer), `${customer} is on the card: ${names.join(' | ')}`);
    }
    for (const stopped of ['Ålands Ström AB', 'Bäckström Bygg AB', 'Tailspin Toys']) {
      assert.ok(!names.includes(stopped), `${stopped} (migrated, expired or no E4) is not`);
    }
    assert.equal((await restarted.reminders.reminders.runScheduled(slot)).kind, 'alreadyCompleted');
    assert.equal(reminderCards(channel).length, 1);
  });

  it('a send that fails after the digest is recorded is sent once by the next run', async () => {
    const channel = await subscribedChannel('subscribe reminders Fabrikam');
    harness.channel.refusals.set(channel.conversationId, 500);
    await harness.app.reminders.reminders.runScheduled(nextSlot());
    assert.equal(reminderCards(channel).length, 0);
    harness.channel.refusals.delete(channel.conversationId);
    await harness.app.reminders.reminders.runScheduled(nextSlot());
    assert.equal(reminderCards(channel).length, 1);
    assertShows(reminderCards(channel)[0]?.card, t('reminder.title.one', { customer: 'Fabrikam' }));
  });

  it('a channel the bot was removed from (403 on send) is dropped', async () => {
    const channel = await subscribedChannel('subscribe reminders Contoso');
    harness.channel.refusals.set(channel.conversationId, 403);
    await harness.app.reminders.reminders.runScheduled(nextSlot());
    assert.equal(await harness.app.reminders.subscriptions.get(channel.conversationId), undefined);
    harness.channel.refusals.delete(channel.conversationId);
    await harness.app.reminders.reminders.runScheduled(nextSlot());
    assert.equal(reminderCards(channel).length, 0);
  });
});
