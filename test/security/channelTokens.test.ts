import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import sinon from 'sinon';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import { recordingLogger, type RecordingLogger } from '../helpers/recordingLogger.js';
import type { TeamsChat } from '../helpers/teamsChannel.js';
import { catalogOf, chatAs } from '../dialogs/dialogKit.js';
import { ledgerSnapshot, storedReferenceOf } from './securityKit.js';

const appId = DemoIds.botClientId;
const foreignTenantId = '99999999-0000-4000-8000-000000000000';
/** One of the issuers botbuilder sends down its Emulator (Entra-issued token) path. */
const emulatorIssuer = 'https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/';

/**
 * Production mode as deployed: every request to `/api/messages` must carry a Bot Framework channel token
 * signed by a key the channel's OpenID metadata publishes, issued by `https://api.botframework.com`, for
 * this bot's app id, not expired, and for the activity's own `serviceUrl`. The metadata URL points at the
 * sandbox authority, which signs channel tokens as the Bot Connector does (DESIGN §11). A refused request
 * gets 401, never reaches the bot, is logged with its reason, and changes nothing in Partner Center.
 */
describe('security: Bot Framework channel tokens on /api/messages (production mode)', function () {
  this.timeout(120_000);
  let harness: BotHarness;
  let log: RecordingLogger;
  let run: sinon.SinonSpy;
  let chat: TeamsChat;

  before(async () => {
    log = recordingLogger();
    harness = await startBotHarness({ mode: 'production', logger: log.logger });
  });
  beforeEach(() => {
    run = sinon.spy(harness.app.bot, 'run');
    chat = chatAs(harness, 'adminAgent');
  });
  afterEach(() => sinon.restore());
  after(async () => harness?.close());

  const authority = () => harness.partnerCenter.authority;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  /** A genuine channel token for this chat's connector. */
  const channelToken = (overrides = {}) => authority().issueChannelToken(appId, chat.serviceUrl, overrides);
  /**
   * A typing indicator: the bot runs its whole turn for it without replying, which in production would
   * need a token from Entra. Enough to see whether a request reached the bot.
   */
  const typing = (headers: Record<string, string>, activity: Record<string, unknown> = {}) =>
    chat.send({ type: 'typing', ...activity }, headers);

  it('a genuine channel token reaches the bot', async () => {
    const { status } = await typing(bearer(await channelToken()));
    assert.equal(status, 200);
    assert.equal(run.callCount, 1);
  });

  const refused: {
    name: string;
    headers: () => Promise<Record<string, string>>;
    activity?: Record<string, unknown>;
    reason: RegExp;
  }[] = [
    { name: 'no Authorization header', headers: () => Promise.resolve({}), reason: /not authorized/i },
    {
      name: 'another scheme (Basic)',
      headers: () => Promise.resolve({ authorization: 'Basic ZTQ6ZTQ=' }),
      reason: /no valid identity/i,
    },
    {
      name: 'a bearer value that is no JWT',
      headers: () => Promise.resolve(bearer('not-a-token')),
      reason: /no valid identity/i,
    },
    {
      name: 'a forged token (signed by an unpublished key under the channel key’s id)',
      headers: async () => bearer(await channelToken({ signingKey: 'foreign' })),
      reason: /invalid signature/,
    },
    {
      name: 'an unsigned token (alg none) under the channel key’s id',
      headers: async () => bearer(unsigned(await channelToken())),
      reason: /jwt signature is required|invalid algorithm|invalid signature/,
    },
    {
      name: 'an expired token (beyond the 5 minutes of clock skew)',
      headers: async () =>
        bearer(await channelToken({ issuedAt: new Date(Date.now() - 2 * 3600_000), lifetimeInMs: 3600_000 })),
      reason: /expired/,
    },
    {
      name: 'a token not valid yet',
      headers: async () => bearer(await channelToken({ issuedAt: new Date(Date.now() + 3600_000) })),
      reason: /not active/,
    },
    {
      name: 'a token for another bot (wrong audience)',
      headers: async () => bearer(await authority().issueChannelToken(randomUUID(), chat.serviceUrl, {})),
      reason: /Invalid AppId/,
    },
    {
      name: 'a channel-signed token with another issuer',
      headers: async () => bearer(await channelToken({ issuer: 'https://api.botframework.example' })),
      reason: /no valid identity/i,
    },
    {
      name: 'an Entra token of a foreign tenant, for this bot',
      headers: async () =>
        bearer(await authority().issueAppToken({ audience: appId, tenantId: foreignTenantId })),
      reason: /no valid identity/i,
    },
    {
      name: 'an Emulator-path (Entra-issued) token not signed by Entra',
      headers: async () =>
        bearer(
          await authority().issueAppToken({
            audience: appId,
            issuer: emulatorIssuer,
            signingKey: 'foreign',
            claims: { ver: '1.0', appid: appId },
          }),
        ),
      reason: /invalid signature/,
    },
    {
      name: 'a token for another serviceUrl than the activity’s',
      headers: async () =>
        bearer(await authority().issueChannelToken(appId, 'https://smba.trafficmanager.net/emea/', {})),
      reason: /ServiceUrl claim/,
    },
    {
      name: 'a token whose key is not endorsed for the activity’s channel',
      headers: async () => bearer(await channelToken()),
      activity: { channelId: 'slack' },
      reason: /endorsement/,
    },
  ];

  for (const { name, headers, activity, reason } of refused) {
    it(`refuses ${name}: 401, the bot never runs, logged, nothing changed`, async () => {
      const ledger = ledgerSnapshot(harness);
      const logged = log.find('Bot Framework request refused').length;

      const { status } = await chat.send(
        { type: 'invoke', name: 'adaptiveCard/action', value: approveClick(), ...activity },
        await headers(),
      );

      assert.equal(status, 401);
      assert.equal(run.callCount, 0, 'the bot never ran');
      const [entry] = log.find('Bot Framework request refused').slice(logged);
      assert.ok(entry, 'the refusal was logged');
      assert.match(String(entry.reason), reason);
      assert.ok(!log.text().includes('eyJ'), 'no token in the log');
      assert.equal(await storedReferenceOf(harness, chat.conversationId), undefined);
      ledger.assertUnchanged();
      // And the next genuine request is served.
      assert.equal((await typing(bearer(await channelToken()))).status, 200);
    });
  }

  it('a genuine token for an activity from a tenant that is not allowed: refused in the clicker’s language, logged, nothing stored', async () => {
    const ledger = ledgerSnapshot(harness);
    const stranger = harness.chat('adminAgent', {
      user: { aadObjectId: randomUUID(), name: 'Stranger' },
      tenantId: foreignTenantId,
      locale: 'sv-SE',
    });
    const token = await authority().issueChannelToken(appId, stranger.serviceUrl, {});
    const { status, body } = await stranger.send(
      { type: 'invoke', name: 'adaptiveCard/action', value: approveClick() },
      bearer(token),
    );
    assert.equal(status, 200);
    assert.deepEqual(body, {
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: catalogOf('sv')('access.foreignTenant'),
    });
    const [entry] = log.find('activity from a tenant that is not allowed refused');
    assert.deepEqual(entry?.['tenantIds'], [foreignTenantId]);
    assert.equal(await storedReferenceOf(harness, stranger.conversationId), undefined);
    ledger.assertUnchanged();
  });
});

/** An Approve click as Teams sends it (the data is well formed; the bot must not get that far). */
function approveClick(): Record<string, unknown> {
  return {
    action: {
      type: 'Action.Execute',
      verb: 'approval.approve',
      data: {
        approvalId: `${DemoIds.customers.contoso}.${'ab'.repeat(8)}`,
        customerId: DemoIds.customers.contoso,
        planHash: 'ab'.repeat(32),
      },
    },
    trigger: 'manual',
  };
}

/** The same claims with `alg: none` and no signature, keeping the header's key id. */
function unsigned(token: string): string {
  const [header = '', payload = ''] = token.split('.');
  const fields = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
  const none = Buffer.from(JSON.stringify({ ...fields, alg: 'none' })).toString('base64url');
  return `${none}.${payload}.`;
}
