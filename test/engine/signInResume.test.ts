import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { PurchaseEntry } from '../../sandbox/ledger.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { delegatedCredential } from '../../src/services/auth/partnerCenterCredentials.js';
import { SandboxAssertionSource } from '../../src/services/auth/sandboxAssertionSource.js';
import type { TokenProvider } from '../../src/services/auth/tokenProvider.js';
import { systemClock } from '../../src/services/clock.js';
import { MigrationControls } from '../../src/services/migration/migrationControls.js';
import { PartnerCenterClient } from '../../src/services/partner-center/partnerCenterClient.js';
import { startAzurite, type RunningAzurite } from '../helpers/azurite.js';
import {
  harnessClientSecret,
  startPartnerCenterHarness,
  type PartnerCenterHarness,
} from '../helpers/partnerCenterHarness.js';
import {
  expireCachedAccessTokens,
  instanceProvider,
  noAssertions,
  readPartition,
  secretsOf,
  type InstanceSettings,
} from '../auth/tokenCacheKit.js';
import { EngineKit, people } from './engineKit.js';

const { contoso } = DemoIds.customers;

/**
 * DESIGN §11 "any instance can renew a paused migration's token without the user while Entra allows it",
 * at the engine level. Every instance has its own msal-node clients and memory; what they share is the
 * storage account: the journal and the encrypted, per-person token cache in Azurite. The approver's
 * sessions are revoked, so the instance running the migration can't get their token and pauses it before
 * buying; the approver signs in again on the bot instance they talk to; a third instance, which never sees
 * an SSO assertion, resumes it by renewing the token from the cache and completes it with one purchase.
 */
describe('engine: a migration paused for sign-in resumes on another instance from the token cache', function () {
  this.timeout(120_000);
  let pc: PartnerCenterHarness;
  let azurite: RunningAzurite;
  let settings: InstanceSettings;

  before(async () => {
    [pc, azurite] = await Promise.all([startPartnerCenterHarness(), startAzurite()]);
    settings = {
      authorityUrl: pc.url,
      tenantId: DemoIds.partnerTenantId,
      clientId: DemoIds.botClientId,
      clientSecret: harnessClientSecret,
      connectionString: azurite.connectionString,
      container: 'sign-in-resume',
      key: randomBytes(32).toString('base64'),
    };
  });
  after(async () => Promise.all([pc?.close(), azurite?.stop()]));

  /** An engine instance: its own token provider (and msal clients), the shared journal and cache. */
  function engineOn(kit: EngineKit, tokens: TokenProvider) {
    return kit.saga({
      partnerCenterFor: (user) => new PartnerCenterClient(pc.transport, delegatedCredential(tokens, user)),
    });
  }
  /** A bot instance the approver talks to: Teams SSO (here the sandbox's) gives it their assertion. */
  const botInstance = () =>
    instanceProvider(
      settings,
      new SandboxAssertionSource({ sandboxBaseUrl: pc.url, clientId: DemoIds.botClientId }),
    );
  /** Counts the assertions an instance is given: the resuming one must never need one. */
  function countingNoAssertions() {
    let asked = 0;
    return {
      asked: () => asked,
      source: {
        getAssertion: (...args: Parameters<typeof noAssertions.getAssertion>) => {
          asked++;
          return noAssertions.getAssertion(...args);
        },
        discard: () => undefined,
      },
    };
  }

  it('paused with needsSignIn before buying, resumed by a third instance without an assertion: one purchase', async () => {
    const kit = new EngineKit(pc, azurite, 'sign-in-resume-journal');
    const approver = people.approver;
    // The approver approved in Teams: signed in on bot instance A, so their tokens are in the cache.
    assert.equal((await botInstance().getDelegatedToken(approver)).kind, 'token');
    const start = await kit.approved(contoso, DemoIds.subscriptions.contosoE4, 3, approver);
    // An hour later their access token has expired, and their sessions were revoked in Entra.
    await expireCachedAccessTokens(settings, approver);
    pc.authority.revokeRefreshTokens(approver.oid);

    // Instance B runs it: no assertion for the approver, and the cached refresh token is refused.
    const paused = await kit.run(start.id, engineOn(kit, instanceProvider(settings, noAssertions)));
    assert.equal(paused.state, 'paused');
    assert.deepEqual(paused.reason, { code: 'needsSignIn', detail: 'expired' });
    assert.equal(kit.ledger(contoso, 'purchase').length, 0, 'nothing bought without a token');

    // The approver signs in again on a bot instance (a new SSO assertion, on-behalf-of) and resumes.
    assert.equal((await botInstance().getDelegatedToken(approver)).kind, 'token');
    const controls = new MigrationControls({
      journal: kit.journal,
      start: () => Promise.resolve(),
      clock: systemClock,
    });
    const resumed = await controls.act(
      { migrationId: start.id, customerId: contoso, action: 'resume' },
      approver,
    );
    assert.equal(resumed.kind, 'done');
    // It waits in the queue long enough for the access token to expire again: renewal must use the
    // refresh token that sign-in left in the cache.
    await expireCachedAccessTokens(settings, approver);
    const [refreshTokenBefore] = secretsOf((await readPartition(settings, approver)).json, 'RefreshToken');
    assert.ok(refreshTokenBefore);

    // Instance C: never given an assertion, its own msal clients, the shared cache.
    const third = countingNoAssertions();
    const done = await kit.run(start.id, engineOn(kit, instanceProvider(settings, third.source)));

    assert.equal(done.state, 'completed', JSON.stringify(done.reason));
    assert.ok(third.asked() > 0, 'C had no assertion to offer');
    const [refreshTokenAfter] = secretsOf((await readPartition(settings, approver)).json, 'RefreshToken');
    assert.ok(
      refreshTokenAfter && refreshTokenAfter !== refreshTokenBefore,
      'C renewed by the refresh-token grant (the sandbox rotates refresh tokens)',
    );
    const purchases = kit.ledger(contoso, 'purchase') as PurchaseEntry[];
    assert.equal(purchases.length, 1);
    const buyer = purchases[0]?.caller;
    assert.ok(buyer?.kind === 'user' && buyer.oid === approver.oid, 'bought with the approver’s own token');
  });
});
