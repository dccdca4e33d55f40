import assert from 'node:assert/strict';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { CardVerb } from '../../src/cards/index.js';
import { approvalRequestId } from '../../src/services/approvals/approvalRequestStore.js';
import type { MigrationRecord } from '../../src/services/migration/migrationRecord.js';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import { recordingLogger, type RecordingLogger } from '../helpers/recordingLogger.js';
import { cardsOf, cardTexts, type TeamsChat } from '../helpers/teamsChannel.js';
import {
  actionData,
  ApprovalRecords,
  catalogOf,
  chatAs,
  migrationsOf,
  requestApproval,
  setUpApprovalsChannel,
  settledMigration,
  type PostedCard,
} from '../dialogs/dialogKit.js';
import { ledgerSnapshot } from './securityKit.js';

const { customers } = DemoIds;
const t = catalogOf('en');

/**
 * Card data edited to point at another customer, migration, approval or reminder (issue #6). The data is
 * well formed, so the schemas let it through, and the clicker is an Admin agent who may approve, pause and
 * roll back: what stops it is the server re-reading each id and checking the ids belong together — the
 * approval's customer and plan hash, the migration's customer, the reminder's channel. Each is refused with
 * a clear message, logged with the refusal kind, and changes nothing. (Malformed card data — ids that aren't
 * ids, options outside 1–4 — is test/dialogs/cardData.test.ts; another customer's subscription and another
 * plan's hash on "Request approval" are there too.)
 */
