import assert from 'node:assert/strict';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { localeOfLanguage } from '../../src/cards/cardText.js';
import type { Language } from '../../src/services/i18n/language.js';
import type { E4Subscription } from '../../src/services/subscriptions/e4SubscriptionState.js';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import {
  actionTitles,
  allActionData,
  assertDoesNotShow,
  assertNothingChanged,
  assertShows,
  catalogOf,
  chatAs,
  dayIn,
  factOf,
  invokeCard,
  languages,
  migrateWords,
  numberIn,
  onlyCard,
  recommendedBlock,
} from './dialogKit.js';

/**
 * "migrate customer X" up to the comparison card (issue #4 steps 1–3), in English, Swedish and Dutch,
 * typed by a partner against the real bot, sandbox and Azurite.
 */
describe('dialogs: migrate customer → comparison', function () {
  let harness: BotHarness;
  const e4Of = async (customerId: string, subscriptionId: string): Promise<E4Subscription> => {
    const all = await harness.app.services.e4Subscriptions.listForCustomer(customerId);
    const found = all.find((subscription) => subscription.subscriptionId === subscriptionId);
    assert.ok(found, `no E4 ${subscriptionId}`);
    return found;
  };

  before(async () => {
    harness = await startBotHarness();
  });
  afterEach(() => assertNothingChanged(harness));
  after(async () => harness.close());

  for (const language of languages) {
    describe(`in ${language}`, () => {
      const t = catalogOf(language);
      const migrate = (name: string) => `${migrateWords[language]} ${name}`;

      it('an exact name gives the comparison with the customer’s own numbers and the recommendation', async () => {
        const chat = chatAs(harness, 'adminAgent');
        const { card } = onlyCard(await chat.say(migrate('Contoso')));
        const e4 = await e4Of(DemoIds.customers.contoso, DemoIds.subscriptions.contosoE4);
        assert.ok(e4.end.kind === 'known');

        assertShows(card, t('comparison.title', { customer: 'Contoso Ltd' }));
        assert.equal(factOf(card, t('card.usersOnE4')), numberIn(language, 40));
        assert.equal(factOf(card, t('card.seats')), numberIn(language, 45));
        assert.equal(factOf(card, t('card.endDate')), dayIn(language, e4.end.lastServiceDay));
        assert.ok(e4.daysLeft !== undefined && e4.daysLeft > 0 && e4.daysLeft <= 21);
        assert.equal(factOf(card, t('card.daysLeft')), t('card.daysLeft.value', { days: e4.daysLeft }));
        // Option 3 is the parity choice and sold in the US: recommended, with the reason.
        const recommended = recommendedBlock(card, t('comparison.recommended'));
        assert.ok(recommended.includes(t('option.3.name')));
        assert.ok(recommended.includes(t('comparison.reason.parity')));
        assert.deepEqual(
          actionTitles(card),
          [1, 2, 3, 4].map((option) => t('comparison.choose', { option })),
        );
        // The demo price list is loaded: option 3 at its US price, in the locale's money format.
        const usd = (amount: number) =>
          new Intl.NumberFormat(localeOfLanguage[language], { style: 'currency', currency: 'USD' }).format(
            amount,
          );
        assert.ok(recommended.includes(t('comparison.pricePerUser', { price: usd(25) })));
        assert.ok(
          recommended.includes(
            t('comparison.priceTotal', { total: usd(1000), users: numberIn(language, 40) }),
          ),
        );
      });

      it('a partial name that fits several customers gives a choice, and choosing one carries on', async () => {
        const chat = chatAs(harness, 'adminAgent');
        const choice = onlyCard(await chat.say(migrate('fabri')));
        assertShows(choice.card, t('customerChoice.several', { query: 'fabri' }));
        assert.deepEqual(actionTitles(choice.card).sort(), ['Fabrikam', 'Fabrikam Nordic AB']);

        const next = invokeCard(await chat.click(choice, 'Fabrikam Nordic AB'), choice.activityId);
        assertShows(next.card, t('comparison.title', { customer: 'Fabrikam Nordic AB' }));
        assert.equal(factOf(next.card, t('card.usersOnE4')), numberIn(language, 8));
        assert.equal(factOf(next.card, t('card.seats')), numberIn(language, 12));
      });

      it('a typo still finds the one customer it can be', async () => {
        const chat = chatAs(harness, 'salesAgent');
        const { card } = onlyCard(await chat.say(migrate('Contosso')));
        assertShows(card, t('comparison.title', { customer: 'Contoso Ltd' }));
      });

      it('a name that fits nobody says so, with no button to guess with', async () => {
        const chat = chatAs(harness, 'adminAgent');
        const { card } = onlyCard(await chat.say(migrate('Zzyzx Corp')));
        assertShows(card, t('customerChoice.none', { query: 'Zzyzx Corp' }));
        assert.deepEqual(actionTitles(card), []);
      });

      it('a customer with two E4 subscriptions gets a choice of subscription, then that one’s comparison', async () => {
        const chat = chatAs(harness, 'adminAgent');
        const choice = onlyCard(await chat.say(migrate('Van der Berg')));
        assertShows(
          choice.card,
          t('subscriptionChoice.title', { customer: 'Van der Berg Logistiek B.V.', count: 2 }),
        );
        assertShows(choice.card, 'E4 Kantoor');
        assertShows(choice.card, 'E4 Magazijn');
        const second = await e4Of(DemoIds.customers.vanDerBerg, DemoIds.subscriptions.vanDerBergE4Second);
        assert.ok(second.end.kind === 'known');

        // Soonest end first: the second button is "E4 Magazijn"; click it with the data the card carries.
        const buttons = actionTitles(choice.card);
        assert.deepEqual(buttons, [t('card.choose'), t('card.choose')]);
        const data = allActionData(choice.card)[1];
        assert.equal(data?.e4SubscriptionId, DemoIds.subscriptions.vanDerBergE4Second);
        const result = await chat.invoke('subscription.choose', data, choice.activityId);
        const { card } = invokeCard(result, choice.activityId);
        assertShows(card, t('comparison.title', { customer: 'Van der Berg Logistiek B.V.' }));
        assert.equal(factOf(card, t('card.seats')), numberIn(language, 15));
        assert.equal(factOf(card, t('card.endDate')), dayIn(language, second.end.lastServiceDay));
      });

      it('a customer already migrated (E4 suspended) is told so', async () => {
        const chat = chatAs(harness, 'adminAgent');
        const { card } = onlyCard(await chat.say(migrate('Ålands Ström')));
        assertShows(card, t('noE4.title'));
        assertShows(card, t('e4Suspended.text', { customer: 'Ålands Ström AB' }));
        assert.deepEqual(actionTitles(card), []);
      });

      it('an E4 that already ended shows in the comparison as ended', async () => {
        const chat = chatAs(harness, 'adminAgent');
        const { card } = onlyCard(await chat.say(migrate('Backström Bygg')));
        const e4 = await e4Of(DemoIds.customers.backstromBygg, DemoIds.subscriptions.backstromByggE4);
        assert.ok(e4.end.kind === 'known' && e4.daysLeft !== undefined && e4.daysLeft < -1);
        assertShows(card, t('comparison.title', { customer: 'Bäckström Bygg AB' }));
        assert.equal(factOf(card, t('card.endDate')), dayIn(language, e4.end.lastServiceDay));
        assert.equal(
          factOf(card, t('card.daysLeft')),
          t('card.daysLeft.ended', { days: numberIn(language, -e4.daysLeft) }),
        );
        assert.equal(factOf(card, t('card.usersOnE4')), numberIn(language, 6));
      });

      it('a customer without E4 is told there is nothing to migrate', async () => {
        const chat = chatAs(harness, 'adminAgent');
        const { card } = onlyCard(await chat.say(migrate('Tailspin Toys')));
        assertShows(card, t('noE4.text', { customer: 'Tailspin Toys' }));
      });
    });
  }

  const marketCases: [Language, string][] = [
    ['nl', 'migreer klant Brouwerij De Klok'],
    ['en', 'migrate customer Brouwerij De Klok'],
  ];
  for (const [language, command] of marketCases) {
    it(`a market where option 3’s add-on isn’t sold: option 3 can’t be chosen, option 2 is recommended (${language})`, async () => {
      const t = catalogOf(language);
      const chat = chatAs(harness, 'adminAgent', { locale: 'nl-BE' });
      const { card } = onlyCard(await chat.say(command));
      assertShows(card, t('comparison.notPurchasable'));
      const recommended = recommendedBlock(card, t('comparison.recommended'));
      assert.ok(recommended.includes(t('option.2.name')));
      assert.ok(recommended.includes(t('comparison.reason.cheapestKeepingE4Features')));
      assert.deepEqual(
        actionTitles(card),
        [1, 2, 4].map((option) => t('comparison.choose', { option })),
      );
    });
  }

  it('"Fabrikam" is the customer of that exact name, not a guess between the two Fabrikams', async () => {
    const t = catalogOf('en');
    const { card } = onlyCard(await chatAs(harness, 'adminAgent').say('migrate customer Fabrikam'));
    assertShows(card, t('comparison.title', { customer: 'Fabrikam' }));
    assert.equal(factOf(card, t('card.usersOnE4')), '12');
  });

  it('"Fabrikm" (a typo that fits both Fabrikams) gives a choice, never a guess', async () => {
    const t = catalogOf('sv');
    const { card } = onlyCard(await chatAs(harness, 'adminAgent').say('migrera kund Fabrikm'));
    assertShows(card, t('customerChoice.several', { query: 'Fabrikm' }));
    assert.deepEqual(actionTitles(card).sort(), ['Fabrikam', 'Fabrikam Nordic AB']);
  });

  it('works in a team channel with the bot @mentioned', async () => {
    const t = catalogOf('en');
    const chat = chatAs(harness, 'adminAgent', { kind: 'channel' });
    const { card } = onlyCard(await chat.say('<at>E4 Migration Assistant</at> migrate customer Contoso'));
    assertShows(card, t('comparison.title', { customer: 'Contoso Ltd' }));
  });

  it('works in a group chat, where the comparison goes to the conversation', async () => {
    const t = catalogOf('nl');
    const chat = chatAs(harness, 'globalAdmin', { kind: 'groupChat', locale: 'nl-NL' });
    const { card } = onlyCard(await chat.say('migreer klant Hoogeveen Zorg'));
    assertShows(card, t('comparison.title', { customer: 'Hoogeveen Zorg B.V.' }));
    assert.equal(factOf(card, t('card.usersOnE4')), '7');
    assertDoesNotShow(card, t('comparison.noPrices'));
  });
});
