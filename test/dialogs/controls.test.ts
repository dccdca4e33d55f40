import assert from 'node:assert/strict';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { CardVerb } from '../../src/cards/index.js';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import { cardsOf, cardTexts, type TeamsChat } from '../helpers/teamsChannel.js';
import { oracle } from '../engine/engineKit.js';
import {
  approvedMigration,
  assertShows,
  catalogOf,
  chatAs,
  onlyCard,
  requestApproval,
  setUpApprovalsChannel,
  settledMigration,
} from './dialogKit.js';

const t = catalogOf('en');

/**
 * Typed "pause / cancel / roll back <customer>" through the whole bot (restify, CloudAdapter, Azurite,
 * the worker in the bot process), with the sandbox as the oracle: roll back after suspension and before
 * it each put every user back on E4 and undo the purchase; confirmations and refusals change nothing.
 */
describe('dialogs: typed pause, cancel and roll back', function () {
  this.timeout(180_000);
  let harness: BotHarness;
  let approvalsChannel: TeamsChat;
  before(async () => {
    // One user at a time, so a migration stays in "moving users" long enough to be paused by a person.
    harness = await startBotHarness({
      env: { PROGRESS_UPDATE_INTERVAL_MS: '200', MIGRATION_USER_CONCURRENCY: '1' },
    });
    approvalsChannel = await setUpApprovalsChannel(harness);
  });
  after(async () => harness.close());

  const approved = (customer: string, option: number) =>
    approvedMigration(harness, approvalsChannel, customer, option);

  async function e4Holders(customerId: string, e4SubscriptionId: string) {
    const state = await oracle(harness.partnerCenter, customerId);
    const e4 = state.subscriptions.find((sub) => sub.id === e4SubscriptionId);
    const sku = e4?.licenseSkuId?.toLowerCase();
    const users = state.users ?? [];
    return {
      e4Status: e4?.status,
      users: users.length,
      onE4: users.filter((user) => user.licenses.some((license) => license.skuId.toLowerCase() === sku))
        .length,
      statusOf: (id: string) => state.subscriptions.find((sub) => sub.id === id)?.status,
    };
  }

  const ledgerSize = () => harness.partnerCenter.ledger().length;

  it('roll back after suspension: refused to a Sales agent, asked to confirm, then every user is on E4 again and the purchase is cancelled', async () => {
    const contoso = DemoIds.customers.contoso;
    await approved('Contoso', 3);
    const done = await settledMigration(harness, contoso);
    assert.equal(done.state, 'completed', JSON.stringify(done.reason));
    const before = await e4Holders(contoso, DemoIds.subscriptions.contosoE4);
    assert.equal(before.onE4, 0);
    assert.equal(before.e4Status, 'suspended');

    const admin = chatAs(harness, 'adminAgent');
    const unchanged = ledgerSize();
    // A Sales agent can't roll back; a completed migration can't be paused; an unknown name is said so.
    assertShows(
      onlyCard(await chatAs(harness, 'salesAgent').say('roll back contoso')).card,
      t('access.title'),
    );
    assertShows(
      onlyCard(await admin.say('pause contoso')).card,
      t('migration.lookup.notApplicable.text', {
        action: t('migration.action.pause'),
        customer: done.customer.companyName,
        state: t('migration.state.completed'),
      }),
    );
    assertShows(
      onlyCard(await admin.say('roll back Zzyzx Holdings')).card,
      t('migration.lookup.none.text', { customer: 'Zzyzx Holdings' }),
    );

    // Typed roll back only asks: nothing happens until the card's button is pressed.
    const confirm = onlyCard(await admin.say('roll back contoso'));
    assertShows(confirm.card, t('migration.confirm.rollBack.title', { customer: done.customer.companyName }));
    assert.equal((await settledMigration(harness, contoso)).state, 'completed');
    assert.equal(ledgerSize(), unchanged, 'asking to confirm changed nothing in Partner Center');

    const pressed = await admin.click(confirm, CardVerb.rollBackMigration);
    assert.ok(pressed.card, 'the person sees the progress card');
    const back = await settledMigration(harness, contoso, (record) => record.state === 'rolled_back');
    assert.equal(back.users.restored, before.users);
    const after = await e4Holders(contoso, DemoIds.subscriptions.contosoE4);
    assert.equal(after.e4Status, 'active');
    assert.equal(after.onE4, after.users);
    for (const bought of back.purchase.subscriptions)
      assert.equal(after.statusOf(bought.subscriptionId), 'deleted');
    // A second press on the same confirmation changes nothing more.
    const again = ledgerSize();
    await admin.click(confirm, CardVerb.rollBackMigration);
    assert.equal(ledgerSize(), again);
  });

  it('pause while users move, then roll back before suspension: E4 never suspended, every user on E4 again', async () => {
    const customerId = DemoIds.customers.fabrikamNordic;
    const e4Id = DemoIds.subscriptions.fabrikamNordicE4;
    // Slow calls keep the migration in "moving users" for seconds.
    await harness.partnerCenter.faults({ latencyMs: 300 });
    try {
      await approved('Fabrikam Nordic', 1);
      await settledMigration(harness, customerId, (record) => record.state === 'moving_users', 60_000);
      const admin = chatAs(harness, 'adminAgent');
      // Cancel no longer applies once buying started: the answer says so and changes nothing.
      assertShows(
        onlyCard(await admin.say('cancel fabrikam nordic')).card,
        t('migration.lookup.notApplicable.text', {
          action: t('migration.action.cancel'),
          customer: 'Fabrikam Nordic AB',
          state: t('migration.state.moving_users'),
        }),
      );
      await admin.say('pause fabrikam nordic');
      const paused = await settledMigration(harness, customerId, (record) => record.state === 'paused');
      assert.equal(paused.reason?.code, 'pausedByPerson');
      assert.equal(paused.e4Suspended, undefined);

      const confirm = onlyCard(await admin.say('roll back fabrikam nordic'));
      assertShows(
        confirm.card,
        t('migration.confirm.rollBack.title', { customer: paused.customer.companyName }),
      );
      await admin.click(confirm, CardVerb.rollBackMigration);
      const back = await settledMigration(harness, customerId, (record) => record.state === 'rolled_back');
      // Users were moved before the pause (a move answered after it may count only in the move log).
      assert.ok(paused.users.moved >= 1, `moved before the pause: ${paused.users.moved}`);
      assert.ok(back.users.restored >= paused.users.moved);
    } finally {
      await harness.partnerCenter.faults({});
    }
    const after = await e4Holders(customerId, e4Id);
    assert.equal(after.e4Status, 'active');
    assert.equal(after.onE4, after.users);
    const suspensions = harness.partnerCenter
      .ledger('subscriptionChange')
      .filter((entry) => entry.kind === 'subscriptionChange' && entry.subscriptionId === e4Id);
    assert.deepEqual(suspensions, [], 'E4 was never suspended');
  });

  it('an approver without MFA: paused before buying, asked to sign in in their own chat, and another Admin agent resumes it from that card', async () => {
    const customerId = DemoIds.customers.brouwerijDeKlok;
    const mats = chatAs(harness, 'adminAgentWithoutMfa');
    await mats.say('help');
    const { approvalCard } = await requestApproval(harness, approvalsChannel, 'Brouwerij De Klok', 1);
    const approvedByMats = await chatAs(harness, 'adminAgentWithoutMfa', { kind: 'channel' }).click(
      approvalCard,
      CardVerb.approve,
    );
    assert.ok(approvedByMats.card);
    const paused = await settledMigration(harness, customerId);
    assert.equal(paused.state, 'paused');
    assert.deepEqual(paused.reason, { code: 'needsSignIn', detail: 'mfa_required' });
    assert.equal(purchasesOf(customerId), 0, 'nothing bought without a token');

    const title = t('signInToResume.title', { customer: paused.customer.companyName });
    const signIn = await postedCard(mats, title);
    assertShows(signIn.card, t('signIn.mfa_required'));

    await chatAs(harness, 'adminAgent').click(signIn, CardVerb.resumeMigration);
    const done = await settledMigration(harness, customerId);
    assert.equal(done.state, 'completed', JSON.stringify(done.reason));
    assert.equal(done.actingUser.oid, DemoIds.partnerUsers.adminAgent);
    assert.equal(purchasesOf(customerId), 1);
  });

  const purchasesOf = (customerId: string) =>
    harness.partnerCenter.ledger('purchase').filter((entry) => entry.customerId === customerId).length;

  /** The card with this title once the bot has posted it in the chat (notices are sent in the background). */
  async function postedCard(chat: TeamsChat, title: string) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = cardsOf(chat.posted()).find((posted) => cardTexts(posted.card).includes(title));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no card "${title}" in the chat`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});
