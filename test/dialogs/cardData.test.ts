import assert from 'node:assert/strict';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import { recordingLogger, type RecordingLogger } from '../helpers/recordingLogger.js';
import { cardTexts } from '../helpers/teamsChannel.js';
import {
  actionData,
  actionTitles,
  ApprovalRecords,
  assertNothingChanged,
  assertShows,
  catalogOf,
  chatAs,
  invokeCard,
  languages,
  migrateWords,
  onlyCard,
} from './dialogKit.js';

const { customers, subscriptions } = DemoIds;
const contosoPlan = { customerId: customers.contoso, e4SubscriptionId: subscriptions.contosoE4, option: 3 };
const validHash = 'a'.repeat(64);

/**
 * Card data comes from the client and can be replayed or edited (src/bot/cardActions.ts), and Partner
 * Center fails now and then. Either way the person gets a clear answer in their language, nothing is
 * recorded or bought, and the bot keeps answering.
 */
describe('dialogs: edited card data and Partner Center faults', function () {
  let harness: BotHarness;
  let approvals: ApprovalRecords;
  let log: RecordingLogger;

  before(async () => {
    log = recordingLogger();
    // Two attempts per call: a fault that outlasts the retries shows in well under a second.
    harness = await startBotHarness({ logger: log.logger, env: { PARTNER_CENTER_MAX_ATTEMPTS: '2' } });
    approvals = new ApprovalRecords(harness);
  });
  afterEach(async () => {
    assertNothingChanged(harness);
    await harness.partnerCenter.faults({});
  });
  after(async () => harness.close());

  const refused: [string, string, unknown][] = [
    ['a customer id that isn’t an id', 'customer.choose', { customerId: '../../admin' }],
    ['no data at all', 'customer.choose', null],
    ['a verb no card has', 'plan.approve', contosoPlan],
    ['an empty verb', '', contosoPlan],
    ['option 7', 'option.choose', { ...contosoPlan, option: 7 }],
    ['option "3; drop"', 'option.choose', { ...contosoPlan, option: '3; drop' }],
    [
      'a subscription id that isn’t an id',
      'subscription.choose',
      { customerId: customers.contoso, e4SubscriptionId: 'x' },
    ],
    [
      'a quantity that isn’t a number',
      'plan.requestApproval',
      { ...contosoPlan, planHash: validHash, plannedQuantity: 40, quantity: 'forty' },
    ],
    [
      'a negative quantity',
      'plan.requestApproval',
      { ...contosoPlan, planHash: validHash, plannedQuantity: 40, quantity: '-40' },
    ],
    [
      'a fractional quantity',
      'plan.requestApproval',
      { ...contosoPlan, planHash: validHash, plannedQuantity: 40, quantity: '40.5' },
    ],
    ['no plan hash', 'plan.requestApproval', { ...contosoPlan, plannedQuantity: 40, quantity: '40' }],
    [
      'a plan hash that isn’t hex',
      'plan.requestApproval',
      { ...contosoPlan, planHash: 'z'.repeat(64), plannedQuantity: 40, quantity: '40' },
    ],
    ['a cancel without its plan', 'plan.cancel', { customerId: customers.contoso }],
  ];
  for (const [what, verb, data] of refused) {
    it(`refuses ${what} with a clear message, logged, and records nothing`, async () => {
      const before = await approvals.of(customers.contoso);
      const logged = refusalsLogged();
      for (const language of languages) {
        const chat = chatAs(harness, 'adminAgent', {
          locale: { en: 'en-US', sv: 'sv-SE', nl: 'nl-NL' }[language],
        });
        const result = await chat.invoke(verb, data);
        assert.equal(result.status, 200);
        assert.equal(result.card, undefined);
        assert.equal(result.message, catalogOf(language)('error.invalidCard'));
      }
      assert.equal(refusalsLogged(), logged + languages.length, 'each refusal is logged');
      assert.equal((await approvals.of(customers.contoso)).length, before.length);
    });
  }

  /** The edge logs an unknown verb or data its schema refuses, naming only the verb and the fields. */
  const refusalsLogged = () =>
    log.find('card data refused').length + log.find('unknown card verb refused').length;

  it('a well-formed id of a customer that doesn’t exist says the customer is gone', async () => {
    const t = catalogOf('sv');
    const chat = chatAs(harness, 'adminAgent', { locale: 'sv-SE' });
    const result = await chat.invoke('customer.choose', {
      customerId: 'c0000000-0000-4000-8000-000000000099',
    });
    assertShows(invokeCard(result, 'none').card, t('error.customerNotFound'));
  });

  it('another customer’s subscription, or one that isn’t E4, is not compared', async () => {
    const t = catalogOf('en');
    const chat = chatAs(harness, 'adminAgent');
    for (const [verb, data] of [
      ['subscription.choose', { customerId: customers.contoso, e4SubscriptionId: subscriptions.fabrikamE4 }],
      [
        'expiring.migrate',
        { customerId: customers.tailspinToys, e4SubscriptionId: subscriptions.tailspinToysM365E3 },
      ],
      [
        'option.choose',
        { customerId: customers.contoso, e4SubscriptionId: subscriptions.fabrikamE4, option: 3 },
      ],
    ] as const) {
      const { card } = invokeCard(await chat.invoke(verb, data), 'none');
      assertShows(card, t('error.subscriptionNotFound'));
    }
  });

  it('an old card for an E4 that has since been migrated says so, not a comparison', async () => {
    const t = catalogOf('sv');
    const chat = chatAs(harness, 'adminAgent', { locale: 'sv-SE' });
    const result = await chat.invoke('expiring.migrate', {
      customerId: customers.alandsStrom,
      e4SubscriptionId: subscriptions.alandsStromE4,
    });
    assertShows(invokeCard(result, 'none').card, t('e4Suspended.text', { customer: 'Ålands Ström AB' }));
  });

  it('a plan of a suspended E4 (edited option data) is blocked with the reason', async () => {
    const t = catalogOf('en');
    const chat = chatAs(harness, 'adminAgent');
    const result = await chat.invoke('option.choose', {
      customerId: customers.alandsStrom,
      e4SubscriptionId: subscriptions.alandsStromE4,
      option: 3,
    });
    const { card } = invokeCard(result, 'none');
    assertShows(card, `• ${t('blocker.subscriptionNotActive', { status: 'suspended' })}`);
    assert.deepEqual(actionTitles(card), [t('plan.cancel')]);
  });

  it('"Request approval" with edited ids of another plan records nothing', async () => {
    const t = catalogOf('en');
    const chat = chatAs(harness, 'adminAgent');
    const comparison = onlyCard(await chat.say('migrate customer Fabrikam Nordic'));
    const plan = invokeCard(
      await chat.click(comparison, t('comparison.choose', { option: 3 })),
      comparison.activityId,
    );
    const data = actionData(plan.card, t('plan.requestApproval'));
    // The Nordic plan's hash sent for Contoso: the re-made Contoso plan doesn't match it.
    const result = await chat.invoke(
      'plan.requestApproval',
      { ...data, customerId: customers.contoso, e4SubscriptionId: subscriptions.contosoE4, quantity: '40' },
      plan.activityId,
    );
    assertShows(invokeCard(result, plan.activityId).card, t('plan.changed.title'));
    assert.deepEqual(await approvals.of(customers.contoso), []);
    assert.deepEqual(await approvals.of(customers.fabrikamNordic), []);
  });

  for (const language of languages) {
    it(`Partner Center failing on subscriptions gives an error card, and the next try works (${language})`, async () => {
      const t = catalogOf(language);
      const chat = chatAs(harness, 'adminAgent');
      await harness.partnerCenter.script([
        {
          method: 'GET',
          path: `/customers/${customers.contoso}/subscriptions$`,
          times: 2,
          fault: { status: 500 },
        },
      ]);
      const { card } = onlyCard(await chat.say(`${migrateWords[language]} Contoso`));
      assertShows(card, t('error.title'));
      const [, message] = cardTexts(card);
      const [prefix] = t('error.partnerCenterDown').split('{requestId}');
      assert.ok(message?.startsWith(prefix ?? ''), message);
      assert.match(message ?? '', /[0-9a-f-]{36}/, 'the request id to quote to support');
      assert.ok(harness.partnerCenter.ledger('fault').length > 0);

      const again = onlyCard(await chat.say(`${migrateWords[language]} Contoso`));
      assertShows(again.card, t('comparison.title', { customer: 'Contoso Ltd' }));
    });
  }

  it('Partner Center failing during a click gives an error card in the invoke answer', async () => {
    const t = catalogOf('nl');
    const chat = chatAs(harness, 'adminAgent', { locale: 'nl-NL' });
    await harness.partnerCenter.script([
      {
        method: 'GET',
        path: `/customers/${customers.hoogeveenZorg}/subscriptions`,
        times: 2,
        fault: { status: 503 },
      },
    ]);
    const result = await chat.invoke('option.choose', {
      customerId: customers.hoogeveenZorg,
      e4SubscriptionId: subscriptions.hoogeveenZorgE4,
      option: 3,
    });
    const { card } = invokeCard(result, 'none');
    assertShows(card, t('error.title'));
    assert.ok(cardTexts(card)[1]?.startsWith(t('error.partnerCenterDown').split('{')[0] ?? ''));
  });

  it('a 403 reading the users is a missing GDAP role on the plan, with what to ask for', async () => {
    const t = catalogOf('en');
    const chat = chatAs(harness, 'adminAgent');
    await harness.partnerCenter.script([
      {
        method: 'GET',
        path: `/customers/${customers.fabrikamNordic}/users$`,
        times: 2,
        fault: { status: 403 },
      },
    ]);
    const result = await chat.invoke('option.choose', {
      customerId: customers.fabrikamNordic,
      e4SubscriptionId: subscriptions.fabrikamNordicE4,
      option: 3,
    });
    const { card } = invokeCard(result, 'none');
    assertShows(card, t('plan.usersUnknown'));
    const [prefix] = t('blocker.missingGdapRole').split('{roles}');
    assert.ok(cardTexts(card).some((line) => line.startsWith(`• ${prefix}`)));
    assert.deepEqual(actionTitles(card), [t('plan.cancel')]);
  });

  it('when some customers can’t be read, "expiring" lists the rest and says how many are missing', async () => {
    const t = catalogOf('en');
    const chat = chatAs(harness, 'adminAgent');
    await harness.partnerCenter.script([
      {
        method: 'GET',
        path: `/customers/${customers.contoso}/subscriptions$`,
        times: 2,
        fault: { status: 500 },
      },
    ]);
    const { card } = onlyCard(await chat.say('expiring'));
    assertShows(card, t('expiring.unreadOne'));
    assert.ok(!cardTexts(card).includes('Contoso Ltd'));
    assertShows(card, 'Fabrikam Nordic AB');
  });
});
