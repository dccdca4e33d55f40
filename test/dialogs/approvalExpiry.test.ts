import assert from 'node:assert/strict';
import { CardVerb } from '../../src/cards/index.js';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import { recordingLogger, type RecordingLogger } from '../helpers/recordingLogger.js';
import type { TeamsChat } from '../helpers/teamsChannel.js';
import {
  ApprovalRecords,
  assertNothingChanged,
  assertShows,
  catalogOf,
  chatAs,
  requestApproval,
  setUpApprovalsChannel,
} from './dialogKit.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';

const t = catalogOf('en');

/** Approvals valid for ~1 s (APPROVAL_VALIDITY_HOURS accepts fractions), so expiry is real, not faked. */
const validityHours = 1.2 / 3600;

describe('dialogs: an expired approval', function () {
  this.timeout(120_000);
  let harness: BotHarness;
  let approvalsChannel: TeamsChat;
  let log: RecordingLogger;
  before(async () => {
    log = recordingLogger();
    harness = await startBotHarness({
      logger: log.logger,
      env: { APPROVAL_VALIDITY_HOURS: String(validityHours) },
    });
    approvalsChannel = await setUpApprovalsChannel(harness);
  });
  after(async () => harness.close());

  it('Approve after the validity: the card says it expired for everyone, nothing is bought, and a new request is a new round', async () => {
    const { approvalCard } = await requestApproval(harness, approvalsChannel, 'Contoso', 3);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const late = await chatAs(harness, 'adminAgent', { kind: 'channel' }).click(
      approvalCard,
      CardVerb.approve,
    );
    assertShows(late.card, t('approvalOutcome.expired.title', { customer: 'Contoso Ltd' }));
    const shared = approvalsChannel.updates().filter((update) => update.id === approvalCard.activityId);
    assert.ok(shared.length >= 1, 'everyone’s copy of the card was replaced');
    // A replay of the click changes nothing either; both are logged (the replay finds it decided).
    await chatAs(harness, 'adminAgent', { kind: 'channel' }).click(approvalCard, CardVerb.approve);
    assertNothingChanged(harness);
    assert.deepEqual(
      log.find('approval decision refused').map((entry) => entry['refusal']),
      ['expired', 'alreadyDecided'],
    );
    const [request] = await new ApprovalRecords(harness).of(DemoIds.customers.contoso);
    assert.equal(request?.status, 'expired');
    let migrations = 0;
    for await (const _record of harness.app.engine.journal.list(DemoIds.customers.contoso)) migrations++;
    assert.equal(migrations, 0);

    // Asking again re-opens the request as its next round, with a fresh card.
    const again = await requestApproval(harness, approvalsChannel, 'Contoso', 3);
    assert.notEqual(again.approvalCard.activityId, approvalCard.activityId);
    const [reopened] = await new ApprovalRecords(harness).of(DemoIds.customers.contoso);
    assert.equal(reopened?.status, 'requested');
    assert.equal(reopened?.round, (request?.round ?? 0) + 1);
  });
});
