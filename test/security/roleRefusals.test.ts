import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { CardVerb } from '../../src/cards/index.js';
import { localeOfLanguage } from '../../src/cards/cardText.js';
import {
  ApprovalsChannelStore,
  type ApprovalsChannel,
} from '../../src/services/approvals/approvalsChannel.js';
import type { Language } from '../../src/services/i18n/language.js';
import type { MigrationRecord } from '../../src/services/migration/migrationRecord.js';
import { BlobJsonStore } from '../../src/services/storage/blobJsonStore.js';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import { recordingLogger, type RecordingLogger } from '../helpers/recordingLogger.js';
import { cardsOf, cardTexts, type TeamsChat } from '../helpers/teamsChannel.js';
import {
  actionData,
  ApprovalRecords,
  approvedMigration,
  assertShows,
  catalogOf,
  chatAs,
  languages,
  onlyCard,
  requestApproval,
  setUpApprovalsChannel,
  settledMigration,
  type PostedCard,
} from '../dialogs/dialogKit.js';
import { ledgerSnapshot } from './securityKit.js';

const { customers } = DemoIds;

/** What each of them types, per language: everything that needs an Admin agent or a Global admin. */
const typedCommands: Readonly<Record<Language, Record<string, string>>> = {
  en: {
    rollBack: 'roll back Contoso',
    cancel: 'cancel Fabrikam Nordic',
    pause: 'pause Fabrikam Nordic',
    subscribe: 'subscribe reminders',
    unsubscribe: 'unsubscribe reminders',
    checkNow: 'check now',
    approvalsChannel: 'set approvals channel',
    eraseAudit: 'erase audit Contoso',
  },
  sv: {
    rollBack: 'återställ Contoso',
    cancel: 'avbryt Fabrikam Nordic',
    pause: 'pausa Fabrikam Nordic',
    subscribe: 'prenumerera på påminnelser',
    unsubscribe: 'avsluta påminnelser',
    checkNow: 'kontrollera nu',
    approvalsChannel: 'ange godkännandekanal',
    eraseAudit: 'radera granskningslogg Contoso',
  },
  nl: {
    rollBack: 'terugdraaien Contoso',
    cancel: 'annuleer Fabrikam Nordic',
    pause: 'pauzeer Fabrikam Nordic',
    subscribe: 'abonneer op herinneringen',
    unsubscribe: 'afmelden herinneringen',
    checkNow: 'nu controleren',
    approvalsChannel: 'stel goedkeuringskanaal in',
    eraseAudit: 'verwijder auditlogboek Contoso',
  },
};

/**
 * DESIGN §11: approving, resuming, rolling back, cancelling and pausing a migration, setting the approvals
 * channel, changing reminder subscriptions and erasing the audit trail need an Admin agent or a Global
 * admin. A Sales agent and a person without a partner role try each, typed and by clicking the real cards
 * (a pending approval, a paused migration, a completed one, a reminder): each is refused on the server in
 * their language, logged with the action and their object id, and nothing changes — the sandbox ledger,
 * the approval, the migrations, the approvals channel and the channel's reminders stay as they were.
 */
