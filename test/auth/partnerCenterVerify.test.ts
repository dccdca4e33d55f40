import assert from 'node:assert/strict';

import { PartnerCenterAuthCode } from '../../sandbox/auth/partnerCenterAuthCode.js';
import { TokenAuthority } from '../../sandbox/auth/tokenAuthority.js';
import type { RouteAccess } from '../../sandbox/auth/types.js';
import { BOT_CLIENT, PartnerUserId, partnerFixture } from './partnerFixture.js';

const MINUTE = 60 * 1000;
const START = new Date('2026-11-02T09:00:00Z');

describe('TokenAuthority.verify (Partner Center bearer tokens)', () => {
  let authority: TokenAuthority;
  let now = START;

  // One authority for the suite (RSA key generation is the slow part); each test restarts the clock.
  before(async () => {
    authority = await TokenAuthority.create({
      partner: partnerFixture(),
      clients: [BOT_CLIENT],
      now: () => now,
    });
  });
  beforeEach(() => {
    now = START;
  });

  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);

  type Case = {
    name: string;
    header: () => Promise<string | undefined>;
    access?: RouteAccess;
    status: 401 | 403;
    code: number;
    description?: RegExp;
  };

  const refusals: Case[] = [
    {
      name: 'no Authorization header',
      header: () => Promise.resolve(undefined),
      status: 401,
      code: PartnerCenterAuthCode.missingToken,
    },
    {
      name: 'a non-Bearer scheme',
      header: () => Promise.resolve('Basic dXNlcjpwYXNz'),
      status: 401,
      code: PartnerCenterAuthCode.missingToken,
    },
    {
      name: 'a token that is not a JWT',
      header: () => Promise.resolve('Bearer not-a-jwt'),
      status: 401,
      code: PartnerCenterAuthCode.invalidSignature,
    },
    {
      name: 'a token signed by a key the authority does not publish',
      header: async () =>
        `Bearer ${await authority.issueUserToken(PartnerUserId.adminAgent, { signingKey: 'foreign' })}`,
      status: 401,
      code: PartnerCenterAuthCode.invalidSignature,
    },
    {
      name: 'a token whose payload was altered after signing',
      header: async () => {
        const [head, , signature] = (await authority.issueAppToken()).split('.');
        const body = Buffer.from(
          JSON.stringify({ aud: 'https://api.partnercenter.microsoft.com', tid: 'x' }),
        ).toString('base64url');
        return `Bearer ${head ?? ''}.${body}.${signature ?? ''}`;
      },
      status: 401,
      code: PartnerCenterAuthCode.invalidSignature,
    },
    {
      name: 'an expired token (beyond the 5-minute skew)',
      header: async () =>
        `Bearer ${await authority.issueUserToken(PartnerUserId.adminAgent, { issuedAt: minutesAgo(66) })}`,
      status: 401,
      code: PartnerCenterAuthCode.expired,
    },
    {
      name: 'a token not valid yet (beyond the skew)',
      header: async () =>
        `Bearer ${await authority.issueUserToken(PartnerUserId.adminAgent, { issuedAt: minutesAgo(-10) })}`,
      status: 401,
      code: PartnerCenterAuthCode.notYetValid,
    },
    {
      name: 'a token for another audience',
      header: async () =>
        `Bearer ${await authority.issueUserToken(PartnerUserId.adminAgent, { audience: 'https://graph.microsoft.com' })}`,
      status: 401,
      code: PartnerCenterAuthCode.wrongAudience,
      description: /api\.partnercenter\.microsoft\.com/,
    },
    {
      name: 'a token from another issuer',
      header: async () =>
        `Bearer ${await authority.issueAppToken({ issuer: 'https://login.microsoftonline.com/aaaaaaaa-0000-4000-8000-00000000aaaa/v2.0' })}`,
      status: 401,
      code: PartnerCenterAuthCode.wrongIssuer,
    },
    {
      name: 'a Bot Framework channel token',
      header: async () =>
        `Bearer ${await authority.issueChannelToken(BOT_CLIENT.clientId, 'https://smba.example/')}`,
      status: 401,
      code: PartnerCenterAuthCode.invalidSignature,
    },
    {
      name: 'a token for a foreign tenant',
      header: async () =>
        `Bearer ${await authority.issueUserToken(PartnerUserId.adminAgent, { tenantId: 'ffffffff-0000-4000-8000-00000000ffff' })}`,
      status: 403,
      code: PartnerCenterAuthCode.foreignTenant,
    },
    {
      name: 'an app-only token on an App+User-only route',
      header: async () => `Bearer ${await authority.issueAppToken()}`,
      access: 'userOnly',
      status: 403,
      code: PartnerCenterAuthCode.appOnlyNotAllowed,
      description: /App\+User/,
    },
    {
      name: 'an App+User token without the MFA claim',
      header: async () => `Bearer ${await authority.issueUserToken(PartnerUserId.adminAgentWithoutMfa)}`,
      status: 401,
      code: 900421,
      description: /MFA is required/,
    },
    {
      name: 'an MFA user token minted without MFA (a session that skipped it)',
      header: async () =>
        `Bearer ${await authority.issueUserToken(PartnerUserId.adminAgent, { hasMfa: false })}`,
      access: 'appOrUser',
      status: 401,
      code: 900421,
    },
    {
      name: 'a delegated token without user_impersonation',
      header: async () =>
        `Bearer ${await authority.issueUserToken(PartnerUserId.adminAgent, { claims: { scp: 'access_as_user' } })}`,
      status: 401,
      code: PartnerCenterAuthCode.missingScope,
    },
  ];

  for (const refusal of refusals) {
    it(`refuses ${refusal.name} with ${refusal.status} ${refusal.code}`, async () => {
      const outcome = await authority.verify(await refusal.header(), refusal.access ?? 'userOnly');
      assert.equal(outcome.ok, false, 'the token was accepted');
      if (outcome.ok) return;
      assert.equal(outcome.status, refusal.status);
      assert.equal(outcome.code, refusal.code);
      assert.ok(outcome.description.length > 0);
      if (refusal.description) assert.match(outcome.description, refusal.description);
    });
  }

  it('accepts an App+User token with MFA on a user-only route and says who is calling', async () => {
    const outcome = await authority.verify(
      `Bearer ${await authority.issueUserToken(PartnerUserId.salesAgent)}`,
      'userOnly',
    );
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.deepEqual(outcome.caller, {
      kind: 'user',
      tenantId: authority.partner.tenantId,
      appId: BOT_CLIENT.clientId,
      oid: PartnerUserId.salesAgent,
      name: 'Sara Sales',
      userPrincipalName: 'sara@contosopartner.onmicrosoft.com',
      hasMfa: true,
    });
  });

  it('accepts an app-only token where app-only is allowed', async () => {
    const outcome = await authority.verify(`Bearer ${await authority.issueAppToken()}`, 'appOrUser');
    assert.ok(outcome.ok);
    assert.equal(outcome.caller.kind, 'app');
    assert.equal(outcome.caller.oid, undefined);
  });

  it('tolerates 5 minutes of clock skew on both ends', async () => {
    const justExpired = await authority.issueUserToken(PartnerUserId.adminAgent, {
      issuedAt: minutesAgo(64),
    });
    const earlyBird = await authority.issueUserToken(PartnerUserId.adminAgent, { issuedAt: minutesAgo(-4) });
    assert.equal((await authority.verify(`Bearer ${justExpired}`, 'userOnly')).ok, true);
    assert.equal((await authority.verify(`Bearer ${earlyBird}`, 'userOnly')).ok, true);
  });

  it('refuses a token after its hour is up, by the authority’s clock', async () => {
    const header = `Bearer ${await authority.issueAppToken()}`;
    now = new Date(START.getTime() + 59 * MINUTE);
    assert.equal((await authority.verify(header, 'appOrUser')).ok, true);
    now = new Date(START.getTime() + 66 * MINUTE);
    const outcome = await authority.verify(header, 'appOrUser');
    assert.deepEqual(outcome.ok ? 'accepted' : outcome.code, PartnerCenterAuthCode.expired);
  });
});
