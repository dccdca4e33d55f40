import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';

import type { SignInReason } from '../../src/services/errors.js';
import type { AssertionSource } from '../../src/services/auth/assertionSource.js';
import { BlobTokenCacheStore } from '../../src/services/auth/blobTokenCacheStore.js';
import { homeAccountIdOf } from '../../src/services/auth/delegatedClients.js';
import type { PartnerUserRef } from '../../src/services/auth/models.js';
import { SandboxAssertionSource } from '../../src/services/auth/sandboxAssertionSource.js';
import { decodeTokenClaimsUnverified } from '../../src/services/auth/tokenClaims.js';
import { createLogger, type Logger } from '../../src/services/logging/logger.js';
import { startAzurite, type RunningAzurite } from '../helpers/azurite.js';
import { startAuthority, type AuthorityHarness } from './authorityHarness.js';
import { BOT_CLIENT, PartnerUserId } from './partnerFixture.js';
import {
  containerOf,
  expireCachedAccessTokens,
  instanceProvider,
  noAssertions,
  readPartition,
  secretsOf,
  type InstanceSettings,
} from './tokenCacheKit.js';

const SSO_PATH = '/_sandbox/auth/sso-token';
const DAY_IN_MS = 24 * 60 * 60 * 1000;

/** What the second process answers over IPC. */
type SecondInstanceAnswer =
  | { kind: 'token'; accessToken: string; expiresOn: string; pid: number }
  | { kind: 'needsSignIn'; reason: SignInReason; message: string; pid: number }
  | { kind: 'error'; message: string };

/** Runs `secondInstance.ts` in its own Node process (tsx), as another bot instance would be. */
function inSecondProcess(settings: InstanceSettings, user: PartnerUserRef): Promise<SecondInstanceAnswer> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./secondInstance.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        INSTANCE_SETTINGS: JSON.stringify(settings),
        INSTANCE_USER: JSON.stringify(user),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: SecondInstanceAnswer | undefined;
    child.on('message', (message) => {
      answer = message as SecondInstanceAnswer;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      answer ? resolve(answer) : reject(new Error(`the second instance exited with ${code} and no answer`)),
    );
  });
}

/** A logger whose lines the test can read. */
function recordingLogger(): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  const destination = new PassThrough();
  destination.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
  return { logger: createLogger({ level: 'trace', destination }), text: () => lines.join('') };
}

