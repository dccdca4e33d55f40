import assert from 'node:assert/strict';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import { cardsOf, type PostedActivity } from '../helpers/teamsChannel.js';
import {
  actionTitles,
  assertNothingChanged,
  assertShows,
  catalogOf,
  chatAs,
  invokeCard,
  languages,
  migrateWords,
  onlyCard,
} from './dialogKit.js';

const cancelWords = { en: 'cancel', sv: 'avbryt', nl: 'annuleer' } as const;

/** The plain-text messages of a turn (the question the bot asks is text, not a card). */
function textsOf(replies: PostedActivity[]): string[] {
  return replies.flatMap((reply) => (reply.text ? [reply.text] : []));
}

/**
 * "migrate customer" without a name: the bot asks which customer (a botbuilder dialog kept in
 * conversation state on Azurite), and cancel works at any point (issue #4).
 */
describe('dialogs: asking which customer, and cancel', function () {
  let harness: BotHarness;

  before(async () => {
    harness = await startBotHarness();
  });
  afterEach(() => assertNothingChanged(harness));
  after(async () => harness.close());

  for (const language of languages) {
    describe(`in ${language}`, () => {
      const t = catalogOf(language);

      it('asks which customer, and the answer gives that customer’s comparison', async () => {
        const chat = chatAs(harness, 'adminAgent');
        const asked = await chat.say(migrateWords[language]);
        assert.deepEqual(textsOf(asked), [t('ask.customer')]);
        assert.deepEqual(cardsOf(asked), []);

        const { card } = onlyCard(await chat.say('Contoso'));
        assertShows(card, t('comparison.title', { customer: 'Contoso Ltd' }));
      });

      it('an answer that fits several customers gives the choice card, whose button carries on', async () => {
        const chat = chatAs(harness, 'salesAgent');
        await chat.say(migrateWords[language]);
        const choice = onlyCard(await chat.say('fabri'));
        assertShows(choice.card, t('customerChoice.several', { query: 'fabri' }));
        const next = invokeCard(await chat.click(choice, 'Fabrikam'), choice.activityId);
        assertShows(next.card, t('comparison.title', { customer: 'Fabrikam' }));
      });

      it('cancel while asked ends the question', async () => {
        const chat = chatAs(harness, 'adminAgent');
        await chat.say(migrateWords[language]);
        const { card } = onlyCard(await chat.say(cancelWords[language]));
        assertShows(card, t('cancel.title'));
        assertShows(card, t('cancel.done'));
        // The question is closed: a name now is just an unknown message.
        const after = onlyCard(await chat.say('Contoso'));
        assertShows(after.card, t('unknown.text', { text: 'Contoso' }));
      });

      it('cancel with nothing open says there was nothing to cancel', async () => {
        const chat = chatAs(harness, 'adminAgent');
        const { card } = onlyCard(await chat.say(cancelWords[language]));
        assertShows(card, t('cancel.title'));
        assertShows(card, t('cancel.nothing'));
      });
    });
  }

  it('an answer nobody matches says so and closes the question', async () => {
    const t = catalogOf('sv');
    const chat = chatAs(harness, 'adminAgent');
    await chat.say('migrera kund');
    const { card } = onlyCard(await chat.say('Zzyzx Corp'));
    assertShows(card, t('customerChoice.none', { query: 'Zzyzx Corp' }));
    assert.deepEqual(actionTitles(card), []);
    assertShows(onlyCard(await chat.say('Contoso')).card, t('unknown.text', { text: 'Contoso' }));
  });

  it('another command while asked is answered, and the question is dropped', async () => {
    const t = catalogOf('nl');
    const chat = chatAs(harness, 'adminAgent');
    await chat.say('migreer klant');
    const help = onlyCard(await chat.say('hulp'));
    assertShows(help.card, t('help.title'));
    assertShows(onlyCard(await chat.say('Contoso')).card, t('unknown.text', { text: 'Contoso' }));
  });

  it('a typed new "migrate customer X" while asked starts over with X', async () => {
    const t = catalogOf('en');
    const chat = chatAs(harness, 'adminAgent');
    await chat.say('migrate customer');
    const { card } = onlyCard(await chat.say('migrate customer Hoogeveen Zorg'));
    assertShows(card, t('comparison.title', { customer: 'Hoogeveen Zorg B.V.' }));
  });

  it('the question is kept per conversation: another chat of the same person isn’t answering it', async () => {
    const t = catalogOf('en');
    const asking = chatAs(harness, 'adminAgent');
    await asking.say('migrate customer');
    const other = harness.chat('adminAgent', { user: asking.user });
    assertShows(onlyCard(await other.say('Contoso')).card, t('unknown.text', { text: 'Contoso' }));
    assertShows(
      onlyCard(await asking.say('Contoso')).card,
      t('comparison.title', { customer: 'Contoso Ltd' }),
    );
  });

  it('a person without a role isn’t asked: they are told what role they need', async () => {
    const t = catalogOf('sv');
    const chat = chatAs(harness, 'noRole');
    const replies = await chat.say('migrera kund');
    assert.deepEqual(textsOf(replies), []);
    const roles = [t('role.SalesAgent'), t('role.AdminAgent'), t('role.GlobalAdmin')].join(', ');
    assertShows(onlyCard(replies).card, t('access.denied', { roles }));
  });

  it('"cancel" with a customer name means that customer’s migration, not the open question', async () => {
    const t = catalogOf('en');
    const chat = chatAs(harness, 'adminAgent');
    const { card } = onlyCard(await chat.say('cancel Contoso'));
    assertShows(card, t('migration.lookup.none.text', { customer: 'Contoso' }));
  });
});
