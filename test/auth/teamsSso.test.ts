import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { loadConfig } from '../../src/config.js';
import { forgetStoredSignIn } from '../../src/composeSignIn.js';
import { createSilentLogger } from '../../src/services/logging/logger.js';
import { translate } from '../../src/services/i18n/messages.js';
import {
  startBotHarness,
  startBotInstance,
  type BotHarness,
  type BotInstance,
} from '../helpers/botHarness.js';
import { cardsOf, cardTexts } from '../helpers/teamsChannel.js';
import { chatAs } from '../dialogs/dialogKit.js';
import {
  blobNames,
  demoUser,
  grantsSeen,
  OBO_GRANT,
  onlyOAuthCard,
  partitionBytes,
  recordingLogger,
  tokenExchange,
} from './signInKit.js';

const appIdUri = `api://botid-${DemoIds.botClientId}`;

/**
 * Teams SSO end to end through the bot's HTTP endpoint (issue #6): the sign-in card, the
 * `signin/tokenExchange` invoke with an SSO token the sandbox authority minted, on-behalf-of through
 * msal-node against that authority over HTTP, the encrypted partition and the exchange claims in
 * Azurite, a second bot instance on the same storage, and the command that continues after the sign-in.
 */
describe('Teams SSO: sign-in card, token exchange, on-behalf-of (bot over HTTP, sandbox authority, Azurite)', function () {
  let harness: BotHarness;
  const log = recordingLogger();

  before(async () => {
    harness = await startBotHarness({ env: { SIGN_IN_MODE: 'teams' }, logger: log.logger });
  });
  afterEach(() => harness.partnerCenter.authority.clearInteraction());
  after(async () => harness.close());

  const ssoToken = (oid: string, overrides = {}) =>
    harness.partnerCenter.authority.issueSsoAssertion(oid, { clientId: DemoIds.botClientId, ...overrides });

  it('asks a person without a sign-in to sign in, exchanges the SSO token once, then continues what they asked', async () => {
    const user = demoUser('adminAgent');
    const chat = chatAs(harness, 'adminAgent');
    const card = onlyOAuthCard(await chat.say('expiring'));
    assert.equal(card.text, translate('en', 'signIn.not_signed_in'));
    assert.equal(card.connectionName, '');
    assert.equal(card.tokenExchangeResource?.uri, appIdUri);
    assert.match(card.tokenExchangeResource?.id ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(card.buttons[0].type, 'signin');
    assert.equal(card.buttons[0].title, translate('en', 'signIn.button'));
    assert.ok(card.buttons[0].value.startsWith(`${harness.app.url}/auth/start?ticket=`));
    assert.equal(await partitionBytes(harness, user), undefined, 'nothing stored before the sign-in');

    const token = await ssoToken(user.oid);
    const obosBefore = grantsSeen(harness, OBO_GRANT);
    const exchanged = await tokenExchange(chat, card.tokenExchangeResource?.id ?? '', token);
    assert.equal(exchanged.status, 200);
    assert.equal(exchanged.body['id'], card.tokenExchangeResource?.id);
    assert.equal(grantsSeen(harness, OBO_GRANT, 200) - obosBefore, 1, 'one on-behalf-of grant over HTTP');

    // The command from before the sign-in continues by itself.
    await harness.app.bot.idle();
    const continued = chat.posted().slice(-2);
    assert.equal(continued[0]?.text, translate('en', 'signIn.continuing', { command: 'expiring' }));
    const list = cardsOf(continued)[0]?.card;
    assert.ok(
      cardTexts(list).some((text) => text.includes('Contoso')),
      'the expiring list, without retyping',
    );

    // The partition holds the person's tokens, encrypted: neither the token nor their id is readable.
    const bytes = await partitionBytes(harness, user);
    assert.ok(bytes && bytes.length > 0);
    assert.ok(!bytes.includes(Buffer.from(token.split('.')[1] ?? '')));
    assert.ok(!bytes.includes(Buffer.from(user.oid)));

    // Signed in now: the next command works at once, from MSAL's cache (no second exchange).
    const obosAfter = grantsSeen(harness, OBO_GRANT);
    const status = await chat.say('status');
    assert.equal(cardsOf(status).length, 1);
    assert.deepEqual(onlyIfOAuth(status), []);
    assert.equal(grantsSeen(harness, OBO_GRANT), obosAfter);
    assert.ok(!log.text().includes(token), 'the SSO token is never logged');
  });

  it('exchanges one value.id once: a replay, and the same invoke on a second instance sharing Azurite, answer 200 without a second grant', async () => {
    const user = demoUser('globalAdmin');
    const chat = chatAs(harness, 'globalAdmin');
    const card = onlyOAuthCard(await chat.say('status'));
    const id = card.tokenExchangeResource?.id ?? '';
    const token = await ssoToken(user.oid);
    const before = grantsSeen(harness, OBO_GRANT);
    assert.equal((await tokenExchange(chat, id, token)).status, 200);
    const replay = await tokenExchange(chat, id, token);
    assert.equal(replay.status, 200);
    assert.equal(grantsSeen(harness, OBO_GRANT) - before, 1);
    await harness.app.bot.idle();
    const continued = translate('en', 'signIn.continuing', { command: 'status' });
    assert.equal(chat.posted().filter((activity) => activity.text === continued).length, 1, 'continued once');

    // Two instances, one storage account: both receive the same exchange at the same time.
    const second = await startSecondInstance(harness);
    try {
      const other = chatAs(harness, 'salesAgent');
      const otherCard = onlyOAuthCard(await other.say('expiring'));
      const otherId = otherCard.tokenExchangeResource?.id ?? '';
      const otherToken = await ssoToken(DemoIds.partnerUsers.salesAgent);
      const secondChat = second.channel.chat({
        user: other.user,
        tenantId: DemoIds.partnerTenantId,
      });
      const start = grantsSeen(harness, OBO_GRANT);
      const claims = (await blobNames(harness, 'token-exchanges/')).length;
      const answers = await Promise.all([
        tokenExchange(other, otherId, otherToken),
        tokenExchange(secondChat, otherId, otherToken),
      ]);
      assert.deepEqual(
        answers.map((answer) => answer.status),
        [200, 200],
      );
      assert.equal(grantsSeen(harness, OBO_GRANT) - start, 1, 'one exchange for both instances');
      assert.equal((await blobNames(harness, 'token-exchanges/')).length, claims + 1, 'one claim');
    } finally {
      await second.close();
    }
  });

  for (const [what, overrides, refusal] of [
    ['an expired SSO token', { issuedAt: new Date(Date.now() - 3 * 3_600_000) }, 'expired'],
    [
      'an SSO token for another app',
      { audience: 'api://botid-c0ffee00-0000-4000-8000-000000000000' },
      'audience',
    ],
    [
      'an SSO token signed with a key the authority never published',
      { signingKey: 'foreign' as const },
      'signature',
    ],
    ['an SSO token of another tenant', { tenantId: 'f0f0f0f0-0000-4000-8000-00000000f0f0' }, 'issuer'],
  ] as const) {
    it(`refuses ${what} with 412 before any exchange: nothing stored, logged`, async () => {
      const user = demoUser('adminAgent2');
      const chat = chatAs(harness, 'adminAgent2');
      const card = onlyOAuthCard(await chat.say('expiring'));
      const claimsBefore = await blobNames(harness, 'token-exchanges/');
      const obosBefore = grantsSeen(harness, OBO_GRANT);
      const answer = await tokenExchange(
        chat,
        card.tokenExchangeResource?.id ?? '',
        await ssoToken(user.oid, overrides),
      );
      assert.equal(answer.status, 412);
      assert.match(String(answer.body['failureDetail']), new RegExp(`\\(${refusal}\\)`));
      assert.equal(grantsSeen(harness, OBO_GRANT), obosBefore, 'never sent to the authority');
      assert.equal(await partitionBytes(harness, user), undefined);
      assert.deepEqual(await blobNames(harness, 'token-exchanges/'), claimsBefore, 'no claim either');
      const refused = log.lines().filter((line) => line['msg'] === 'SSO token refused before any exchange');
      assert.equal(refused.at(-1)?.['refusal'], refusal);
      assert.equal(refused.at(-1)?.['userOid'], user.oid);
    });
  }

  it('refuses a token of another person than the one in the activity', async () => {
    const chat = chatAs(harness, 'adminAgent2');
    const card = onlyOAuthCard(await chat.say('status'));
    const answer = await tokenExchange(
      chat,
      card.tokenExchangeResource?.id ?? '',
      await ssoToken(DemoIds.partnerUsers.globalAdmin),
    );
    assert.equal(answer.status, 412);
    assert.match(String(answer.body['failureDetail']), /user_mismatch/);
  });

  for (const [requirement, reason, language] of [
    ['mfa', 'mfa_required', 'sv'],
    ['consent', 'consent_required', 'nl'],
  ] as const) {
    it(`answers 412 when the authority demands ${requirement}, and a sign-in card explains it in the person's language`, async () => {
      const user = demoUser('noRole');
      harness.partnerCenter.authority.requireInteraction(user.oid, requirement);
      const chat = chatAs(harness, 'noRole', { locale: language === 'sv' ? 'sv-SE' : 'nl-NL' });
      const first = onlyOAuthCard(await chat.say('status'));
      const obosBefore = grantsSeen(harness, OBO_GRANT);
      const answer = await tokenExchange(
        chat,
        first.tokenExchangeResource?.id ?? '',
        await ssoToken(user.oid),
      );
      assert.equal(answer.status, 412);
      assert.match(String(answer.body['failureDetail']), new RegExp(reason));
      assert.equal(grantsSeen(harness, OBO_GRANT) - obosBefore, 1, 'the authority was asked and refused');
      const explained = onlyOAuthCard(answer.replies);
      assert.equal(explained.text, translate(language, `signIn.${reason}`));
      assert.equal(explained.buttons[0].title, translate(language, 'signIn.button'));
      assert.equal(
        explained.tokenExchangeResource,
        undefined,
        'straight to the button: SSO would fail again',
      );
      assert.equal(await partitionBytes(harness, user), undefined);
    });
  }

  it('sign out deletes the partition, says so, and the next command asks to sign in again', async () => {
    const user = demoUser('adminAgentWithoutMfa');
    const chat = chatAs(harness, 'adminAgentWithoutMfa');
    const card = onlyOAuthCard(await chat.say('status'));
    assert.equal(
      (await tokenExchange(chat, card.tokenExchangeResource?.id ?? '', await ssoToken(user.oid))).status,
      200,
    );
    await harness.app.bot.idle();
    assert.ok(await partitionBytes(harness, user), 'signed in: a partition');

    const signedOut = cardsOf(await chat.say('sign out'))[0]?.card;
    assert.ok(cardTexts(signedOut).includes(translate('en', 'signOut.done')));
    assert.equal(await partitionBytes(harness, user), undefined, 'the blob is gone from Azurite');
    const again = onlyOAuthCard(await chat.say('status'));
    assert.equal(again.text, translate('en', 'signIn.not_signed_in'));
    const nothing = cardsOf(await chat.say('logga ut'))[0]?.card;
    assert.ok(cardTexts(nothing).includes(translate('sv', 'signOut.nothing')));
  });

  it('lets an operator delete a person’s stored sign-in (forgetStoredSignIn, npm run sign-out)', async () => {
    const user = demoUser('adminAgent2');
    const chat = chatAs(harness, 'adminAgent2');
    const card = onlyOAuthCard(await chat.say('status'));
    assert.equal(
      (await tokenExchange(chat, card.tokenExchangeResource?.id ?? '', await ssoToken(user.oid))).status,
      200,
    );
    await harness.app.bot.idle();
    assert.ok(await partitionBytes(harness, user));
    const config = loadConfig({
      BOT_MODE: 'local',
      AZURE_STORAGE_CONNECTION_STRING: harness.azurite.connectionString,
    });
    assert.equal(await forgetStoredSignIn(config, user, createSilentLogger()), true);
    assert.equal(await partitionBytes(harness, user), undefined);
    assert.equal(await forgetStoredSignIn(config, user, createSilentLogger()), false);
    // Another instance holds no assertion of theirs: it cannot renew from storage and asks to sign in.
    const second = await startSecondInstance(harness);
    try {
      const elsewhere = second.channel.chat({ user: chat.user, tenantId: DemoIds.partnerTenantId });
      assert.equal(
        onlyOAuthCard(await elsewhere.say('status')).text,
        translate('en', 'signIn.not_signed_in'),
      );
    } finally {
      await second.close();
    }
  });
});

/** Cards other than OAuth cards do not count: the OAuth cards of a turn. */
function onlyIfOAuth(activities: { attachments?: { contentType: string }[] }[]): string[] {
  return activities.flatMap((activity) =>
    (activity.attachments ?? [])
      .map((attachment) => attachment.contentType)
      .filter((type) => type === 'application/vnd.microsoft.card.oauth'),
  );
}

/** Another bot instance on the same sandbox and Azurite (a scaled-out App Service), signing in by Teams SSO. */
function startSecondInstance(harness: BotHarness): Promise<BotInstance> {
  return startBotInstance(harness, {
    env: {
      SIGN_IN_MODE: 'teams',
      MIGRATION_WORKER: 'off',
      REMINDER_SCHEDULER: 'off',
      WORKER_ID: `second-${randomUUID()}`,
    },
  });
}
