import assert from 'node:assert/strict';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { CardVerb } from '../../src/cards/index.js';
import { approvalRequestId } from '../../src/services/approvals/approvalRequestStore.js';
import type { MigrationRecord } from '../../src/services/migration/migrationRecord.js';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import type { TeamsChat } from '../helpers/teamsChannel.js';
import {
  actionData,
  ApprovalRecords,
  assertShows,
  catalogOf,
  chatAs,
  factOf,
  requestApproval,
  setUpApprovalsChannel,
  settledMigration,
  type PartnerUserName,
} from './dialogKit.js';

const t = catalogOf('en');

/**
 * Approve in Teams, then the engine migrates: the whole bot over HTTP (restify, CloudAdapter, Azurite,
 * the worker in the bot process) and the sandbox ledger as the oracle.
 */
describe('dialogs: approve → migrate', function () {
  this.timeout(120_000);
  let harness: BotHarness;
  let approvalsChannel: TeamsChat;
  let approvals: ApprovalRecords;
  before(async () => {
    harness = await startBotHarness({ env: { PROGRESS_UPDATE_INTERVAL_MS: '200' } });
    approvals = new ApprovalRecords(harness);
    approvalsChannel = await setUpApprovalsChannel(harness);
  });
  after(async () => harness.close());

  const requested = (customer: string, option: number, requester: PartnerUserName = 'salesAgent') =>
    requestApproval(harness, approvalsChannel, customer, option, requester);
  const migrationOf = (customerId: string) => settledMigration(harness, customerId);

  const purchases = (customerId: string) =>
    harness.partnerCenter.sandbox.ledger
      .list({ kind: 'purchase' })
      .filter((entry) => entry.customerId === customerId);

  it('refuses the requester (four-eyes) and a Sales agent, then an Admin agent approves and Contoso is migrated', async () => {
    const { approvalCard } = await requested('Contoso', 3, 'adminAgent2');
    // The approver sees when E4 ends and how many days are left, as on the plan.
    const endDate = factOf(approvalCard.card, t('card.endDate'));
    assert.ok(endDate && endDate !== t('card.endDateUnknown'), `end date shown: ${endDate}`);
    assert.match(factOf(approvalCard.card, t('card.daysLeft')) ?? '', /\d/);
    // The requester, an Admin agent, can't approve their own request.
    const own = await chatAs(harness, 'adminAgent2', { kind: 'channel' }).click(
      approvalCard,
      CardVerb.approve,
    );
    assert.equal(own.message, t('approval.fourEyes.text'));
    const sales = await chatAs(harness, 'salesAgent', { kind: 'channel' }).click(
      approvalCard,
      CardVerb.approve,
    );
    assertShows(sales.card, t('access.title'));
    assert.equal(purchases(DemoIds.customers.contoso).length, 0);

    const approved = await chatAs(harness, 'adminAgent', { kind: 'channel' }).click(
      approvalCard,
      CardVerb.approve,
    );
    assert.ok(approved.card, 'the approver sees the progress card at once');
    const done = await migrationOf(DemoIds.customers.contoso);
    assert.equal(done.state, 'completed', JSON.stringify(done.reason));
    assert.equal(done.approver.oid, DemoIds.partnerUsers.adminAgent);
    assert.equal(purchases(DemoIds.customers.contoso).length, 1);
    // Everyone's copy of the approval card became the progress card and ends as the summary.
    await harness.app.bot.idle();
    const updates = approvalsChannel.updates().filter((update) => update.id === approvalCard.activityId);
    assert.ok(updates.length >= 2, 'the card was updated as the migration went');
  });

  it('twenty Approve clicks at once make one decision, one migration and one purchase', async () => {
    const { approvalCard } = await requested('Fabrikam Nordic', 1);
    const clicks = await Promise.all(
      Array.from({ length: 20 }, () =>
        chatAs(harness, 'adminAgent', { kind: 'channel' }).click(approvalCard, CardVerb.approve),
      ),
    );
    assert.ok(clicks.every((click) => click.status === 200));
    const done = await migrationOf(DemoIds.customers.fabrikamNordic);
    assert.equal(done.state, 'completed', JSON.stringify(done.reason));
    assert.equal(purchases(DemoIds.customers.fabrikamNordic).length, 1);
    const records: MigrationRecord[] = [];
    for await (const record of harness.app.engine.journal.list(DemoIds.customers.fabrikamNordic))
      records.push(record);
    assert.equal(records.length, 1);
  });

  it('a rejection needs a reason, replaces the card with the outcome and buys nothing; a replay changes nothing', async () => {
    const { approvalCard } = await requested('Brouwerij De Klok', 4);
    const data = actionData(approvalCard.card, CardVerb.reject);
    const admin = chatAs(harness, 'adminAgent', { kind: 'channel' });
    const noReason = await admin.invoke(
      CardVerb.reject,
      { ...data, rejectReason: ' ' },
      approvalCard.activityId,
    );
    assert.equal(noReason.message, t('approval.reasonRequired.text'));
    const rejected = await admin.invoke(
      CardVerb.reject,
      { ...data, rejectReason: 'Wrong option' },
      approvalCard.activityId,
    );
    assert.ok(rejected.card);
    const request = await approvals.store.get(String(data.approvalId));
    assert.equal(request?.status, 'rejected');
    assert.equal(request?.decision?.reason, 'Wrong option');
    const replay = await admin.click(approvalCard, CardVerb.approve);
    assertShows(replay.card, `${t('approvalOutcome.reason', { reason: 'Wrong option' })}`);
    assert.equal(purchases(DemoIds.customers.brouwerijDeKlok).length, 0);
    const records: MigrationRecord[] = [];
    for await (const record of harness.app.engine.journal.list(DemoIds.customers.brouwerijDeKlok))
      records.push(record);
    assert.equal(records.length, 0);
  });

  it('tampered approval data (another plan hash, another customer) is refused and changes nothing', async () => {
    const { approvalCard } = await requested('Brouwerij De Klok', 2);
    const data = actionData(approvalCard.card, CardVerb.approve);
    const admin = chatAs(harness, 'adminAgent', { kind: 'channel' });
    const otherHash = await admin.invoke(
      CardVerb.approve,
      { ...data, planHash: 'ab'.repeat(32) },
      approvalCard.activityId,
    );
    assert.equal(otherHash.message, t('approval.mismatch.text'));
    const otherCustomer = await admin.invoke(
      CardVerb.approve,
      { ...data, customerId: DemoIds.customers.contoso },
      approvalCard.activityId,
    );
    assert.equal(otherCustomer.message, t('approval.mismatch.text'));
    const unknown = await admin.invoke(
      CardVerb.approve,
      { ...data, approvalId: approvalRequestId(DemoIds.customers.brouwerijDeKlok, 'cd'.repeat(32)) },
      approvalCard.activityId,
    );
    assert.equal(unknown.message, t('approval.notFound.text'));
    assert.equal(purchases(DemoIds.customers.brouwerijDeKlok).length, 0);
    assert.equal((await approvals.store.get(String(data.approvalId)))?.status, 'requested');
  });
});
