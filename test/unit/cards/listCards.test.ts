import assert from 'node:assert/strict';
import { cardText } from '../../../src/cards/cardText.js';
import { CardVerb } from '../../../src/cards/cardVerbs.js';
import { buildCustomerChoiceCard } from '../../../src/cards/customerChoiceCard.js';
import { buildExpiringListCard } from '../../../src/cards/expiringListCard.js';
import { commandKeys, commandLine } from '../../../src/cards/commandList.js';
import { buildHelpCard } from '../../../src/cards/helpCard.js';
import { parseCommand } from '../../../src/services/i18n/commandParser.js';
import { supportedLanguages } from '../../../src/services/i18n/language.js';
import { buildSubscriptionChoiceCard } from '../../../src/cards/subscriptionChoiceCard.js';
import { allText, executeActions } from './cardHarness.js';
import {
  closestMatch,
  contosoE4Id,
  contosoE4SecondId,
  contosoId,
  contosoSubscriptions,
  emptyScan,
  expiringScan,
  fabrikamE4Id,
  fabrikamId,
  severalMatches,
} from './fixtures.js';

describe('choice and list cards', () => {
  const en = cardText('en');

  it('customer choice: one button per candidate, carrying its id', () => {
    const card = buildCustomerChoiceCard({ query: 'contoso', match: severalMatches }, en);
    assert.match(allText(card), /Several customers match “contoso”/);
    assert.deepEqual(
      executeActions(card).map((action) => [action.title, action.verb, action.data.customerId]),
      [
        ['Contoso Nordic AB', CardVerb.chooseCustomer, contosoId],
        ['Contoso Ltd', CardVerb.chooseCustomer, '1d2e3f40-aaaa-4bbb-8ccc-000000000003'],
      ],
    );
  });

  it('customer choice: "did you mean" the closest, or nothing to choose', () => {
    const closest = buildCustomerChoiceCard({ query: 'fabrikm', match: closestMatch }, cardText('sv'));
    assert.match(allText(closest), /Ingen kund heter ”fabrikm”. Menade du den här\?/);
    assert.deepEqual(
      executeActions(closest).map((action) => action.data.customerId),
      [fabrikamId],
    );
    const none = buildCustomerChoiceCard({ query: 'zzz', match: { kind: 'none' } }, cardText('nl'));
    assert.match(allText(none), /Geen klant komt overeen met "zzz"/);
    assert.equal(executeActions(none).length, 0);
  });

  it('subscription choice: seats, end date and days left per subscription, ids in the button', () => {
    const card = buildSubscriptionChoiceCard(
      { customerName: 'Contoso Nordic AB', subscriptions: contosoSubscriptions },
      cardText('nl'),
    );
    const text = allText(card);
    assert.match(text, /Contoso Nordic AB heeft 2 E4-abonnementen/);
    assert.match(text, /Licenties\n50\nEinddatum\n31 mrt 2026\nResterende dagen\n38 dagen/);
    assert.match(text, /Einddatum\nEinddatum onbekend/);
    assert.deepEqual(
      executeActions(card).map((action) => action.data),
      [
        { customerId: contosoId, e4SubscriptionId: contosoE4Id },
        { customerId: contosoId, e4SubscriptionId: contosoE4SecondId },
      ],
    );
  });

  it('expiring list: soonest first, a Migrate button per line with the ids', () => {
    const card = buildExpiringListCard({ scan: expiringScan, withinDays: 90 }, en);
    const actions = executeActions(card);
    assert.deepEqual(
      actions.map((action) => action.data.e4SubscriptionId),
      [contosoE4SecondId, contosoE4Id, fabrikamE4Id],
    );
    assert.ok(
      actions.every((action) => action.verb === CardVerb.migrateExpiring && action.title === 'Migrate'),
    );
    const text = allText(card);
    assert.match(text, /Feb 21, 2026 · Last day today · Licenses: 8/);
    assert.match(text, /1 customer couldn’t be read/);
  });

  it('expiring list: an empty state in the reader’s language', () => {
    const card = buildExpiringListCard({ scan: emptyScan, withinDays: 30 }, cardText('sv'));
    assert.match(allText(card), /Ingen E4-prenumeration upphör inom 30 dagar/);
    assert.equal(executeActions(card).length, 0);
  });

  it('help: commands in the reader’s language; a help-only user is told which role is needed', () => {
    const allowed = allText(buildHelpCard({ allowed: true, requiredRoles: ['AdminAgent'] }, cardText('sv')));
    assert.match(allowed, /migrera kund \[namn\]/);
    // Not “roller” alone: “kontrollera nu” is a command.
    assert.doesNotMatch(allowed, /rollerna i Partnercenter/);
    const restricted = allText(
      buildHelpCard({ allowed: false, requiredRoles: ['AdminAgent', 'SalesAgent'] }, cardText('nl')),
    );
    assert.match(restricted, /migreer klant \[naam\]/);
    assert.match(restricted, /rollen in Partner Center nodig: Beheeragent, Verkoopagent/);
  });

  it('help lists every command in words the parser reads in that language, the reminder commands too', () => {
    for (const language of supportedLanguages) {
      const text = cardText(language);
      const help = allText(buildHelpCard({ allowed: true, requiredRoles: [] }, text));
      const kinds = commandKeys.map((key) => {
        const { command } = commandLine(text, key);
        assert.ok(help.includes(command), `${language}: help shows “${command}”`);
        // As typed without the parts in brackets, or with a customer's name in them.
        const bare = parseCommand(command.replace(/\[[^\]]*\]/g, ''));
        const parsed =
          bare.command.kind === 'unknown' ? parseCommand(command.replace(/\[[^\]]*\]/g, 'Contoso')) : bare;
        assert.notEqual(parsed.command.kind, 'unknown', `${language}: “${command}”`);
        assert.ok(
          [undefined, language].includes(parsed.language),
          `${language}: “${command}” switches language`,
        );
        return parsed.command.kind;
      });
      for (const kind of ['subscribeReminders', 'showReminders', 'checkNow', 'unsubscribeReminders']) {
        assert.ok(kinds.includes(kind as (typeof kinds)[number]), `${language}: help lists ${kind}`);
      }
      // The subscribe line's optional parts, filled in as it shows them.
      const subscribe = commandLine(text, 'help.cmd.subscribeReminders')
        .command.replace(/\[[^\]\s]+\]/, 'Contoso, Fabrikam')
        .replace(/\[(\S+) …\]/, '$1 60, 30');
      assert.deepEqual(parseCommand(subscribe), {
        command: { kind: 'subscribeReminders', customers: ['Contoso', 'Fabrikam'], leadDays: [60, 30] },
        language,
      });
    }
  });
});
