import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { CardVerb } from '../../src/cards/index.js';
import { localeOfLanguage } from '../../src/cards/cardText.js';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import { recordingLogger, type RecordingLogger } from '../helpers/recordingLogger.js';
import type { TeamsChat } from '../helpers/teamsChannel.js';
import { assertShows, catalogOf, chatAs, languages, onlyCard } from '../dialogs/dialogKit.js';
import { botStateBlobsMentioning, ledgerSnapshot, storedReferenceOf } from './securityKit.js';

const foreignTenantId = '99999999-0000-4000-8000-000000000000';
/** Admitted by ALLOWED_TENANT_IDS in this suite, as a partner's second tenant would be. */
const extraTenantId = '88888888-0000-4000-8000-000000000000';
const refusedMessage = 'activity from a tenant that is not allowed refused';

/**
 * The tenant allow-list (issue #6): only people of the partner's tenant, and of tenants listed in
 * `ALLOWED_TENANT_IDS`, may use the bot. Anyone else gets one short answer in their language where Teams
 * expects one, and nothing else happens: no state, no conversation reference, no Partner Center call.
 * Local mode here; production runs the same check after the token (channelTokens.test.ts).
 */
describe('security: activities from a tenant that is not allowed', function () {
  this.timeout(120_000);
  let harness: BotHarness;
  let log: RecordingLogger;
  before(async () => {
    log = recordingLogger();
    harness = await startBotHarness({ logger: log.logger, env: { ALLOWED_TENANT_IDS: extraTenantId } });
  });
  after(async () => harness?.close());

  /** A chat from another organization: a stranger, or a demo user's object id (ids are not trusted). */
  function foreignChat(options: { locale?: string; tenantId?: string } = {}): TeamsChat {
    return harness.chat('adminAgent', {
      user: {
        aadObjectId: DemoIds.partnerUsers.adminAgent,
        name: 'Anna look-alike',
        id: `29:${randomUUID()}`,
      },
      tenantId: options.tenantId ?? foreignTenantId,
      ...(options.locale ? { locale: options.locale } : {}),
    });
  }

  async function assertNothingKept(chat: TeamsChat): Promise<void> {
    assert.equal(
      await storedReferenceOf(harness, chat.conversationId),
      undefined,
      'no conversation reference',
    );
    assert.deepEqual(await botStateBlobsMentioning(harness, chat.conversationId, chat.user.id ?? ''), []);
  }

  for (const language of languages) {
    it(`a typed command gets one short refusal in the sender's language and nothing else (${language})`, async () => {
      const ledger = ledgerSnapshot(harness);
      const logged = log.find(refusedMessage).length;
      const chat = foreignChat({ locale: localeOfLanguage[language] });
      const replies = await chat.say('migrate customer Contoso');
      assert.deepEqual(
        replies.map((reply) => reply.text),
        [catalogOf(language)('access.foreignTenant')],
      );
      const [entry] = log.find(refusedMessage).slice(logged);
      assert.deepEqual(entry?.['tenantIds'], [foreignTenantId]);
      assert.equal(entry?.['activityType'], 'message');
      assert.equal(entry?.['userOid'], DemoIds.partnerUsers.adminAgent);
      assert.ok(!log.text().includes('Contoso'), 'the message text is not logged');
      assert.ok(!log.text().includes('Anna look-alike'), 'nor the sender’s name');
      await assertNothingKept(chat);
      ledger.assertUnchanged();
    });
  }

  it('a card click (a replayed Approve) gets the refusal as the invoke’s message; nothing is decided', async () => {
    const ledger = ledgerSnapshot(harness);
    const chat = foreignChat({ locale: 'nl-NL' });
    const result = await chat.invoke(CardVerb.approve, {
      approvalId: `${DemoIds.customers.contoso}.${'ab'.repeat(8)}`,
      customerId: DemoIds.customers.contoso,
      planHash: 'ab'.repeat(32),
    });
    assert.equal(result.status, 200);
    assert.equal(result.message, catalogOf('nl')('access.foreignTenant'));
    assert.equal(log.find(refusedMessage, { activityType: 'invoke' }).length > 0, true);
    await assertNothingKept(chat);
    ledger.assertUnchanged();
  });

  it('any other invoke gets 403', async () => {
    const chat = foreignChat();
    const { status } = await chat.send({
      type: 'invoke',
      name: 'signin/tokenExchange',
      value: { id: randomUUID(), connectionName: '', token: 'x' },
    });
    assert.equal(status, 403);
    await assertNothingKept(chat);
  });

  it('installing the app, or any conversation update, is ignored: no welcome, nothing stored', async () => {
    const ledger = ledgerSnapshot(harness);
    const chat = foreignChat();
    assert.deepEqual(await chat.install(), []);
    const { status, replies } = await chat.send({
      type: 'conversationUpdate',
      membersAdded: [{ id: chat.user.id }],
    });
    assert.equal(status, 200);
    assert.deepEqual(replies, []);
    assert.ok(log.find(refusedMessage, { activityType: 'installationUpdate' }).length > 0);
    await assertNothingKept(chat);
    ledger.assertUnchanged();
  });

  it('an activity whose conversation and channel data name different tenants is refused', async () => {
    const chat = chatAs(harness, 'adminAgent');
    const { replies } = await chat.send({
      type: 'message',
      text: 'help',
      channelData: { tenant: { id: foreignTenantId } },
    });
    assert.deepEqual(
      replies.map((reply) => reply.text),
      [catalogOf('en')('access.foreignTenant')],
    );
    await assertNothingKept(chat);
  });

  it('an activity that names no tenant at all is refused', async () => {
    const chat = chatAs(harness, 'adminAgent');
    const { replies } = await chat.send({
      type: 'message',
      text: 'help',
      conversation: { id: chat.conversationId, conversationType: 'personal' },
      channelData: {},
    });
    assert.deepEqual(
      replies.map((reply) => reply.text),
      [catalogOf('en')('access.foreignTenant')],
    );
    assert.ok(
      log
        .find(refusedMessage)
        .some((entry) => Array.isArray(entry['tenantIds']) && entry['tenantIds'].length === 0),
    );
  });

  it('the partner’s own tenant (in any letter case) and ALLOWED_TENANT_IDS get through to the role check', async () => {
    const partner = harness.chat('adminAgent', {
      user: { aadObjectId: DemoIds.partnerUsers.adminAgent, name: 'Anna', id: `29:${randomUUID()}` },
      tenantId: DemoIds.partnerTenantId.toUpperCase(),
    });
    assertShows(onlyCard(await partner.say('help')).card, catalogOf('en')('help.title'));
    // Someone of the second tenant is past the gate: the sandbox doesn't know them, so they must sign in.
    const second = harness.chat('adminAgent', {
      user: { aadObjectId: randomUUID(), name: 'Second tenant', id: `29:${randomUUID()}` },
      tenantId: extraTenantId,
    });
    const { card } = onlyCard(await second.say('migrate customer Contoso'));
    assertShows(card, catalogOf('en')('signIn.unknown_user'));
  });
});
