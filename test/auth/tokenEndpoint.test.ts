import assert from 'node:assert/strict';

import { createRemoteJWKSet, jwtVerify } from 'jose';

import { PartnerCenterScope } from '../../sandbox/auth/entraConstants.js';
import { postJson, postTokenForm, startAuthority, payloadOf } from './authorityHarness.js';
import type { AuthorityHarness } from './authorityHarness.js';
import { BOT_CLIENT, PartnerUserId } from './partnerFixture.js';

const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

describe('sandbox token authority: Entra routes', () => {
  let harness: AuthorityHarness;

  // One authority per suite: generating RSA keys is the slow part. Each test starts from a reset.
  before(async () => {
    harness = await startAuthority();
  });
  beforeEach(() => harness.reset());
  after(async () => {
    await harness.close();
  });

  const clientCredentials = (overrides: Record<string, string> = {}) =>
    postTokenForm(harness, {
      grant_type: 'client_credentials',
      client_id: BOT_CLIENT.clientId,
      client_secret: BOT_CLIENT.clientSecret,
      scope: PartnerCenterScope.appDefault,
      ...overrides,
    });

  const onBehalfOf = (assertion: string, overrides: Record<string, string> = {}) =>
    postTokenForm(harness, {
      grant_type: OBO_GRANT,
      requested_token_use: 'on_behalf_of',
      assertion,
      client_id: BOT_CLIENT.clientId,
      client_secret: BOT_CLIENT.clientSecret,
      scope: `${PartnerCenterScope.userImpersonation} openid profile offline_access`,
      client_info: '1',
      ...overrides,
    });

  it('publishes OpenID metadata whose jwks_uri serves keys that verify issued tokens', async () => {
    const tenantId = harness.authority.partner.tenantId;
    const response = await fetch(`${harness.baseUrl}/${tenantId}/v2.0/.well-known/openid-configuration`);
    assert.equal(response.status, 200);
    const metadata = (await response.json()) as Record<string, string>;
    assert.equal(metadata['issuer'], `https://login.sandbox.test/${tenantId}/v2.0`);
    assert.equal(metadata['token_endpoint'], `${harness.baseUrl}/${tenantId}/oauth2/v2.0/token`);

    const token = await harness.authority.issueUserToken(PartnerUserId.adminAgent);
    const keys = createRemoteJWKSet(new URL(metadata['jwks_uri'] ?? ''));
    const { payload } = await jwtVerify(token, keys, { issuer: metadata['issuer'] ?? '' });
    assert.equal(payload['oid'], PartnerUserId.adminAgent);
  });

  it('answers metadata for an unknown tenant with Entra AADSTS90002', async () => {
    const response = await fetch(`${harness.baseUrl}/not-a-tenant/v2.0/.well-known/openid-configuration`);
    assert.equal(response.status, 400);
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(body['error_codes'], [90002]);
  });

  it('issues an app-only Partner Center token for client credentials', async () => {
    const { status, body } = await clientCredentials();
    assert.equal(status, 200);
    assert.equal(body['token_type'], 'Bearer');
    assert.equal(body['expires_in'], 3600);
    const claims = payloadOf(body['access_token']);
    assert.equal(claims['aud'], 'https://api.partnercenter.microsoft.com');
    assert.equal(claims['tid'], harness.authority.partner.tenantId);
    assert.equal(claims['azp'], BOT_CLIENT.clientId);
    assert.equal(claims['idtyp'], 'app');
    assert.equal(claims['scp'], undefined);
    assert.equal(Number(claims['exp']) - Number(claims['iat']), 3600);
  });

  it('refuses a wrong client secret with 401 invalid_client in Entra shape', async () => {
    const { status, body } = await clientCredentials({ client_secret: 'wrong' });
    assert.equal(status, 401);
    assert.equal(body['error'], 'invalid_client');
    assert.deepEqual(body['error_codes'], [7000215]);
    assert.match(String(body['error_description']), /^AADSTS7000215: /);
    assert.equal(typeof body['trace_id'], 'string');
    assert.equal(typeof body['correlation_id'], 'string');
  });

  it('refuses an unknown client, a missing secret, a wrong scope and an unknown grant', async () => {
    assert.equal((await clientCredentials({ client_id: 'nobody' })).body['error'], 'unauthorized_client');
    assert.equal((await clientCredentials({ client_secret: '' })).status, 401);
    const wrongScope = await clientCredentials({ scope: 'https://graph.microsoft.com/.default' });
    assert.equal(wrongScope.body['error'], 'invalid_scope');
    assert.equal(
      (await clientCredentials({ grant_type: 'password' })).body['error'],
      'unsupported_grant_type',
    );
  });

  it('exchanges an SSO assertion on behalf of a user, carrying roles, MFA and the user_impersonation scope', async () => {
    const assertion = await harness.authority.issueSsoAssertion(PartnerUserId.globalAdmin);
    const { status, body } = await onBehalfOf(assertion);
    assert.equal(status, 200);
    assert.equal(body['scope'], PartnerCenterScope.userImpersonation);
    assert.equal(typeof body['refresh_token'], 'string');
    assert.equal(typeof body['id_token'], 'string');
    assert.deepEqual(JSON.parse(Buffer.from(String(body['client_info']), 'base64url').toString('utf8')), {
      uid: PartnerUserId.globalAdmin,
      utid: harness.authority.partner.tenantId,
    });
    const claims = payloadOf(body['access_token']);
    assert.equal(claims['aud'], 'https://api.partnercenter.microsoft.com');
    assert.equal(claims['oid'], PartnerUserId.globalAdmin);
    assert.equal(claims['name'], 'Gina Global');
    assert.equal(claims['upn'], 'gina@contosopartner.onmicrosoft.com');
    assert.equal(claims['preferred_username'], 'gina@contosopartner.onmicrosoft.com');
    assert.equal(claims['scp'], 'user_impersonation');
    assert.deepEqual(claims['amr'], ['pwd', 'mfa']);
    assert.deepEqual(claims['wids'], ['62e90394-69f5-4237-9190-012177145e10']);
    assert.deepEqual(claims['groups'], []);
  });

  it('carries over a missing MFA claim from the assertion', async () => {
    const assertion = await harness.authority.issueSsoAssertion(PartnerUserId.adminAgentWithoutMfa);
    const { body } = await onBehalfOf(assertion);
    assert.deepEqual(payloadOf(body['access_token'])['amr'], ['pwd']);
  });

  it('refuses an expired assertion with 400 invalid_grant AADSTS500133', async () => {
    const assertion = await harness.authority.issueSsoAssertion(PartnerUserId.adminAgent, {
      issuedAt: new Date(Date.now() - 2 * 60 * 60 * 1000),
    });
    const { status, body } = await onBehalfOf(assertion);
    assert.equal(status, 400);
    assert.equal(body['error'], 'invalid_grant');
    assert.deepEqual(body['error_codes'], [500133]);
  });

  it('refuses a forged assertion and one minted for another app with 400 invalid_grant', async () => {
    const forged = await harness.authority.issueSsoAssertion(PartnerUserId.adminAgent, {
      signingKey: 'foreign',
    });
    const forgedResult = await onBehalfOf(forged);
    assert.equal(forgedResult.status, 400);
    assert.equal(forgedResult.body['error'], 'invalid_grant');
    assert.deepEqual(forgedResult.body['error_codes'], [50013]);

    const otherApp = await harness.authority.issueSsoAssertion(PartnerUserId.adminAgent, {
      audience: 'api://botid-someone-else',
    });
    const otherResult = await onBehalfOf(otherApp);
    assert.equal(otherResult.body['error'], 'invalid_grant');
    assert.match(String(otherResult.body['error_description']), /audience/);
  });

  it('answers interaction_required for a user switched to need MFA or consent', async () => {
    const assertion = await harness.authority.issueSsoAssertion(PartnerUserId.adminAgent);
    harness.authority.requireInteraction(PartnerUserId.adminAgent, 'mfa');
    const mfa = await onBehalfOf(assertion);
    assert.equal(mfa.status, 400);
    assert.equal(mfa.body['error'], 'interaction_required');
    assert.equal(mfa.body['suberror'], 'basic_action');
    assert.deepEqual(mfa.body['error_codes'], [50076]);
    assert.equal(typeof mfa.body['claims'], 'string');

    harness.authority.requireInteraction(PartnerUserId.adminAgent, 'consent');
    const consent = await onBehalfOf(assertion);
    assert.equal(consent.body['suberror'], 'consent_required');
    assert.deepEqual(consent.body['error_codes'], [65001]);

    harness.authority.clearInteraction(PartnerUserId.adminAgent);
    assert.equal((await onBehalfOf(assertion)).status, 200);
  });

  it('redeems a refresh token once for a new delegated token', async () => {
    const assertion = await harness.authority.issueSsoAssertion(PartnerUserId.salesAgent);
    const first = await onBehalfOf(assertion);
    const refreshForm = {
      grant_type: 'refresh_token',
      refresh_token: String(first.body['refresh_token']),
      client_id: BOT_CLIENT.clientId,
      client_secret: BOT_CLIENT.clientSecret,
      scope: `${PartnerCenterScope.userImpersonation} offline_access`,
    };
    const refreshed = await postTokenForm(harness, refreshForm);
    assert.equal(refreshed.status, 200);
    assert.equal(payloadOf(refreshed.body['access_token'])['oid'], PartnerUserId.salesAgent);
    const replayed = await postTokenForm(harness, refreshForm);
    assert.equal(replayed.status, 400);
    assert.equal(replayed.body['error'], 'invalid_grant');
  });

  it("refuses a user's refresh tokens after they are revoked, and only that user's", async () => {
    const refreshWith = (token: unknown) =>
      postTokenForm(harness, {
        grant_type: 'refresh_token',
        refresh_token: String(token),
        client_id: BOT_CLIENT.clientId,
        client_secret: BOT_CLIENT.clientSecret,
        scope: `${PartnerCenterScope.userImpersonation} offline_access`,
      });
    const sales = await onBehalfOf(await harness.authority.issueSsoAssertion(PartnerUserId.salesAgent));
    const admin = await onBehalfOf(await harness.authority.issueSsoAssertion(PartnerUserId.adminAgent));
    assert.equal(harness.authority.revokeRefreshTokens(PartnerUserId.salesAgent), 1);
    const refused = await refreshWith(sales.body['refresh_token']);
    assert.equal(refused.status, 400);
    assert.equal(refused.body['error'], 'invalid_grant');
    assert.deepEqual(refused.body['error_codes'], [9002313]);
    assert.equal((await refreshWith(admin.body['refresh_token'])).status, 200);
  });

  describe('sandbox convenience routes', () => {
    it('mints an SSO assertion by UPN that the token endpoint accepts', async () => {
      const { status, body } = await postJson(harness, '/_sandbox/auth/sso-token', {
        userPrincipalName: 'SARA@contosopartner.onmicrosoft.com',
      });
      assert.equal(status, 200);
      const claims = payloadOf(body['token']);
      assert.equal(claims['aud'], `api://botid-${BOT_CLIENT.clientId}`);
      assert.equal(claims['oid'], PartnerUserId.salesAgent);
      assert.equal((await onBehalfOf(String(body['token']))).status, 200);
    });

    it('answers 404 for an unknown user and 400 for a malformed request', async () => {
      assert.equal((await postJson(harness, '/_sandbox/auth/sso-token', { oid: 'nobody' })).status, 404);
      assert.equal((await postJson(harness, '/_sandbox/auth/sso-token', { who: 'x' })).status, 400);
      assert.equal(
        (await postJson(harness, '/_sandbox/auth/token', { kind: 'user', oid: 'nobody' })).status,
        404,
      );
    });

    it('hands out Partner Center tokens directly that verify() accepts', async () => {
      const app = await postJson(harness, '/_sandbox/auth/token', { kind: 'app' });
      const appOutcome = await harness.authority.verify(`Bearer ${String(app.body['token'])}`, 'appOrUser');
      assert.equal(appOutcome.ok, true);
      const user = await postJson(harness, '/_sandbox/auth/token', {
        kind: 'user',
        oid: PartnerUserId.adminAgent,
      });
      const userOutcome = await harness.authority.verify(`Bearer ${String(user.body['token'])}`, 'userOnly');
      assert.ok(userOutcome.ok);
      assert.equal(userOutcome.caller.oid, PartnerUserId.adminAgent);
    });
  });
});
