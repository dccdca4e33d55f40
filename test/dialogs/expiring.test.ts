import assert from 'node:assert/strict';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import type { Language } from '../../src/services/i18n/language.js';
import type { E4Subscription } from '../../src/services/subscriptions/e4SubscriptionState.js';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import type { Card } from '../helpers/teamsChannel.js';
import {
  actionTitles,
  allActionData,
  assertNothingChanged,
  assertShows,
  catalogOf,
  chatAs,
  dayIn,
  factOf,
  invokeCard,
  languages,
  numberIn,
  onlyCard,
} from './dialogKit.js';

const expiringWords: Readonly<Record<Language, string>> = { en: 'expiring', sv: 'utgående', nl: 'verlopend' };

/** Customer names on the list, top to bottom (each row's bold TextBlock). */
function rowNames(card: Card): string[] {
  const names: string[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const element = node as Record<string, unknown>;
    if (element.type === 'Column' && Array.isArray(element.items)) {
      const [name] = element.items as { type: string; text?: string; weight?: string }[];
      if (name?.type === 'TextBlock' && name.weight === 'Bolder' && name.text) names.push(name.text);
    }
    Object.values(element).forEach(walk);
  };
  walk(card);
  return names;
}

/**
 * "expiring [N]": every customer's E4 ending within N days (default 90), soonest first, each with a
 * "Migrate" button that leads to the comparison (issue #4).
 */
describe('dialogs: expiring', function () {
  let harness: BotHarness;
  let all: { name: string; subscription: E4Subscription }[];

  before(async () => {
    harness = await startBotHarness();
    const names: Record<string, string> = {
      [DemoIds.customers.contoso]: 'Contoso Ltd',
      [DemoIds.customers.fabrikam]: 'Fabrikam',
      [DemoIds.customers.fabrikamNordic]: 'Fabrikam Nordic AB',
      [DemoIds.customers.vanDerBerg]: 'Van der Berg Logistiek B.V.',
      [DemoIds.customers.hoogeveenZorg]: 'Hoogeveen Zorg B.V.',
      [DemoIds.customers.brouwerijDeKlok]: 'Brouwerij De Klok BV',
    };
    all = [];
    for (const [id, name] of Object.entries(names)) {
      for (const subscription of await harness.app.services.e4Subscriptions.listForCustomer(id)) {
        all.push({ name, subscription });
      }
    }
  });
  afterEach(() => assertNothingChanged(harness));
  after(async () => harness.close());

  /** The running E4 subscriptions of the seed ending within `days`, soonest first. */
  function expected(days: number) {
    return all
      .filter(({ subscription }) => {
        const left = subscription.daysLeft;
        return left !== undefined && left >= 0 && left <= days;
      })
      .sort((a, b) => (a.subscription.daysLeft ?? 0) - (b.subscription.daysLeft ?? 0));
  }

  for (const language of languages) {
    describe(`in ${language}`, () => {
      const t = catalogOf(language);

      it('lists every E4 ending within 90 days, soonest first, with end date, days left and licenses', async () => {
        const { card } = onlyCard(await chatAs(harness, 'adminAgent').say(expiringWords[language]));
        assertShows(card, t('expiring.title', { days: numberIn(language, 90) }));
        const rows = expected(90);
        assert.equal(rows.length, 6);
        assert.deepEqual(
          rowNames(card),
          rows.map((row) => row.name),
        );
        // Already migrated, expired, no E4 at all, or ending later: not on the list.
        for (const absent of ['Ålands Ström AB', 'Bäckström Bygg AB', 'Tailspin Toys']) {
          assert.ok(!rowNames(card).includes(absent), absent);
        }
        const [first] = rows;
        assert.ok(first && first.subscription.end.kind === 'known');
        assertShows(
          card,
          [
            dayIn(language, first.subscription.end.lastServiceDay),
            t('card.daysLeft.value', { days: numberIn(language, first.subscription.daysLeft ?? 0) }),
            `${t('card.seats')}: ${numberIn(language, 45)}`,
          ].join(' · '),
        );
        assert.deepEqual(
          actionTitles(card),
          rows.map(() => t('expiring.migrate')),
        );
        assertShows(
          card,
          t('expiring.scanned', { customers: numberIn(language, Object.keys(DemoIds.customers).length) }),
        );
      });

      it('"30 days" narrows the list', async () => {
        const { card } = onlyCard(await chatAs(harness, 'adminAgent').say(`${expiringWords[language]} 30`));
        assertShows(card, t('expiring.title', { days: numberIn(language, 30) }));
        assert.deepEqual(
          rowNames(card),
          expected(30).map((row) => row.name),
        );
        assert.deepEqual(rowNames(card), ['Contoso Ltd']);
      });

      it('"Migrate" on a row gives that subscription’s comparison', async () => {
        const chat = chatAs(harness, 'salesAgent');
        const list = onlyCard(await chat.say(expiringWords[language]));
        // Van der Berg's first E4 is the second row: the button carries that subscription, not the customer.
        const data = allActionData(list.card)[1];
        assert.deepEqual(data, {
          customerId: DemoIds.customers.vanDerBerg,
          e4SubscriptionId: DemoIds.subscriptions.vanDerBergE4First,
        });
        const result = await chat.invoke('expiring.migrate', data, list.activityId);
        const { card } = invokeCard(result, list.activityId);
        assertShows(card, t('comparison.title', { customer: 'Van der Berg Logistiek B.V.' }));
        assert.equal(factOf(card, t('card.seats')), numberIn(language, 25));
      });
    });
  }

  it('clicking the first "Migrate" with the harness’s click gives Contoso’s comparison', async () => {
    const t = catalogOf('en');
    const chat = chatAs(harness, 'adminAgent');
    const list = onlyCard(await chat.say('expiring'));
    const { card } = invokeCard(await chat.click(list, t('expiring.migrate')), list.activityId);
    assertShows(card, t('comparison.title', { customer: 'Contoso Ltd' }));
    assert.equal(factOf(card, t('card.usersOnE4')), '40');
  });

  it('"within 100 days" includes both of Van der Berg’s subscriptions', async () => {
    const { card } = onlyCard(await chatAs(harness, 'adminAgent').say('expiring within 100 days'));
    const names = rowNames(card);
    assert.deepEqual(
      names,
      expected(100).map((row) => row.name),
    );
    assert.equal(names.filter((name) => name === 'Van der Berg Logistiek B.V.').length, 2);
  });

  it('a window nothing ends in says so', async () => {
    const t = catalogOf('nl');
    const { card } = onlyCard(await chatAs(harness, 'adminAgent').say('verloopt binnen 5 dagen'));
    assertShows(card, t('expiring.empty', { days: numberIn('nl', 5) }));
    assert.deepEqual(actionTitles(card), []);
  });

  it('needs a role that reads customers', async () => {
    const t = catalogOf('sv');
    const { card } = onlyCard(await chatAs(harness, 'userManagementAdmin').say('utgående'));
    assertShows(card, t('access.title'));
  });
});
