import assert from 'node:assert/strict';
import { approvalRequestId } from '../../src/services/approvals/approvalRequestStore.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { localeOfLanguage } from '../../src/cards/cardText.js';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import {
  actionData,
  ApprovalRecords,
  assertNothingChanged,
  assertShows,
  catalogOf,
  chatAs,
  invokeCard,
  languages,
  migrateWords,
  onlyCard,
  setUpApprovalsChannel,
} from './dialogKit.js';

const { customers, subscriptions } = DemoIds;
const roleKeys = ['role.SalesAgent', 'role.AdminAgent', 'role.GlobalAdmin'] as const;

/**
 * Who may do what (DESIGN §11), checked on every typed command and every card action: Sales agents,
 * Admin agents and Global admins plan and request approval; a User management admin or a person
 * without a role gets help only; a person whose sign-in lacks MFA is asked to sign in again.
 */
describe('dialogs: roles and sign-in', function () {
  let harness: BotHarness;
  let approvals: ApprovalRecords;

  before(async () => {
    harness = await startBotHarness();
    approvals = new ApprovalRecords(harness);
    await setUpApprovalsChannel(harness);
  });
  afterEach(() => assertNothingChanged(harness));
  after(async () => harness.close());

  it('a Sales agent plans and requests approval; the request names them', async () => {
    const t = catalogOf('en');
    const chat = chatAs(harness, 'salesAgent');
    const comparison = onlyCard(await chat.say('migrate customer Fabrikam Nordic'));
    const plan = invokeCard(
      await chat.click(comparison, t('comparison.choose', { option: 3 })),
      comparison.activityId,
    );
    const hash = String(actionData(plan.card, t('plan.requestApproval')).planHash);
    const answer = invokeCard(await chat.click(plan, t('plan.requestApproval')), plan.activityId);
    assertShows(answer.card, t('approval.recorded.title'));
    const record = await approvals.store.get(approvalRequestId(customers.fabrikamNordic, hash));
    assert.equal(record?.requester.oid, DemoIds.partnerUsers.salesAgent);
  });

  it('a Global admin plans too', async () => {
    const t = catalogOf('sv');
    const chat = chatAs(harness, 'globalAdmin');
    const comparison = onlyCard(await chat.say('migrera kund Contoso'));
    const plan = invokeCard(
      await chat.click(comparison, t('comparison.choose', { option: 4 })),
      comparison.activityId,
    );
    assertShows(plan.card, t('plan.title', { customer: 'Contoso Ltd' }));
  });

  for (const user of ['noRole', 'userManagementAdmin'] as const) {
    for (const language of languages) {
      it(`${user} is told which role they need, for commands and card actions (${language})`, async () => {
        const t = catalogOf(language);
        const denied = t('access.denied', { roles: roleKeys.map((key) => t(key)).join(', ') });
        const chat = chatAs(harness, user, { locale: localeOfLanguage[language] });
        const before = await approvals.of(customers.contoso);

        const typed = onlyCard(await chat.say(`${migrateWords[language]} Contoso`)).card;
        assertShows(typed, t('access.title'));
        assertShows(typed, denied);
        const asked = onlyCard(await chat.say(migrateWords[language])).card;
        assertShows(asked, denied);

        const clicks: [string, Record<string, unknown>][] = [
          ['customer.choose', { customerId: customers.contoso }],
          ['expiring.migrate', { customerId: customers.contoso, e4SubscriptionId: subscriptions.contosoE4 }],
          [
            'option.choose',
            { customerId: customers.contoso, e4SubscriptionId: subscriptions.contosoE4, option: 3 },
          ],
          [
            'plan.requestApproval',
            {
              customerId: customers.contoso,
              e4SubscriptionId: subscriptions.contosoE4,
              option: 3,
              planHash: 'b'.repeat(64),
              plannedQuantity: 40,
              quantity: '40',
            },
          ],
        ];
        for (const [verb, data] of clicks) {
          assertShows(invokeCard(await chat.invoke(verb, data), 'none').card, denied);
        }
        assert.equal((await approvals.of(customers.contoso)).length, before.length);

        // Help still works, and says the same.
        assertShows(
          onlyCard(await chat.say('help')).card,
          t('help.restricted', { roles: roleKeys.map((key) => t(key)).join(', ') }),
        );
      });
    }
  }

  for (const language of languages) {
    it(`an Admin agent whose sign-in lacks MFA is asked to sign in again with MFA (${language})`, async () => {
      const t = catalogOf(language);
      const chat = chatAs(harness, 'adminAgentWithoutMfa', { locale: localeOfLanguage[language] });
      const typed = onlyCard(await chat.say(`${migrateWords[language]} Contoso`)).card;
      assertShows(typed, t('signIn.title'));
      assertShows(typed, t('signIn.mfa_required'));

      const clicked = await chat.invoke('option.choose', {
        customerId: customers.contoso,
        e4SubscriptionId: subscriptions.contosoE4,
        option: 3,
      });
      assertShows(invokeCard(clicked, 'none').card, t('signIn.mfa_required'));

      // Help needs no Partner Center call: it lists the commands their role allows.
      const help = onlyCard(await chat.say('help')).card;
      assertShows(help, t('help.title'));
      // Partner Center refused the calls; nothing else happened.
      assert.ok(harness.partnerCenter.ledger('refused').length > 0);
    });
  }

  it('a Teams user unknown to the partner is told their account isn’t known', async () => {
    const t = catalogOf('nl');
    const chat = harness.chat('noRole', {
      user: { aadObjectId: 'a0000000-0000-4000-8000-0000000000ff', name: 'Stranger' },
      locale: 'nl-NL',
    });
    const { card } = onlyCard(await chat.say('migreer klant Contoso'));
    assertShows(card, t('signIn.title'));
    assertShows(card, t('signIn.unknown_user'));
    const clicked = await chat.invoke('customer.choose', { customerId: customers.contoso });
    assertShows(invokeCard(clicked, 'none').card, t('signIn.unknown_user'));
  });
});
