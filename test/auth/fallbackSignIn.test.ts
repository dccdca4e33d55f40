import assert from 'node:assert/strict';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { translate } from '../../src/services/i18n/messages.js';
import type { Clock } from '../../src/services/clock.js';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import { cardsOf, cardTexts } from '../helpers/teamsChannel.js';
import { chatAs, type PartnerUserName } from '../dialogs/dialogKit.js';
import {
  accountPickerSubmission,
  blobNames,
  demoUser,
  grantsSeen,
  OBO_GRANT,
  onlyOAuthCard,
  partitionBytes,
  partitionContent,
  TestBrowser,
} from './signInKit.js';

/**
 * The bot-hosted fallback sign-in page over real HTTP (issue #6): the sign-in card's button →
 * `/auth/start` → the sandbox authority's authorize endpoint and account picker → `/auth/callback` →
 * msal-node redeems the code with PKCE → the person's encrypted partition in Azurite → the command from
 * before the sign-in continues in Teams. Tampered, expired, replayed and misdirected attempts get a clear
 * page and change nothing.
 */
describe('fallback sign-in page: authorization code with PKCE (bot over HTTP, sandbox authority, Azurite)', function () {
  let harness: BotHarness;
  let offsetInMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetInMs) };

  before(async () => {
    harness = await startBotHarness({ env: { SIGN_IN_MODE: 'teams' }, clock });
  });
  afterEach(() => {
    offsetInMs = 0;
  });
  after(async () => harness.close());

  const upnOf = (name: PartnerUserName): string =>
    harness.partnerCenter.authority.findUser({ oid: DemoIds.partnerUsers[name] })?.userPrincipalName ?? '';

  /** The sign-in card's button for a person who typed `command`, and their chat. */
  async function signInButton(name: PartnerUserName, command: string, locale = 'en-US') {
    const chat = chatAs(harness, name, { locale });
    const card = onlyOAuthCard(await chat.say(command));
    return { chat, url: card.buttons[0].value };
  }

  /** Start → authority's account picker → the person picked → the callback URL the authority sends back to. */
  async function untilCallback(browser: TestBrowser, startUrl: string, loginHint: string): Promise<string> {
    const picker = await browser.open(startUrl);
    assert.equal(picker.status, 200);
    assert.ok(
      picker.url.startsWith(`${harness.partnerCenter.url}/${DemoIds.partnerTenantId}/oauth2/v2.0/authorize?`),
    );
    const authorize = new URL(picker.url);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authorize.searchParams.get('redirect_uri'), `${harness.app.url}/auth/callback`);
    const redirect = await browser.get(accountPickerSubmission(picker.url, picker.html, loginHint));
    assert.equal(redirect.status, 302);
    const callback = redirect.headers.get('location') ?? '';
    assert.ok(callback.startsWith(`${harness.app.url}/auth/callback?`), callback);
    return callback;
  }

  it('signs in through the page, stores the tokens in the person’s partition and continues the command in Teams', async () => {
    const user = demoUser('adminAgent');
    const { chat, url } = await signInButton('adminAgent', 'migrera kund Contoso', 'sv-SE');
    const browser = new TestBrowser();
    const start = await browser.get(url);
    assert.equal(start.status, 302);
    const cookie = start.headers.getSetCookie().join(';');
    assert.match(cookie, /e4_sign_in=[A-Za-z0-9_-]{43}; Path=\/auth\/; Max-Age=600; HttpOnly; SameSite=Lax/);
    assert.equal(start.headers.get('cache-control'), 'no-store');

    const codesBefore = grantsSeen(harness, 'authorization_code', 200);
    const callback = await untilCallback(browser, url, upnOf('adminAgent'));
    const page = await browser.open(callback);
    assert.equal(page.status, 200);
    assert.ok(page.html.includes(translate('sv', 'signIn.page.signedIn')), 'the page speaks Swedish');
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(grantsSeen(harness, 'authorization_code', 200) - codesBefore, 1, 'msal redeemed the code');
    assert.ok(await partitionBytes(harness, user), 'tokens in the partition');

    await harness.app.bot.idle();
    const continued = chat.posted().slice(1);
    assert.equal(
      continued[0]?.text,
      translate('sv', 'signIn.continuing', { command: 'migrera kund Contoso' }),
    );
    assert.ok(cardTexts(cardsOf(continued)[0]?.card).some((text) => text.includes('Contoso')));

    // Signed in for good: the next command is served from the partition, no sign-in card, no exchange.
    const obos = grantsSeen(harness, OBO_GRANT);
    assert.equal(cardsOf(await chat.say('status')).length, 1);
    assert.equal(grantsSeen(harness, OBO_GRANT), obos);

    // The callback again (a replay, a reload, someone who saw the URL): refused, nothing changes.
    const replay = await browser.open(callback);
    assert.equal(replay.status, 400);
    // Nothing says who it was for any more: the browser's language (none sent here, so English).
    assert.ok(replay.html.includes(translate('en', 'signIn.page.unknownState')));
  });

  it('refuses a tampered state, a callback from another browser and a state past its ten minutes', async () => {
    const user = demoUser('salesAgent');
    const { url } = await signInButton('salesAgent', 'expiring');
    const states = await blobNames(harness, 'sign-in/');

    const tampered = new TestBrowser();
    const callback = new URL(await untilCallback(tampered, url, upnOf('salesAgent')));
    callback.searchParams.set('state', `${callback.searchParams.get('state') ?? ''}x`);
    const refused = await tampered.open(callback.toString());
    assert.equal(refused.status, 400);
    assert.ok(refused.html.includes(translate('en', 'signIn.page.unknownState')));

    const planted = new TestBrowser();
    const otherBrowser = await untilCallback(planted, url, upnOf('salesAgent'));
    planted.clearCookies();
    const csrf = await planted.open(otherBrowser);
    assert.equal(csrf.status, 400);
    assert.ok(csrf.html.includes(translate('en', 'signIn.page.otherBrowser')));

    const slow = new TestBrowser();
    const late = await untilCallback(slow, url, upnOf('salesAgent'));
    offsetInMs = 11 * 60 * 1000;
    const expired = await slow.open(late);
    assert.equal(expired.status, 400);
    assert.ok(expired.html.includes(translate('en', 'signIn.page.unknownState')));

    assert.equal(await partitionBytes(harness, user), undefined, 'none of them stored anything');
    assert.equal(grantsSeen(harness, 'authorization_code'), 1, 'only the first test redeemed a code');
    // Every start's state was consumed by its callback (the tampered one's is left to expire).
    assert.equal((await blobNames(harness, 'sign-in/')).length, states.length + 1);
  });

  it('refuses a sign-in by another account than the Teams user and keeps nothing of it', async () => {
    const user = demoUser('globalAdmin');
    const { url } = await signInButton('globalAdmin', 'verlopend', 'nl-NL');
    const browser = new TestBrowser();
    const callback = await untilCallback(browser, url, upnOf('noRole'));
    const page = await browser.open(callback);
    assert.equal(page.status, 400);
    assert.ok(page.html.includes(translate('nl', 'signIn.page.wrongAccount')));
    // The code was redeemed (it had to be, to learn who signed in), then the account removed again.
    const stored = await partitionContent(harness, user);
    for (const section of ['Account', 'AccessToken', 'RefreshToken', 'IdToken'] as const) {
      assert.deepEqual(
        Object.keys(stored[section] ?? {}),
        [],
        `no ${section} kept in the person’s partition`,
      );
    }
    assert.equal(await partitionBytes(harness, demoUser('noRole')), undefined);
  });

  it('refuses an expired, a tampered and a missing link with a page in the browser’s language', async () => {
    const { url } = await signInButton('adminAgent2', 'status');
    const browser = new TestBrowser();
    offsetInMs = 2 * 60 * 60 * 1000;
    const expired = await browser.open(url);
    assert.equal(expired.status, 400);
    assert.ok(expired.html.includes(translate('en', 'signIn.page.expiredLink')));
    offsetInMs = 0;

    const forged = new URL(url);
    const [payload = '', signature = ''] = (forged.searchParams.get('ticket') ?? '').split('.');
    const other = Buffer.from(
      Buffer.from(payload, 'base64url')
        .toString('utf8')
        .replace(DemoIds.partnerUsers.adminAgent2, DemoIds.partnerUsers.globalAdmin),
    ).toString('base64url');
    forged.searchParams.set('ticket', `${other}.${signature}`);
    const response = await fetch(forged, {
      redirect: 'manual',
      headers: { 'accept-language': 'sv-SE,sv;q=0.9' },
    });
    assert.equal(response.status, 400);
    assert.ok((await response.text()).includes(translate('sv', 'signIn.page.invalidLink')));
    assert.equal(response.headers.get('location'), null, 'no redirect to the authority');

    const missing = await fetch(`${harness.app.url}/auth/start`, { redirect: 'manual' });
    assert.equal(missing.status, 400);
  });

  it('explains an authority error (the person cancelled) and changes nothing', async () => {
    const user = demoUser('userManagementAdmin');
    const { url } = await signInButton('userManagementAdmin', 'status');
    const browser = new TestBrowser();
    const picker = await browser.open(url);
    const cancel = new URL(accountPickerSubmission(picker.url, picker.html, ''));
    cancel.searchParams.delete('login_hint');
    cancel.searchParams.set('sandbox_action', 'cancel');
    const page = await browser.open(cancel.toString());
    assert.equal(page.status, 400);
    assert.ok(page.html.includes(translate('en', 'signIn.page.cancelled')));
    assert.equal(await partitionBytes(harness, user), undefined);
  });
});