describe('persisted token cache: encrypted, one partition per person, renewed by any instance (Azurite, sandbox authority, real HTTP)', () => {
  let harness: AuthorityHarness;
  let azurite: RunningAzurite;
  let settings: InstanceSettings;
  /** The authority's clock runs this far ahead of the real one (refresh-token expiry). */
  let authorityClockOffsetInMs = 0;
  let containers = 0;

  before(async () => {
    [harness, azurite] = await Promise.all([
      startAuthority({ now: () => new Date(Date.now() + authorityClockOffsetInMs) }),
      startAzurite(),
    ]);
  });
  beforeEach(() => {
    harness.reset();
    authorityClockOffsetInMs = 0;
    settings = {
      authorityUrl: harness.baseUrl,
      tenantId: harness.authority.partner.tenantId,
      clientId: BOT_CLIENT.clientId,
      clientSecret: BOT_CLIENT.clientSecret,
      connectionString: azurite.connectionString,
      // A container per test: every test starts without any cached token.
      container: `token-cache-test-${++containers}`,
      key: randomBytes(32).toString('base64'),
    };
  });
  after(async () => {
    await Promise.all([harness?.close(), azurite?.stop()]);
  });

  const tokenPath = () => `/${harness.authority.partner.tenantId}/oauth2/v2.0/token`;
  const userRef = (oid: string): PartnerUserRef => ({ oid, tenantId: harness.authority.partner.tenantId });
  const adam = () => userRef(PartnerUserId.adminAgent);
  const sara = () => userRef(PartnerUserId.salesAgent);
  const gina = () => userRef(PartnerUserId.globalAdmin);
  const withAssertions = (): AssertionSource =>
    new SandboxAssertionSource({ sandboxBaseUrl: harness.baseUrl, clientId: BOT_CLIENT.clientId });
  const reasonOf = (result: { kind: string; reason?: string }) =>
    result.kind === 'needsSignIn' ? result.reason : result.kind;
  const blobOf = (user: PartnerUserRef) =>
    containerOf(settings).getBlockBlobClient(BlobTokenCacheStore.blobNameOf(homeAccountIdOf(user)));

  it('renews a person’s token in a second process from the encrypted cache, with no assertion (refresh-token grant)', async () => {
    const first = await instanceProvider(settings, withAssertions()).getDelegatedToken(adam());
    assert.equal(first.kind, 'token');
    assert.equal(harness.count('POST', SSO_PATH), 1);
    assert.equal(harness.count('POST', tokenPath()), 1);
    const [refreshTokenBefore] = secretsOf((await readPartition(settings, adam())).json, 'RefreshToken');
    assert.ok(refreshTokenBefore, 'on-behalf-of left a refresh token in the cache');
    // An hour later the access token has expired; the migration is resumed by another instance.
    await expireCachedAccessTokens(settings, adam());

    const second = await inSecondProcess(settings, adam());

    assert.equal(second.kind, 'token', JSON.stringify(second));
    assert.notEqual(second.pid, process.pid);
    assert.notEqual(second.accessToken, first.accessToken);
    assert.ok(new Date(second.expiresOn).getTime() > Date.now() + 50 * 60 * 1000);
    const verified = await harness.authority.verify(`Bearer ${second.accessToken}`, 'userOnly');
    assert.ok(verified.ok, JSON.stringify(verified));
    assert.equal(verified.caller.oid, PartnerUserId.adminAgent);
    assert.deepEqual(decodeTokenClaimsUnverified(second.accessToken).amr, ['pwd', 'mfa']);
    // No new assertion was asked for: one more token request, and it redeemed (rotated) the refresh token.
    assert.equal(harness.count('POST', SSO_PATH), 1);
    assert.equal(harness.count('POST', tokenPath()), 2);
    const after = (await readPartition(settings, adam())).json;
    const [refreshTokenAfter] = secretsOf(after, 'RefreshToken');
    assert.ok(
      refreshTokenAfter && refreshTokenAfter !== refreshTokenBefore,
      'the new refresh token was saved',
    );
    assert.ok(secretsOf(after, 'AccessToken').includes(second.accessToken));

    // And the first instance now serves the renewed token from the shared cache, without any request.
    const again = await instanceProvider(settings, noAssertions).getDelegatedToken(adam());
    assert.equal(again.kind === 'token' ? again.accessToken : again.kind, second.accessToken);
    assert.equal(harness.count('POST', tokenPath()), 2);
  });

  it('serves repeated calls in one instance from msal’s cache: one on-behalf-of exchange per person', async () => {
    const provider = instanceProvider(settings, withAssertions());
    const results = [];
    for (let call = 0; call < 3; call++) results.push(await provider.getDelegatedToken(adam()));
    assert.equal(
      new Set(results.map((result) => (result.kind === 'token' ? result.accessToken : ''))).size,
      1,
    );
    assert.equal(harness.count('POST', tokenPath()), 1);
  });

  it('keeps each person in their own partition: Sara’s never holds Adam’s tokens, Gina without one must sign in', async () => {
    const { logger, text } = recordingLogger();
    const first = instanceProvider(settings, withAssertions());
    const adamsToken = await first.getDelegatedToken(adam());
    const sarasToken = await first.getDelegatedToken(sara());
    assert.ok(adamsToken.kind === 'token' && sarasToken.kind === 'token');

    const adams = (await readPartition(settings, adam())).json;
    const saras = (await readPartition(settings, sara())).json;
    const adamsText = JSON.stringify(adams);
    const sarasText = JSON.stringify(saras);
    assert.ok(adamsText.includes(PartnerUserId.adminAgent) && !adamsText.includes(PartnerUserId.salesAgent));
    assert.ok(sarasText.includes(PartnerUserId.salesAgent) && !sarasText.includes(PartnerUserId.adminAgent));
    const adamsSecrets = [...secretsOf(adams, 'AccessToken'), ...secretsOf(adams, 'RefreshToken')];
    assert.ok(adamsSecrets.includes(adamsToken.accessToken));
    for (const secret of adamsSecrets)
      assert.ok(!sarasText.includes(secret), 'Adam’s token in Sara’s partition');

    // Another instance, no assertions: each person gets their own token, and a person never signed in none.
    const other = instanceProvider(settings, noAssertions, logger);
    const sarasAgain = await other.getDelegatedToken(sara());
    assert.equal(
      sarasAgain.kind === 'token' ? sarasAgain.accessToken : sarasAgain.kind,
      sarasToken.accessToken,
    );
    assert.equal(reasonOf(await other.getDelegatedToken(gina())), 'not_signed_in');

    // Adam's sealed blob copied under Gina's name does not open: the blob name is authenticated.
    await blobOf(gina()).uploadData(await blobOf(adam()).downloadToBuffer());
    assert.equal(reasonOf(await other.getDelegatedToken(gina())), 'not_signed_in');
    assert.match(text(), /Token cache partition cannot be decrypted; treated as empty/);
    assert.match(text(), /"reason":"authentication_failed"/);
    assert.equal(harness.count('POST', tokenPath()), 2, 'only the two on-behalf-of exchanges');
  });

  it('stores no access token, refresh token, id token, UPN or name in plain text', async () => {
    const result = await instanceProvider(settings, withAssertions()).getDelegatedToken(adam());
    assert.equal(result.kind, 'token');
    const raw = await blobOf(adam()).downloadToBuffer();
    const { json } = await readPartition(settings, adam());
    const secrets = [
      ...secretsOf(json, 'AccessToken'),
      ...secretsOf(json, 'RefreshToken'),
      ...Object.values(json.IdToken ?? {}).map((entry) => String(entry.secret)),
    ];
    assert.equal(secrets.length, 3, 'an access, a refresh and an id token are cached');
    const user = harness.authority.findUser({ oid: PartnerUserId.adminAgent });
    assert.ok(user);
    assert.ok(JSON.stringify(json).includes(user.userPrincipalName), 'the UPN is in the decrypted cache');
    for (const needle of [...secrets, user.userPrincipalName, user.displayName, user.oid, 'eyJ']) {
      assert.ok(
        !raw.includes(Buffer.from(needle, 'utf8')),
        `"${needle.slice(0, 12)}…" is readable in the blob`,
      );
    }
    assert.equal(raw[0], 0x01, 'the format byte');
  });

  it('answers needsSignIn expired once the authority has revoked the refresh token', async () => {
    const { logger, text } = recordingLogger();
    await instanceProvider(settings, withAssertions()).getDelegatedToken(adam());
    const [refreshToken] = secretsOf((await readPartition(settings, adam())).json, 'RefreshToken');
    await expireCachedAccessTokens(settings, adam());
    assert.equal(harness.authority.revokeRefreshTokens(PartnerUserId.adminAgent), 1);

    const result = await instanceProvider(settings, noAssertions, logger).getDelegatedToken(adam());

    assert.equal(reasonOf(result), 'expired');
    assert.match(text(), /Delegated Partner Center token needs a sign-in/);
    assert.match(text(), /"errorNo":"?9002313/);
    assert.ok(refreshToken && !text().includes(refreshToken), 'the refresh token was logged');
    assert.ok(!/eyJ[\w-]+\.eyJ/.test(text()), 'a JWT was logged');
  });

  it('answers needsSignIn expired when the refresh token has outlived its 90 days', async () => {
    await instanceProvider(settings, withAssertions()).getDelegatedToken(adam());
    await expireCachedAccessTokens(settings, adam());
    authorityClockOffsetInMs = 91 * DAY_IN_MS;
    assert.equal(
      reasonOf(await instanceProvider(settings, noAssertions).getDelegatedToken(adam())),
      'expired',
    );
  });

  it('renews from the refresh token when the assertion at hand has expired, and forgets that assertion', async () => {
    await instanceProvider(settings, withAssertions()).getDelegatedToken(adam());
    await expireCachedAccessTokens(settings, adam());
    const stale = await harness.authority.issueSsoAssertion(PartnerUserId.adminAgent, {
      issuedAt: new Date(Date.now() - 3 * 60 * 60 * 1000),
    });
    const discarded: string[] = [];
    const staleSource: AssertionSource = {
      getAssertion: () => Promise.resolve({ kind: 'assertion', assertion: stale }),
      discard: (_user, assertion) => discarded.push(assertion),
    };
    const result = await instanceProvider(settings, staleSource).getDelegatedToken(adam());
    assert.equal(result.kind, 'token');
    assert.deepEqual(discarded, [stale]);
    // The refused on-behalf-of exchange, then the refresh-token grant.
    assert.equal(harness.count('POST', tokenPath()), 3);
  });

  it('renews a person once when several calls in one instance need them at the same moment', async () => {
    await instanceProvider(settings, withAssertions()).getDelegatedToken(adam());
    await expireCachedAccessTokens(settings, adam());
    const provider = instanceProvider(settings, noAssertions);
    const results = await Promise.all([1, 2, 3, 4].map(() => provider.getDelegatedToken(adam())));
    const tokens = new Set(
      results.map((result) => (result.kind === 'token' ? result.accessToken : result.kind)),
    );
    assert.equal(tokens.size, 1);
    assert.ok(!tokens.has('needsSignIn'));
    // The sandbox's refresh tokens are single-use: a second redemption of the same one would have failed.
    assert.equal(harness.count('POST', tokenPath()), 2);
  });

  it('reads a partition sealed with another key as empty, logged without its content, and replaces it on the next sign-in', async () => {
    const { logger, text } = recordingLogger();
    await instanceProvider(settings, withAssertions()).getDelegatedToken(adam());
    const rekeyed = { ...settings, key: randomBytes(32).toString('base64') };

    assert.equal(
      reasonOf(await instanceProvider(rekeyed, noAssertions, logger).getDelegatedToken(adam())),
      'not_signed_in',
    );
    assert.match(text(), /Token cache partition cannot be decrypted; treated as empty/);
    assert.ok(!/eyJ[\w-]+\.eyJ/.test(text()), 'a JWT was logged');

    const signedInAgain = await instanceProvider(rekeyed, withAssertions(), logger).getDelegatedToken(adam());
    assert.equal(signedInAgain.kind, 'token');
    const renewed = await instanceProvider(rekeyed, noAssertions).getDelegatedToken(adam());
    assert.equal(renewed.kind === 'token' ? renewed.accessToken : renewed.kind, signedInAgain.accessToken);
  });
});
