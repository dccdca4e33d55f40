import assert from 'node:assert/strict';
import { parseCommand, type ParsedCommand } from '../../../../src/services/i18n/commandParser.js';

describe('parseCommand', () => {
  const table: [string, ParsedCommand][] = [
    [
      'migrate customer Contoso',
      { command: { kind: 'migrateCustomer', customer: 'Contoso' }, language: 'en' },
    ],
    [
      'Migrate Contoso Ltd',
      { command: { kind: 'migrateCustomer', customer: 'Contoso Ltd' }, language: 'en' },
    ],
    [
      'migrera kund Ålands Ström AB',
      { command: { kind: 'migrateCustomer', customer: 'Ålands Ström AB' }, language: 'sv' },
    ],
    [
      'MIGRERA  KUND   bäckström',
      { command: { kind: 'migrateCustomer', customer: 'bäckström' }, language: 'sv' },
    ],
    [
      'migreer klant Brouwerij De Klok',
      { command: { kind: 'migrateCustomer', customer: 'Brouwerij De Klok' }, language: 'nl' },
    ],
    [
      '<at>E4 Assistant</at> migrate customer Fabrikam',
      { command: { kind: 'migrateCustomer', customer: 'Fabrikam' }, language: 'en' },
    ],
    ['expiring', { command: { kind: 'listExpiring' }, language: 'en' }],
    ['expiring 30 days', { command: { kind: 'listExpiring', withinDays: 30 }, language: 'en' }],
    ['utgående 14 dagar', { command: { kind: 'listExpiring', withinDays: 14 }, language: 'sv' }],
    ['verlopend binnen 60 dagen', { command: { kind: 'listExpiring', withinDays: 60 }, language: 'nl' }],
    ['status', { command: { kind: 'status' } }],
    ['help', { command: { kind: 'help' } }],
    ['hjälp', { command: { kind: 'help' }, language: 'sv' }],
    ['hulp', { command: { kind: 'help' }, language: 'nl' }],
    ['pause Contoso', { command: { kind: 'pause', target: 'Contoso' }, language: 'en' }],
    ['cancel', { command: { kind: 'cancel' }, language: 'en' }],
    ['avbryt Contoso', { command: { kind: 'cancel', target: 'Contoso' }, language: 'sv' }],
    ['roll back Contoso', { command: { kind: 'rollBack', target: 'Contoso' }, language: 'en' }],
    ['återställ Contoso', { command: { kind: 'rollBack', target: 'Contoso' }, language: 'sv' }],
    ['audit Contoso', { command: { kind: 'audit', customer: 'Contoso' } }],
    ['AUDIT  Ålands Ström', { command: { kind: 'audit', customer: 'Ålands Ström' } }],
    ['granska Bäckström Bygg', { command: { kind: 'audit', customer: 'Bäckström Bygg' }, language: 'sv' }],
    ['granskningslogg contoso', { command: { kind: 'audit', customer: 'contoso' }, language: 'sv' }],
    [
      'auditlogboek Brouwerij De Klok',
      { command: { kind: 'audit', customer: 'Brouwerij De Klok' }, language: 'nl' },
    ],
    ['<at>E4 Assistant</at> audit Fabrikam', { command: { kind: 'audit', customer: 'Fabrikam' } }],
    ['erase audit Contoso', { command: { kind: 'eraseAudit', customer: 'Contoso' }, language: 'en' }],
    [
      'radera granskningslogg Contoso',
      { command: { kind: 'eraseAudit', customer: 'Contoso' }, language: 'sv' },
    ],
    [
      'Radera granskningsloggen Åland',
      { command: { kind: 'eraseAudit', customer: 'Åland' }, language: 'sv' },
    ],
    ['radera audit contoso', { command: { kind: 'eraseAudit', customer: 'contoso' }, language: 'sv' }],
    [
      'verwijder auditlogboek De Klok',
      { command: { kind: 'eraseAudit', customer: 'De Klok' }, language: 'nl' },
    ],
    ['wis audit Contoso', { command: { kind: 'eraseAudit', customer: 'Contoso' }, language: 'nl' }],
    ['set approvals channel', { command: { kind: 'setApprovalsChannel' }, language: 'en' }],
    ['stel goedkeuringskanaal in', { command: { kind: 'setApprovalsChannel' }, language: 'nl' }],
    ['subscribe reminders', { command: { kind: 'subscribeReminders' }, language: 'en' }],
    ['subscribe reminders all', { command: { kind: 'subscribeReminders' }, language: 'en' }],
    [
      'subscribe reminders Contoso, Fabrikam Nordic days 60, 30, 7',
      {
        command: {
          kind: 'subscribeReminders',
          customers: ['Contoso', 'Fabrikam Nordic'],
          leadDays: [60, 30, 7],
        },
        language: 'en',
      },
    ],
    [
      'subscribe reminders Happy Days Ltd days 30 and 7',
      {
        command: { kind: 'subscribeReminders', customers: ['Happy Days Ltd'], leadDays: [30, 7] },
        language: 'en',
      },
    ],
    [
      'prenumerera på påminnelser Bäckström Bygg dagar 14',
      {
        command: { kind: 'subscribeReminders', customers: ['Bäckström Bygg'], leadDays: [14] },
        language: 'sv',
      },
    ],
    [
      'abonneer op herinneringen alle klanten dagen 10 en 5',
      { command: { kind: 'subscribeReminders', leadDays: [10, 5] }, language: 'nl' },
    ],
    [
      'subscribe reminders days soon',
      { command: { kind: 'subscribeReminders', invalidLeadDays: 'soon' }, language: 'en' },
    ],
    ['prenumerera på påminnelser', { command: { kind: 'subscribeReminders' }, language: 'sv' }],
    ['unsubscribe', { command: { kind: 'unsubscribeReminders' }, language: 'en' }],
    ['herinneringen', { command: { kind: 'showReminders' }, language: 'nl' }],
    ['check now', { command: { kind: 'checkNow' }, language: 'en' }],
    ['language sv', { command: { kind: 'language', language: 'sv' }, language: 'en' }],
    ['språk engelska', { command: { kind: 'language', language: 'en' }, language: 'sv' }],
    ['taal klingon', { command: { kind: 'language', language: undefined }, language: 'nl' }],
    ['Sign out', { command: { kind: 'signOut' }, language: 'en' }],
    ['<at>E4 Assistant</at> log out', { command: { kind: 'signOut' }, language: 'en' }],
    ['logga ut', { command: { kind: 'signOut' }, language: 'sv' }],
    ['afmelden', { command: { kind: 'signOut' }, language: 'nl' }],
    ['uitloggen', { command: { kind: 'signOut' }, language: 'nl' }],
    ['afmelden herinneringen', { command: { kind: 'unsubscribeReminders' }, language: 'nl' }],
  ];
  for (const [text, expected] of table) {
    it(`reads "${text}"`, () => assert.deepEqual(parseCommand(text), expected));
  }

  it('reads the verb without a customer as "ask which customer", in the verb\'s language', () => {
    for (const [text, language] of [
      ['migrate', 'en'],
      ['migrate customer', 'en'],
      ['migrera kund', 'sv'],
      ['Migreer klant', 'nl'],
    ] as const) {
      assert.deepEqual(parseCommand(text), { command: { kind: 'migrateCustomer', customer: '' }, language });
    }
  });

  it('reads "audit" and "erase audit" without a customer as an empty name, so the bot says how to name one', () => {
    for (const [text, language] of [
      ['audit', undefined],
      ['granska', 'sv'],
      ['auditlogboek', 'nl'],
    ] as const) {
      assert.deepEqual(
        parseCommand(text),
        language
          ? { command: { kind: 'audit', customer: '' }, language }
          : { command: { kind: 'audit', customer: '' } },
      );
    }
    for (const [text, language] of [
      ['erase audit', 'en'],
      ['radera granskningslogg', 'sv'],
      ['verwijder auditlogboek', 'nl'],
    ] as const) {
      assert.deepEqual(parseCommand(text), { command: { kind: 'eraseAudit', customer: '' }, language });
    }
  });

  it('never guesses: unknown text, or numbers that are not days', () => {
    assert.deepEqual(parseCommand('buy more licenses'), {
      command: { kind: 'unknown', text: 'buy more licenses' },
    });
    assert.equal(parseCommand('expiring soon').command.kind, 'unknown');
    assert.equal(parseCommand('status of everything').command.kind, 'unknown');
  });
});
