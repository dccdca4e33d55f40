import assert from 'node:assert/strict';

import { createLocalJWKSet } from 'jose';

import { TokenAuthority } from '../../../../sandbox/auth/tokenAuthority.js';
import { SsoTokenValidator } from '../../../../src/services/auth/ssoTokenValidator.js';
import { BOT_CLIENT, PartnerUserId, partnerFixture } from '../../../auth/partnerFixture.js';

describe('SsoTokenValidator', () => {
  let authority: TokenAuthority;
  let validator: SsoTokenValidator;
  const tenantId = partnerFixture().tenantId;
  const user = { oid: PartnerUserId.adminAgent, tenantId };
  const appIdUri = `api://botid-${BOT_CLIENT.clientId}`;

  // Generating RSA keys is the slow part: one authority for the suite.
  before(async () => {
    authority = await TokenAuthority.create({ partner: partnerFixture(), clients: [BOT_CLIENT] });
    validator = new SsoTokenValidator({
      keys: createLocalJWKSet(authority.jwks()),
      issuers: [authority.issuerFor(tenantId), `https://sts.windows.net/${tenantId}/`],
      audiences: [appIdUri, BOT_CLIENT.clientId],
      partnerTenantId: tenantId,
    });
  });

  const sso = (overrides: Parameters<TokenAuthority['issueSsoAssertion']>[1] = {}) =>
    authority.issueSsoAssertion(PartnerUserId.adminAgent, overrides);

  it('accepts Teams’ SSO token for this bot and tells when it expires', async () => {
    const check = await validator.validate(await sso(), user);
    assert.equal(check.ok, true);
    if (check.ok) assert.ok(Math.abs(check.expiresOn.getTime() - (Date.now() + 3_600_000)) < 5_000);
  });

  it('accepts a v2 token addressed to the client id and a v1 token from sts.windows.net', async () => {
    assert.equal((await validator.validate(await sso({ audience: BOT_CLIENT.clientId }), user)).ok, true);
    const v1 = await sso({ issuer: `https://sts.windows.net/${tenantId}/` });
    assert.equal((await validator.validate(v1, user)).ok, true);
  });

  const refusals: [string, () => Promise<string>, string][] = [
    ['expired', () => sso({ issuedAt: new Date(Date.now() - 2 * 3_600_000) }), 'expired'],
    ['not valid yet', () => sso({ issuedAt: new Date(Date.now() + 3_600_000) }), 'not_yet_valid'],
    ['for another app', () => sso({ audience: 'api://botid-someone-else' }), 'audience'],
    ['signed by an unpublished key', () => sso({ signingKey: 'foreign' }), 'signature'],
    ['from another issuer', () => sso({ issuer: 'https://login.evil.test/x/v2.0' }), 'issuer'],
    ['of another tenant', () => sso({ tenantId: 'b0b0b0b0-0000-4000-8000-00000000b0b0' }), 'issuer'],
    ['with the partner issuer but a foreign tid', () => sso({ claims: { tid: 'f00' } }), 'tenant'],
    ['without access_as_user', () => sso({ claims: { scp: 'User.Read' } }), 'scope'],
    ['without an oid', () => sso({ claims: { oid: undefined } }), 'malformed'],
    ['that is no JWT', () => Promise.resolve('not-a-jwt'), 'malformed'],
  ];
  for (const [what, token, refusal] of refusals) {
    it(`refuses a token ${what} (${refusal})`, async () => {
      const check = await validator.validate(await token(), user);
      assert.equal(check.ok ? 'accepted' : check.refusal, refusal);
    });
  }

  it('refuses someone else’s token, and one for the right person from another tenant than the activity', async () => {
    const other = await authority.issueSsoAssertion(PartnerUserId.salesAgent);
    assert.equal((await validator.validate(other, user)).ok ? '' : 'refused', 'refused');
    const check = await validator.validate(await sso(), { ...user, tenantId: 'another' });
    assert.equal(check.ok ? 'accepted' : check.refusal, 'tenant');
  });

  it('says keys_unavailable when the keys cannot be fetched: the authority’s fault, not the token’s', async () => {
    const offline = new SsoTokenValidator({
      keys: () => Promise.reject(new TypeError('fetch failed')),
      issuers: [authority.issuerFor(tenantId)],
      audiences: [appIdUri],
      partnerTenantId: tenantId,
    });
    const check = await offline.validate(await sso(), user);
    assert.equal(check.ok ? 'accepted' : check.refusal, 'keys_unavailable');
  });
});
