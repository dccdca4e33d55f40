import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { CardVerb } from '../../src/cards/index.js';
import {
  startBotHarness,
  startBotInstance,
  type BotHarness,
  type BotInstance,
} from '../helpers/botHarness.js';
import { recordingLogger, type RecordingLogger } from '../helpers/recordingLogger.js';
import type { InvokeResult } from '../helpers/teamsChannel.js';
import {
  assertShows,
  catalogOf,
  chatAs,
  migrationsOf,
  requestApproval,
  setUpApprovalsChannel,
  settledMigration,
  type PartnerUserName,
} from '../dialogs/dialogKit.js';

const t = catalogOf('en');

/**
 * Replayed approvals (issue #6): the same Approve clicked again and again, by two approvers, through two
 * bot instances on the same storage (both running the migration worker), and clicked again once it is
 * done. One decision, one migration, one purchase in the sandbox ledger; every losing or late click is
 * answered with what happened and logged as `alreadyDecided`. (Approve after the request expired:
 * test/dialogs/approvalExpiry.test.ts; twenty clicks on one instance: test/dialogs/approve.test.ts.)
 */
describe('security: replayed approvals', function () {
  this.timeout(180_000);
  let harness: BotHarness;
  let second: (BotInstance & { log: RecordingLogger }) | undefined;
  let log: RecordingLogger;

  before(async () => {
    log = recordingLogger();
    harness = await startBotHarness({
      logger: log.logger,
      env: { WORKER_ID: 'bot-a', REMINDER_SCHEDULER: 'off', PROGRESS_UPDATE_INTERVAL_MS: '500' },
    });
    const secondLog = recordingLogger();
    const instance = await startBotInstance(harness, {
      env: { WORKER_ID: 'bot-b', REMINDER_SCHEDULER: 'off' },
      logger: secondLog.logger,
    });
    second = { ...instance, log: secondLog };
  });
  after(async () => {
    await second?.close();
    await harness?.close();
  });

  const purchases = (customerId: string) =>
    harness.partnerCenter.ledger('purchase').filter((entry) => entry.customerId === customerId);
  const alreadyDecided = () =>
    [
      ...log.find('approval decision refused'),
      ...(second?.log.find('approval decision refused') ?? []),
    ].filter((entry) => entry['refusal'] === 'alreadyDecided').length;

  it('forty Approve clicks by two approvers through two instances: one decision, one migration, one purchase', async () => {
    const approvalsChannel = await setUpApprovalsChannel(harness);
    const { approvalCard } = await requestApproval(harness, approvalsChannel, 'Contoso', 3);
    const secondChannel = second?.channel;
    assert.ok(secondChannel);
    const onSecond = (user: PartnerUserName) =>
      secondChannel.chat({
        kind: 'channel',
        user: { aadObjectId: DemoIds.partnerUsers[user], name: user, id: `29:${randomUUID()}` },
        tenantId: DemoIds.partnerTenantId,
      });
    const clicks: Promise<InvokeResult>[] = [];
    for (let round = 0; round < 10; round++) {
      for (const user of ['adminAgent', 'adminAgent2'] as const) {
        clicks.push(chatAs(harness, user, { kind: 'channel' }).click(approvalCard, CardVerb.approve));
        clicks.push(onSecond(user).click(approvalCard, CardVerb.approve));
      }
    }
    const answers = await Promise.all(clicks);
    assert.ok(
      answers.every((answer) => answer.status === 200 && answer.card),
      'every click is answered with the progress card',
    );

    const done = await settledMigration(harness, DemoIds.customers.contoso);
    assert.equal(done.state, 'completed', JSON.stringify(done.reason));
    assert.equal((await migrationsOf(harness, DemoIds.customers.contoso)).length, 1);
    assert.equal(purchases(DemoIds.customers.contoso).length, 1);
    // Every click but the winner was refused as already decided, on whichever instance it reached.
    assert.equal(alreadyDecided(), answers.length - 1);

    // Clicked once more when it is all over: the summary, nothing bought, nothing changed.
    const ledgerBefore = harness.partnerCenter.ledger().length;
    const late = await onSecond('adminAgent').click(approvalCard, CardVerb.approve);
    assertShows(
      late.card,
      t('progress.title', { customer: done.customer.companyName, option: t('option.3.name') }),
    );
    assert.equal(alreadyDecided(), answers.length);
    assert.equal(purchases(DemoIds.customers.contoso).length, 1);
    assert.equal(harness.partnerCenter.ledger().length, ledgerBefore);
  });
});