describe('security: card data tampered to point at another object', function () {
  this.timeout(180_000);
  let harness: BotHarness;
  let log: RecordingLogger;
  let admin: TeamsChat;
  let klok: PostedCard;
  let nordic: PostedCard;
  let paused: MigrationRecord;

  before(async () => {
    log = recordingLogger();
    harness = await startBotHarness({ logger: log.logger, env: { REMINDER_SCHEDULER: 'off' } });
    const approvalsChannel = await setUpApprovalsChannel(harness);
    klok = (await requestApproval(harness, approvalsChannel, 'Brouwerij De Klok', 4)).approvalCard;
    nordic = (await requestApproval(harness, approvalsChannel, 'Fabrikam Nordic', 1)).approvalCard;
    // A migration that rests (paused before buying: its approver has no MFA), so nothing moves under the test.
    const contoso = await requestApproval(harness, approvalsChannel, 'Contoso', 3);
    await chatAs(harness, 'adminAgentWithoutMfa', { kind: 'channel' }).click(
      contoso.approvalCard,
      CardVerb.approve,
    );
    paused = await settledMigration(harness, customers.contoso);
    assert.equal(paused.state, 'paused');
    admin = chatAs(harness, 'adminAgent', { kind: 'channel' });
  });
  after(async () => harness?.close());

  /** Approval statuses and migrations of the three customers, to compare after each attempt. */
  async function state() {
    const approvals = new ApprovalRecords(harness);
    const summary: Record<string, unknown> = {};
    for (const customerId of [customers.brouwerijDeKlok, customers.fabrikamNordic, customers.contoso]) {
      summary[customerId] = {
        approvals: (await approvals.of(customerId)).map((request) => request.status),
        migrations: (await migrationsOf(harness, customerId)).map((record) => `${record.id} ${record.state}`),
      };
    }
    return summary;
  }

  async function assertRefused(
    attempt: () => Promise<{ message: string | undefined }>,
    expected: { message: string; log: string; refusal?: string },
  ): Promise<void> {
    const before = await state();
    const ledger = ledgerSnapshot(harness);
    const logged = log.find(expected.log).length;
    const { message } = await attempt();
    assert.equal(message, expected.message);
    const [entry] = log.find(expected.log).slice(logged);
    assert.ok(entry, `logged as "${expected.log}"`);
    if (expected.refusal) assert.equal(entry['refusal'], expected.refusal);
    ledger.assertUnchanged();
    assert.deepEqual(await state(), before);
  }

  const klokData = () => actionData(klok.card, CardVerb.approve);
  const nordicData = () => actionData(nordic.card, CardVerb.approve);

  it('Approve with the customer changed to another one', async () => {
    await assertRefused(
      () => admin.invoke(CardVerb.approve, { ...klokData(), customerId: customers.contoso }, klok.activityId),
      { message: t('approval.mismatch.text'), log: 'approval decision refused', refusal: 'mismatch' },
    );
  });

  it('Approve with another plan’s hash', async () => {
    await assertRefused(
      () =>
        admin.invoke(
          CardVerb.approve,
          { ...klokData(), planHash: String(nordicData()['planHash']) },
          klok.activityId,
        ),
      { message: t('approval.mismatch.text'), log: 'approval decision refused', refusal: 'mismatch' },
    );
  });

  it('Approve naming another customer’s pending request, with this card’s customer and hash', async () => {
    await assertRefused(
      () =>
        admin.invoke(
          CardVerb.approve,
          { ...klokData(), approvalId: String(nordicData()['approvalId']) },
          klok.activityId,
        ),
      { message: t('approval.mismatch.text'), log: 'approval decision refused', refusal: 'mismatch' },
    );
  });

  it('Reject naming a request that does not exist', async () => {
    await assertRefused(
      () =>
        admin.invoke(
          CardVerb.reject,
          {
            ...klokData(),
            approvalId: approvalRequestId(customers.brouwerijDeKlok, 'cd'.repeat(32)),
            rejectReason: 'tampered',
          },
          klok.activityId,
        ),
      { message: t('approval.notFound.text'), log: 'approval decision refused', refusal: 'notFound' },
    );
  });

  for (const verb of [
    CardVerb.resumeMigration,
    CardVerb.cancelMigration,
    CardVerb.rollBackMigration,
    CardVerb.pauseMigration,
  ]) {
    it(`${verb} on a migration, with the customer changed to another one`, async () => {
      await assertRefused(
        () => admin.invoke(verb, { migrationId: paused.id, customerId: customers.fabrikamNordic }),
        { message: t('approval.mismatch.text'), log: 'migration control refused', refusal: 'mismatch' },
      );
    });
  }

  it('Resume on a migration id that does not exist (another round of the same plan)', async () => {
    const otherRound = paused.id.replace(/\.\d+$/, '.99');
    await assertRefused(
      () =>
        admin.invoke(CardVerb.resumeMigration, { migrationId: otherRound, customerId: customers.contoso }),
      { message: t('migration.notFound.text'), log: 'migration control refused', refusal: 'notFound' },
    );
  });

  it('Refresh of a migration, with the customer changed: nothing of it is shown', async () => {
    await assertRefused(
      () =>
        admin.invoke(CardVerb.refreshMigration, {
          migrationId: paused.id,
          customerId: customers.fabrikamNordic,
        }),
      { message: t('migration.notFound.text'), log: 'card action refused' },
    );
  });

  it('Snooze of a reminder clicked from another channel than the one it was posted in', async () => {
    const subscribed = chatAs(harness, 'adminAgent', { kind: 'channel' });
    await subscribed.say('subscribe reminders Fabrikam');
    await harness.app.reminders.reminders.runScheduled(new Date(Date.UTC(2099, 0, 2, 8)));
    const [reminder] = cardsOf(subscribed.posted()).filter(({ card }) =>
      cardTexts(card).includes(t('reminder.startMigration')),
    );
    assert.ok(reminder);
    const elsewhere = chatAs(harness, 'adminAgent', { kind: 'channel' });
    await assertRefused(
      () =>
        elsewhere.invoke(
          CardVerb.snoozeReminder,
          actionData(reminder.card, CardVerb.snoozeReminder),
          reminder.activityId,
        ),
      { message: t('reminder.notFound.text'), log: 'card action refused' },
    );
  });
});
