import assert from 'node:assert/strict';
import { approvalRequestId } from '../../src/services/approvals/approvalRequestStore.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import type { Language } from '../../src/services/i18n/language.js';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import type { TeamsChat } from '../helpers/teamsChannel.js';
import { cardsOf, cardTexts } from '../helpers/teamsChannel.js';
import {
  actionData,
  actionTitles,
  ApprovalRecords,
  assertDoesNotShow,
  assertNothingChanged,
  assertShows,
  catalogOf,
  chatAs,
  factOf,
  invokeCard,
  languages,
  migrateWords,
  numberIn,
  onlyCard,
  type PartnerUserName,
  type PostedCard,
  setUpApprovalsChannel,
} from './dialogKit.js';

/**
 * From the comparison to the plan card and "Request approval" (issue #4 step 4): the preflight's
 * numbers and blockers, the approval record in Azure Blob bound to the plan's hash, and every way the
 * card's data can disagree with the plan. Nothing is ever bought: the ledger says so after each test.
 */
describe('dialogs: plan → request approval', function () {
  let harness: BotHarness;
  let approvalsChannel: TeamsChat;
  let approvals: ApprovalRecords;

  before(async () => {
    harness = await startBotHarness();
    approvals = new ApprovalRecords(harness);
    approvalsChannel = await setUpApprovalsChannel(harness);
  });
  afterEach(async () => {
    assertNothingChanged(harness);
    await harness.partnerCenter.faults({});
  });
  after(async () => harness.close());

  /** Types "migrate customer X" in the language and clicks "Choose option N": the plan card. */
  async function planOf(
    language: Language,
    customer: string,
    option: number,
    user: PartnerUserName = 'adminAgent',
  ) {
    const t = catalogOf(language);
    const chat = chatAs(harness, user);
    const comparison = onlyCard(await chat.say(`${migrateWords[language]} ${customer}`));
    const plan = invokeCard(
      await chat.click(comparison, t('comparison.choose', { option })),
      comparison.activityId,
    );
    return { chat, plan, t };
  }

  for (const language of languages) {
    describe(`in ${language}`, () => {
      it('choosing an option shows the plan: what to buy, how many, who moves, and the two buttons', async () => {
        const { plan, t } = await planOf(language, 'Contoso', 3);
        const { card } = plan;
        assertShows(card, t('plan.title', { customer: 'Contoso Ltd' }));
        assert.equal(factOf(card, t('plan.option')), t('option.3.name'));
        assert.equal(
          factOf(card, t('plan.products')),
          `${t('product.office365E3')} + ${t('product.plusCal')}`,
        );
        assert.equal(factOf(card, t('plan.term')), t('term.P1Y'));
        assert.equal(factOf(card, t('plan.billingCycle')), t('billing.monthly'));
        assertShows(card, t('plan.usersMoving', { count: numberIn(language, 40) }));
        assertShows(card, t('plan.usersMore', { count: numberIn(language, 35) }));
        const quantity = card.body.find((element) => element.type === 'Input.Number');
        assert.equal(quantity?.value, 40, 'quantity defaults to the users on E4');
        assert.equal(quantity?.min, 40, 'and never below them');
        assert.deepEqual(actionTitles(card), [t('plan.requestApproval'), t('plan.cancel')]);
        assertDoesNotShow(card, t('plan.blocking'));
      });

      it('blockers say what to fix, and a blocked plan has no "Request approval"', async () => {
        const { plan, t } = await planOf(language, 'Fabrikam', 3);
        const { card } = plan;
        assertShows(card, t('plan.title', { customer: 'Fabrikam' }));
        assertShows(card, t('plan.blocking'));
        const noLocation = ['drew.smith', 'robin.smith', 'sam.smith']
          .map((name) => `${name}@fabrikam.onmicrosoft.com`)
          .join(', ');
        assertShows(card, `• ${t('blocker.usageLocationMissing', { users: noLocation })}`);
        assertShows(
          card,
          `• ${t('blocker.groupAssignedLicense', { users: 'quinn.smith@fabrikam.onmicrosoft.com' })}`,
        );
        assertShows(card, t('plan.blockedNote'));
        assert.deepEqual(actionTitles(card), [t('plan.cancel')]);
        // No input to change: the quantity is shown as a fact.
        assert.equal(factOf(card, t('plan.quantity')), numberIn(language, 12));
      });

      it('"Cancel" on the plan says nothing was bought', async () => {
        const { chat, plan, t } = await planOf(language, 'Fabrikam Nordic', 4);
        const result = await chat.click(plan, t('plan.cancel'));
        const { card } = invokeCard(result, plan.activityId);
        assertShows(card, t('cancel.title'));
        assertShows(card, t('plan.cancelled.text', { customer: 'Fabrikam Nordic AB' }));
      });
    });
  }

  // One plan per language: a record is per (customer, plan hash), so each test asks for its own plan.
  const requestCases: [Language, string, string, number, number][] = [
    ['en', 'Contoso', DemoIds.customers.contoso, 3, 40],
    ['sv', 'Fabrikam Nordic', DemoIds.customers.fabrikamNordic, 1, 8],
    ['nl', 'Brouwerij De Klok', DemoIds.customers.brouwerijDeKlok, 2, 8],
  ];
  for (const [language, name, customerId, option, quantity] of requestCases) {
    it(`"Request approval" records the request bound to the plan’s hash, and says so (${language})`, async () => {
      const { chat, plan, t } = await planOf(language, name, option);
      const hash = String(actionData(plan.card, t('plan.requestApproval')).planHash);
      const companyName = cardTexts(plan.card)[0]?.replace(t('plan.title', { customer: '' }), '') ?? '';

      const result = await chat.click(plan, t('plan.requestApproval'));
      const { card } = invokeCard(result, plan.activityId);
      const record = await approvals.store.get(approvalRequestId(customerId, hash));
      assert.ok(record, 'the approval request is recorded');
      assertShows(card, t('approval.recorded.title'));
      assertShows(
        card,
        `${t('approval.postedToChannel.text')} ` +
          t('approval.recorded.text', {
            customer: companyName,
            option: t(`option.${option as 1 | 2 | 3 | 4}.name`),
            quantity: numberIn(language, quantity),
            reference: record.id,
          }),
      );
      // The approval card went to the approvals channel, and its place is kept for the decision.
      assert.equal(record.approvalCard?.conversationId, approvalsChannel.conversationId);
      const posted = approvalsChannel
        .posted()
        .find((activity) => activity.id === record.approvalCard?.activityId);
      assert.ok(posted, 'the approval card is in the approvals channel');
      assert.equal(record.customerId, customerId);
      assert.equal(record.customerName, companyName);
      assert.equal(record.option, option);
      assert.equal(record.quantity, quantity);
      assert.equal(record.termDuration, 'P1Y');
      assert.equal(record.billingCycle, 'monthly');
      assert.equal(record.status, 'requested');
      assert.equal(record.requester.oid, DemoIds.partnerUsers.adminAgent);
      assert.equal(record.conversationId, chat.conversationId);
      assert.equal(record.planHash, hash);
    });
  }

  it('the approvals channel is the channel, not the post it was set in: a request typed in another post of it is "here", and its card arrives as a new post', async () => {
    const t = catalogOf('en');
    // Set again from a post of the same channel, as Teams sends it (`…;messageid=…`).
    await approvalsChannel.inPost('7001').say('set approvals channel');
    const chat = chatAs(harness, 'salesAgent', {
      kind: 'channel',
      conversationId: approvalsChannel.conversationId,
    }).inPost('7002');
    const comparison = onlyCard(await chat.say('migrate customer Contoso'));
    const plan = invokeCard(
      await chat.click(comparison, t('comparison.choose', { option: 2 })),
      comparison.activityId,
    );
    const before = approvalsChannel.posted().length;
    const { card } = invokeCard(await chat.click(plan, t('plan.requestApproval')), plan.activityId);
    assert.ok(
      cardTexts(card).some((text) => text.startsWith(t('approval.postedHere.text'))),
      cardTexts(card).join('\n'),
    );
    const [approvalCard] = cardsOf(approvalsChannel.posted().slice(before));
    assert.ok(approvalCard, 'the approval card is a new post in the channel');
  });

  it('clicking "Request approval" twice records once; the second answer says it was already asked', async () => {
    const { chat, plan, t } = await planOf('en', 'Brouwerij De Klok', 4);
    const hash = String(actionData(plan.card, t('plan.requestApproval')).planHash);
    const first = invokeCard(await chat.click(plan, t('plan.requestApproval')), plan.activityId);
    assertShows(first.card, t('approval.recorded.title'));
    const second = invokeCard(await chat.click(plan, t('plan.requestApproval')), plan.activityId);
    const record = await approvals.store.get(approvalRequestId(DemoIds.customers.brouwerijDeKlok, hash));
    assert.ok(record);
    assertShows(
      second.card,
      t('approval.already.text', {
        name: 'adminAgent',
        date: new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
          new Date(record.requestedAt),
        ),
        reference: record.id,
      }),
    );
    const records = (await approvals.of(DemoIds.customers.brouwerijDeKlok)).filter(
      (entry) => entry.option === 4,
    );
    assert.equal(records.length, 1);
  });

  it('two clicks at the same moment (double click, two instances) still make one record', async () => {
    const t = catalogOf('sv');
    const nordic = await planOf('sv', 'Fabrikam Nordic', 4, 'globalAdmin');
    const before = (await approvals.of(DemoIds.customers.fabrikamNordic)).length;
    const [a, b] = await Promise.all([
      nordic.chat.click(nordic.plan, t('plan.requestApproval')),
      nordic.chat.click(nordic.plan, t('plan.requestApproval')),
    ]);
    const texts = [a, b].map((result) => cardTexts(result.card).join(' '));
    assert.equal(
      texts.filter((text) => text.includes(t('approval.recorded.text').split('{')[0] ?? '')).length,
      1,
      texts.join('\n'),
    );
    assert.equal((await approvals.of(DemoIds.customers.fabrikamNordic)).length, before + 1);
  });

  it('a quantity above the users is recorded as typed', async () => {
    const { chat, plan, t } = await planOf('en', 'Fabrikam Nordic', 2);
    const result = await chat.click(plan, t('plan.requestApproval'), { quantity: '10' });
    const { card } = invokeCard(result, plan.activityId);
    assertShows(card, t('approval.recorded.title'));
    const records = (await approvals.of(DemoIds.customers.fabrikamNordic)).filter(
      (entry) => entry.option === 2,
    );
    assert.deepEqual(
      records.map((entry) => entry.quantity),
      [10],
    );
  });

  for (const language of languages) {
    it(`a quantity below the users on E4 shows the plan with that blocker and records nothing (${language})`, async () => {
      const t = catalogOf(language);
      const deKlok = await planOf(language, 'Brouwerij De Klok', 1);
      const before = await approvals.of(DemoIds.customers.brouwerijDeKlok);
      const result = await deKlok.chat.click(deKlok.plan, t('plan.requestApproval'), { quantity: '3' });
      const { card } = invokeCard(result, deKlok.plan.activityId);
      assertShows(card, t('plan.title', { customer: 'Brouwerij De Klok BV' }));
      assertShows(
        card,
        `• ${t('blocker.quantityBelowUsers', { requested: numberIn(language, 3), usersOnE4: numberIn(language, 8) })}`,
      );
      assert.deepEqual(actionTitles(card), [t('plan.cancel')]);
      assertDoesNotShow(card, t('plan.changed.title'));
      assert.equal((await approvals.of(DemoIds.customers.brouwerijDeKlok)).length, before.length);
    });
  }

  for (const language of languages) {
    it(`a plan hash that doesn’t match the plan says the plan changed, shows the new one, records nothing (${language})`, async () => {
      const { chat, plan, t } = await planOf(language, 'Fabrikam Nordic', 3);
      const data = actionData(plan.card, t('plan.requestApproval'));
      const before = await approvals.of(DemoIds.customers.fabrikamNordic);
      const tampered = String(data.planHash).replace(/^./, (digit) => (digit === '0' ? '1' : '0'));
      const result = await chat.invoke(
        'plan.requestApproval',
        { ...data, planHash: tampered, quantity: '8' },
        plan.activityId,
      );
      const { card } = invokeCard(result, plan.activityId);
      assertShows(card, t('plan.changed.title'));
      assertShows(card, t('plan.changed.text'));
      assertShows(card, t('plan.title', { customer: 'Fabrikam Nordic AB' }));
      // The new plan carries the real hash, so the person can ask again from it.
      assert.equal(actionData(card, t('plan.requestApproval')).planHash, data.planHash);
      assert.equal((await approvals.of(DemoIds.customers.fabrikamNordic)).length, before.length);
    });
  }

  it('an agreement not accepted is a blocker with what to do (nl)', async () => {
    const { plan, t } = await planOf('nl', 'Hoogeveen Zorg', 3);
    assertShows(plan.card, `• ${t('blocker.agreementNotAccepted')}`);
    assert.deepEqual(actionTitles(plan.card), [t('plan.cancel')]);
  });

  it('option 3 where its add-on isn’t sold (an old or edited card) is planned with that blocker', async () => {
    const t = catalogOf('nl');
    const chat = chatAs(harness, 'adminAgent', { locale: 'nl-BE' });
    const result = await chat.invoke('option.choose', {
      customerId: DemoIds.customers.brouwerijDeKlok,
      e4SubscriptionId: DemoIds.subscriptions.brouwerijDeKlokE4,
      option: 3,
    });
    const { card } = invokeCard(result, 'none');
    assertShows(card, `• ${t('blocker.notSoldInMarket', { products: t('product.plusCal'), market: 'BE' })}`);
    assert.deepEqual(actionTitles(card), [t('plan.cancel')]);
  });

  it('a plan that takes longer than the invoke budget answers "planning…" and updates the card when ready', async () => {
    const t = catalogOf('en');
    const chat = chatAs(harness, 'adminAgent');
    const comparison: PostedCard = onlyCard(await chat.say('migrate customer Fabrikam Nordic'));
    // The users read of the plan is slow once: longer than the bot's 3 s inline budget.
    await harness.partnerCenter.script([{ method: 'GET', path: '/users$', fault: { latencyMs: 3_500 } }]);
    const answer = invokeCard(
      await chat.click(comparison, t('comparison.choose', { option: 3 })),
      comparison.activityId,
    );
    assertShows(answer.card, t('planning.title', { customer: 'Fabrikam Nordic AB' }));
    assertShows(answer.card, t('planning.text'));
    const [update] = await harness.channel.waitForUpdates(chat.conversationId, 1);
    assert.equal(update?.id, comparison.activityId, 'the clicked card is replaced');
    const planCard = update?.attachments?.[0]?.content;
    assertShows(planCard, t('plan.title', { customer: 'Fabrikam Nordic AB' }));
    assertShows(planCard, t('plan.requestApproval'));
    await harness.app.bot.idle();
  });
});
