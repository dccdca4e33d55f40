import assert from 'node:assert/strict';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { localeOfLanguage } from '../../src/cards/cardText.js';
import type { Language } from '../../src/services/i18n/language.js';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import {
  assertDoesNotShow,
  assertNothingChanged,
  assertShows,
  catalogOf,
  chatAs,
  invokeCard,
  languages,
  onlyCard,
} from './dialogKit.js';

const helpWords: Readonly<Record<Language, string>> = { en: 'help', sv: 'hjälp', nl: 'hulp' };
const roleKeys = ['role.SalesAgent', 'role.AdminAgent', 'role.GlobalAdmin'] as const;

/**
 * Help, the welcome, and which language the bot answers in (DESIGN §6): the activity's locale, unless
 * the person typed a command of one language or chose one; the choice is kept per person.
 */
describe('dialogs: help, welcome and language', function () {
  let harness: BotHarness;

  before(async () => {
    harness = await startBotHarness();
  });
  afterEach(() => assertNothingChanged(harness));
  after(async () => harness.close());

  for (const language of languages) {
    describe(`in ${language}`, () => {
      const t = catalogOf(language);
      const roles = roleKeys.map((key) => t(key)).join(', ');

      it('help lists the commands in the language it was asked in', async () => {
        const { card } = onlyCard(await chatAs(harness, 'adminAgent').say(helpWords[language]));
        assertShows(card, t('help.title'));
        assertShows(card, t('help.cmd.migrate'));
        assertShows(card, t('help.cmd.expiring.what'));
        assertShows(card, t('help.cmd.language'));
        assertShows(card, t('help.cmd.signOut'));
        assertDoesNotShow(card, t('help.restricted', { roles }));
      });

      it('help to a person without a role says which role they need', async () => {
        const { card } = onlyCard(await chatAs(harness, 'noRole').say(helpWords[language]));
        assertShows(card, t('help.restricted', { roles }));
        assertShows(card, t('help.cmd.migrate'));
      });

      it('"help", a word every language shares, follows the client’s locale', async () => {
        const chat = chatAs(harness, 'salesAgent', { locale: localeOfLanguage[language] });
        assertShows(onlyCard(await chat.say('help')).card, t('help.title'));
        assertShows(onlyCard(await chat.say('?')).card, t('help.cmd.help.what'));
      });

      it('installing the app greets in the client’s language and says what the bot does', async () => {
        const chat = chatAs(harness, 'noRole', { locale: localeOfLanguage[language] });
        const { card } = onlyCard(await chat.install());
        assertShows(card, t('welcome.title'));
        assertShows(card, t('welcome.intro'));
        assertShows(card, t('help.cmd.migrate'));
        assertShows(card, t('welcome.helpHint'));
      });

      it('an unknown message says so and points to help', async () => {
        const chat = chatAs(harness, 'adminAgent', { locale: localeOfLanguage[language] });
        const { card } = onlyCard(await chat.say('make me a sandwich'));
        assertShows(card, t('unknown.text', { text: 'make me a sandwich' }));
      });
    });
  }

  const choices: [string, Language][] = [
    ['language sv', 'sv'],
    ['språk svenska', 'sv'],
    ['taal nederlands', 'nl'],
    ['language Dutch', 'nl'],
    ['sprak engelska', 'en'],
    ['taal engels', 'en'],
  ];
  for (const [command, chosen] of choices) {
    it(`"${command}" answers in ${chosen} and keeps it for the next turns, invokes and other chats`, async () => {
      const t = catalogOf(chosen);
      // Start from another language than the chosen one, so the switch is visible.
      const start = chosen === 'en' ? 'nl-NL' : 'en-US';
      const chat = chatAs(harness, 'adminAgent', { locale: start });
      const confirmed = onlyCard(await chat.say(command)).card;
      assertShows(confirmed, t('language.title'));
      assertShows(confirmed, t('language.set'));

      assertShows(onlyCard(await chat.say('help')).card, t('help.title'));
      const invoke = await chat.invoke('customer.choose', { customerId: DemoIds.customers.tailspinToys });
      assertShows(invokeCard(invoke, 'none').card, t('noE4.text', { customer: 'Tailspin Toys' }));
      const invalid = await chat.invoke('customer.choose', { customerId: 'nope' });
      assert.equal(invalid.message, t('error.invalidCard'));

      // Per person: a new conversation of the same person answers in the chosen language too.
      const elsewhere = harness.chat('adminAgent', { user: chat.user, locale: start, kind: 'groupChat' });
      assertShows(onlyCard(await elsewhere.say('help')).card, t('help.title'));
    });
  }

  it('a command typed in another language switches to it, and the switch is remembered', async () => {
    const sv = catalogOf('sv');
    const chat = chatAs(harness, 'adminAgent', { locale: 'nl-NL' });
    assertShows(
      onlyCard(await chat.say('migrera kund Contoso')).card,
      sv('comparison.title', { customer: 'Contoso Ltd' }),
    );
    assertShows(onlyCard(await chat.say('help')).card, sv('help.title'));
  });

  it('"language" without a known language asks which one, in the current language', async () => {
    const nl = catalogOf('nl');
    const chat = chatAs(harness, 'adminAgent', { locale: 'nl-NL' });
    assertShows(onlyCard(await chat.say('taal')).card, nl('language.ask'));
    const en = catalogOf('en');
    assertShows(
      onlyCard(await chatAs(harness, 'adminAgent').say('language klingon')).card,
      en('language.ask'),
    );
  });

  it('the welcome on install is sent to group chats and channels too', async () => {
    const t = catalogOf('en');
    for (const kind of ['groupChat', 'channel'] as const) {
      const { card } = onlyCard(await chatAs(harness, 'globalAdmin', { kind }).install());
      assertShows(card, t('welcome.title'));
    }
  });

  it('a Swedish command is answered in Swedish (pausa Contoso: no migration yet)', async () => {
    const t = catalogOf('sv');
    const { card } = onlyCard(await chatAs(harness, 'adminAgent', { locale: 'sv-SE' }).say('pausa Contoso'));
    assertShows(card, t('migration.lookup.none.text', { customer: 'Contoso' }));
  });

  it('"afmelden" deletes the saved sign-in; locally the sandbox signs the person in again with the next command', async () => {
    const t = catalogOf('nl');
    const chat = chatAs(harness, 'salesAgent');
    await chat.say('status');
    const { card } = onlyCard(await chat.say('afmelden'));
    assertShows(card, t('signOut.title'));
    assertShows(card, `${t('signOut.done')} ${t('signOut.local')}`);
    assertShows(onlyCard(await chat.say('status')).card, t('status.title'));
  });

  it('a message too long to be a command is refused before parsing', async () => {
    const t = catalogOf('en');
    const replies = await chatAs(harness, 'adminAgent').say(`migrate customer ${'x'.repeat(2_100)}`);
    assert.deepEqual(
      replies.map((reply) => reply.text),
      [t('error.tooLong')],
    );
  });
});