describe('security: a Sales agent and a person without a role try what only Admin agents may do', function () {
  this.timeout(240_000);
  let harness: BotHarness;
  let log: RecordingLogger;
  let approvalsChannel: TeamsChat;
  let remindersChannel: TeamsChat;
  let pendingApproval: PostedCard;
  let completed: MigrationRecord;
  let paused: MigrationRecord;
  let reminder: PostedCard;

  before(async () => {
    log = recordingLogger();
    harness = await startBotHarness({
      logger: log.logger,
      env: { REMINDER_SCHEDULER: 'off', PROGRESS_UPDATE_INTERVAL_MS: '1000' },
    });
    approvalsChannel = await setUpApprovalsChannel(harness);
    // A completed migration (to roll back): Contoso, bought and moved.
    await approvedMigration(harness, approvalsChannel, 'Contoso', 3);
    completed = await settledMigration(harness, customers.contoso);
    assert.equal(completed.state, 'completed', JSON.stringify(completed.reason));
    // A paused one (to resume or cancel): approved by the Admin agent without MFA, paused before buying.
    const nordic = await requestApproval(harness, approvalsChannel, 'Fabrikam Nordic', 1);
    await chatAs(harness, 'adminAgentWithoutMfa', { kind: 'channel' }).click(
      nordic.approvalCard,
      CardVerb.approve,
    );
    paused = await settledMigration(harness, customers.fabrikamNordic);
    assert.equal(paused.state, 'paused');
    // A pending approval (to approve or reject).
    pendingApproval = (await requestApproval(harness, approvalsChannel, 'Brouwerij De Klok', 4)).approvalCard;
    // A channel with reminders, and a reminder card in it.
    remindersChannel = chatAs(harness, 'adminAgent', { kind: 'channel' });
    await remindersChannel.say('subscribe reminders Fabrikam');
    await harness.app.reminders.reminders.runScheduled(new Date(Date.UTC(2099, 0, 1, 8)));
    const [posted] = cardsOf(remindersChannel.posted()).filter(({ card }) =>
      cardTexts(card).includes(catalogOf('en')('reminder.startMigration')),
    );
    assert.ok(posted, 'a reminder card arrived');
    reminder = posted;
  });
  after(async () => harness?.close());

  const migrationData = (record: MigrationRecord) => ({
    migrationId: record.id,
    customerId: record.customer.id,
  });

  /** Where things stand, to compare after the attempts. */
  async function state() {
    const container = BlobServiceClient.fromConnectionString(
      harness.azurite.connectionString,
    ).getContainerClient('e4-assistant');
    const journal = harness.app.engine.journal;
    return {
      approval: (await new ApprovalRecords(harness).of(customers.brouwerijDeKlok)).map(
        (request) => request.status,
      ),
      completed: (await journal.get(completed.id))?.state,
      paused: (await journal.get(paused.id))?.state,
      approvalsChannel: (
        await new ApprovalsChannelStore(new BlobJsonStore<ApprovalsChannel>(container)).get()
      )?.conversationId,
      reminders: (await harness.app.reminders.subscriptions.get(remindersChannel.conversationId))?.customers,
    };
  }

  for (const user of ['salesAgent', 'noRole'] as const) {
    for (const language of languages) {
      it(`${user}, typed and clicked, is refused in ${language}, logged, and nothing changes`, async () => {
        const t = catalogOf(language);
        const denied = t('access.denied', {
          roles: [t('role.AdminAgent'), t('role.GlobalAdmin')].join(', '),
        });
        const before = await state();
        const ledger = ledgerSnapshot(harness);
        const oid = DemoIds.partnerUsers[user];
        const logged = log.find('partner action refused: role', { userOid: oid }).length;
        // Their own Teams id, in the reminders channel: typed commands and clicks come from one person.
        const person = { aadObjectId: oid, name: user, id: `29:${randomUUID()}` };
        const channel = chatAs(harness, user, { kind: 'channel', locale: localeOfLanguage[language] });
        channel.user = person;

        for (const [what, command] of Object.entries(typedCommands[language])) {
          const { card } = onlyCard(await channel.say(command));
          assertShows(card, t('access.title'));
          assert.ok(cardTexts(card).includes(denied), `${what}: ${cardTexts(card).join(' | ')}`);
        }

        const clicks: [string, PostedCard | undefined, Record<string, unknown>][] = [
          [CardVerb.approve, pendingApproval, actionData(pendingApproval.card, CardVerb.approve)],
          [
            CardVerb.reject,
            pendingApproval,
            { ...actionData(pendingApproval.card, CardVerb.reject), rejectReason: 'no' },
          ],
          [CardVerb.resumeMigration, undefined, migrationData(paused)],
          [CardVerb.cancelMigration, undefined, migrationData(paused)],
          [CardVerb.pauseMigration, undefined, migrationData(paused)],
          [CardVerb.retryMigration, undefined, migrationData(paused)],
          [CardVerb.rollBackMigration, undefined, migrationData(completed)],
          [CardVerb.chooseAuditErasureCustomer, undefined, { customerId: customers.contoso }],
          [CardVerb.eraseAudit, undefined, { customerId: customers.contoso }],
        ];
        if (user === 'noRole') {
          // A Sales agent may act on reminders (they may migrate); a person without a role may not.
          clicks.push(
            [CardVerb.snoozeReminder, reminder, actionData(reminder.card, CardVerb.snoozeReminder)],
            [CardVerb.assignReminder, reminder, actionData(reminder.card, CardVerb.assignReminder)],
          );
        }
        /** Reminder buttons are open to whoever may migrate, so their refusal names Sales agents too. */
        const deniedFor = (verb: string) =>
          verb === CardVerb.snoozeReminder || verb === CardVerb.assignReminder
            ? t('access.denied', {
                roles: [t('role.SalesAgent'), t('role.AdminAgent'), t('role.GlobalAdmin')].join(', '),
              })
            : denied;
        for (const [verb, source, data] of clicks) {
          const result = await channel.invoke(verb, data, source?.activityId);
          assert.equal(result.status, 200, verb);
          assertShows(result.card, t('access.title'));
          assertShows(result.card, deniedFor(verb));
        }

        const refusals = log.find('partner action refused: role', { userOid: oid }).slice(logged);
        assert.deepEqual(
          [...new Set(refusals.map((entry) => entry['action']))].sort(),
          [
            'approve',
            'changeReminders',
            'eraseAudit',
            ...(user === 'noRole' ? ['plan'] : []),
            'resume',
            'rollBack',
            'setApprovalsChannel',
          ].sort(),
        );
        assert.equal(refusals.length, Object.keys(typedCommands[language]).length + clicks.length);
        ledger.assertUnchanged();
        assert.deepEqual(await state(), before);
      });
    }
  }
});
