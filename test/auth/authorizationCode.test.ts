import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';

import { PartnerCenterScope } from '../../sandbox/auth/entraConstants.js';
import { payloadOf, postTokenForm, startAuthority } from './authorityHarness.js';
import type { AuthorityHarness } from './authorityHarness.js';
import { BOT_CLIENT, PartnerUserId, partnerFixture } from './partnerFixture.js';

const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const REDIRECT_URI = 'https://bot.example.com/auth/callback';
const OTHER_CLIENT = { clientId: 'c1c1c1c1-0000-4000-8000-00000000c1c1', clientSecret: 'other-secret' };

/** A PKCE pair as msal-node makes it: a random verifier and its S256 challenge. */
function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

const upnOf = (oid: string): string =>
  partnerFixture().users.find((user) => user.oid === oid)?.userPrincipalName ?? '';

describe('sandbox token authority: the authorization-code flow with PKCE', () => {
  let harness: AuthorityHarness;
  let clock = new Date();

  // One authority per suite: generating RSA keys is the slow part. Each test starts from a reset.
  before(async () => {
    harness = await startAuthority({
      clients: [
        { ...BOT_CLIENT, redirectUris: [REDIRECT_URI, 'http://127.0.0.1/auth/callback'] },
        OTHER_CLIENT,
      ],
      now: () => clock,
    });
  });
  beforeEach(() => {
    clock = new Date();
    harness.reset();
  });
  after(async () => {
    await harness.close();
  });

  const tenant = () => harness.authority.partner.tenantId;
  const authorizePath = () => `/${tenant()}/oauth2/v2.0/authorize`;

  /** GET authorize without following the redirect: the status, Location and page. */
  async function authorize(
    params: Record<string, string>,
  ): Promise<{ status: number; location: URL | undefined; html: string; headers: Headers }> {
    const response = await fetch(
      `${harness.baseUrl}${authorizePath()}?${new URLSearchParams(params).toString()}`,
      {
        redirect: 'manual',
      },
    );
    const location = response.headers.get('location');
    return {
      status: response.status,
      location: location ? new URL(location) : undefined,
      html: await response.text(),
      headers: response.headers,
    };
  }

  const codeRequest = (challenge: string, overrides: Record<string, string> = {}) => ({
    client_id: BOT_CLIENT.clientId,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: `${PartnerCenterScope.userImpersonation} openid profile offline_access`,
    state: 'state-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    login_hint: upnOf(PartnerUserId.adminAgent),
    ...overrides,
  });

  const redeem = (code: string, verifier: string, overrides: Record<string, string> = {}) =>
    postTokenForm(harness, {
      grant_type: 'authorization_code',
      client_id: BOT_CLIENT.clientId,
      client_secret: BOT_CLIENT.clientSecret,
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      scope: `${PartnerCenterScope.userImpersonation} openid profile offline_access`,
      client_info: '1',
      ...overrides,
    });

  async function codeFor(challenge: string, overrides: Record<string, string> = {}): Promise<string> {
    const { status, location } = await authorize(codeRequest(challenge, overrides));
    assert.equal(status, 302);
    const code = location?.searchParams.get('code');
    assert.ok(code, `no code in ${String(location)}`);
    return code;
  }

  it('advertises the authorize endpoint, codes by query and S256 in its OpenID metadata', async () => {
    const response = await fetch(`${harness.baseUrl}/${tenant()}/v2.0/.well-known/openid-configuration`);
    const metadata = (await response.json()) as Record<string, unknown>;
    assert.equal(metadata['authorization_endpoint'], `${harness.baseUrl}${authorizePath()}`);
    assert.deepEqual(metadata['code_challenge_methods_supported'], ['S256']);
    assert.deepEqual(metadata['response_types_supported'], ['code']);
    assert.ok((metadata['grant_types_supported'] as string[]).includes('authorization_code'));
  });

  it('signs in the user named by login_hint and redeems the code once for a delegated token', async () => {
    const { verifier, challenge } = pkce();
    const { status, location, headers } = await authorize(codeRequest(challenge));
    assert.equal(status, 302);
    assert.equal(`${location?.origin}${location?.pathname}`, REDIRECT_URI);
    assert.equal(location?.searchParams.get('state'), 'state-123');
    assert.equal(headers.get('cache-control'), 'no-store');
    const code = location?.searchParams.get('code') ?? '';

    const { status: tokenStatus, body } = await redeem(code, verifier);
    assert.equal(tokenStatus, 200);
    const claims = payloadOf(body['access_token']);
    assert.equal(claims['oid'], PartnerUserId.adminAgent);
    assert.equal(claims['aud'], 'https://api.partnercenter.microsoft.com');
    assert.equal(claims['scp'], 'user_impersonation');
    assert.deepEqual(claims['amr'], ['pwd', 'mfa']);
    assert.equal(typeof body['refresh_token'], 'string');
    assert.equal(payloadOf(body['id_token'])['oid'], PartnerUserId.adminAgent);
    assert.equal(
      Buffer.from(String(body['client_info']), 'base64url').toString('utf8'),
      JSON.stringify({ uid: PartnerUserId.adminAgent, utid: tenant() }),
    );
    assert.deepEqual(
      harness.authority.tokenRequests().map((request) => [request.grantType, request.status]),
      [['authorization_code', 200]],
    );
  });

  it('carries the seed user’s missing MFA into the token of an interactive sign-in', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge, { login_hint: upnOf(PartnerUserId.adminAgentWithoutMfa) });
    const { body } = await redeem(code, verifier);
    assert.deepEqual(payloadOf(body['access_token'])['amr'], ['pwd']);
  });

  it('shows an account picker without login_hint, whose form submits back with the chosen user', async () => {
    const { challenge } = pkce();
    const { status, html, headers } = await authorize(codeRequest(challenge, { login_hint: '' }));
    assert.equal(status, 200);
    assert.match(headers.get('content-type') ?? '', /^text\/html/);
    assert.match(headers.get('content-security-policy') ?? '', /default-src 'none'/);
    for (const user of partnerFixture().users) assert.ok(html.includes(user.userPrincipalName));
    assert.match(html, /<form method="get" action="\/[^"]+\/oauth2\/v2\.0\/authorize">/);
    assert.match(html, /name="code_challenge" value="[A-Za-z0-9_-]{43}"/);
    assert.ok(!html.includes('name="login_hint" value'), 'the hint is chosen in the form, not carried');

    const unknown = await authorize(
      codeRequest(challenge, { login_hint: 'nobody@contosopartner.onmicrosoft.com' }),
    );
    assert.equal(unknown.status, 400);
    assert.match(unknown.html, /AADSTS50034/);
  });

  it('never redirects to an unregistered redirect URI or for an unknown client: an error page instead', async () => {
    const { challenge } = pkce();
    const foreign = await authorize(
      codeRequest(challenge, { redirect_uri: 'https://evil.example/auth/callback' }),
    );
    assert.equal(foreign.status, 400);
    assert.equal(foreign.location, undefined);
    assert.match(foreign.html, /AADSTS50011/);
    assert.ok(!foreign.html.includes('<script'), 'the page echoes nothing executable');

    const unknownClient = await authorize(codeRequest(challenge, { client_id: 'not-registered' }));
    assert.equal(unknownClient.status, 400);
    assert.match(unknownClient.html, /AADSTS700016/);

    const escaped = await authorize(codeRequest(challenge, { redirect_uri: '"><script>alert(1)</script>' }));
    assert.equal(escaped.status, 400);
    assert.ok(!escaped.html.includes('<script>'), 'a hostile redirect URI is escaped');
  });

  it('accepts the registered loopback redirect URI on any port, as Entra ignores the port of loopback URIs', async () => {
    const { verifier, challenge } = pkce();
    const loopback = 'http://127.0.0.1:56789/auth/callback';
    const code = await codeFor(challenge, { redirect_uri: loopback });
    assert.equal((await redeem(code, verifier, { redirect_uri: loopback })).status, 200);
    const otherPath = await authorize(
      codeRequest(challenge, { redirect_uri: 'http://127.0.0.1:56789/other' }),
    );
    assert.equal(otherPath.status, 400);
  });

  it('sends request errors back to the redirect URI with state: no PKCE, plain PKCE, wrong response type, cancel', async () => {
    const { challenge } = pkce();
    const errorOf = async (overrides: Record<string, string>) => {
      const { status, location } = await authorize(codeRequest(challenge, overrides));
      assert.equal(status, 302);
      assert.equal(location?.searchParams.get('state'), 'state-123');
      assert.equal(location?.searchParams.get('code'), null);
      return [
        location?.searchParams.get('error'),
        /AADSTS(\d+)/.exec(location?.searchParams.get('error_description') ?? '')?.[1],
      ];
    };
    assert.deepEqual(await errorOf({ code_challenge: '' }), ['invalid_request', '900144']);
    assert.deepEqual(await errorOf({ code_challenge_method: 'plain' }), ['invalid_request', '501491']);
    assert.deepEqual(await errorOf({ response_type: 'token' }), ['unsupported_response_type', '70005']);
    assert.deepEqual(await errorOf({ scope: 'openid profile' }), ['invalid_scope', '70011']);
    assert.deepEqual(await errorOf({ sandbox_action: 'cancel' }), ['access_denied', '65004']);
  });

  it('refuses a wrong verifier with AADSTS501481 and spends the code: its reuse gets AADSTS54005', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    const wrong = await redeem(code, pkce().verifier);
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body['error'], 'invalid_grant');
    assert.deepEqual(wrong.body['error_codes'], [501481]);
    const again = await redeem(code, verifier);
    assert.deepEqual(again.body['error_codes'], [54005]);
  });

  it('redeems a code only once, within ten minutes, for its own client and redirect URI', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    assert.equal((await redeem(code, verifier)).status, 200);
    const reused = await redeem(code, verifier);
    assert.equal(reused.status, 400);
    assert.deepEqual(reused.body['error_codes'], [54005]);
    assert.match(
      String(reused.body['error_description']),
      /^AADSTS54005: OAuth2 Authorization code was already redeemed/,
    );

    const late = await codeFor(challenge);
    clock = new Date(clock.getTime() + 11 * 60 * 1000);
    assert.deepEqual((await redeem(late, verifier)).body['error_codes'], [70008]);
    clock = new Date();

    const elsewhere = await codeFor(challenge);
    const moved = await redeem(elsewhere, verifier, { redirect_uri: 'http://127.0.0.1/auth/callback' });
    assert.deepEqual(moved.body['error_codes'], [500112]);

    const stolen = await codeFor(challenge);
    const byOther = await redeem(stolen, verifier, {
      client_id: OTHER_CLIENT.clientId,
      client_secret: OTHER_CLIENT.clientSecret,
    });
    assert.deepEqual(byOther.body['error_codes'], [70000]);
    assert.deepEqual((await redeem('made-up', verifier)).body['error_codes'], [70000]);
    assert.deepEqual(
      (await redeem(await codeFor(challenge), verifier, { code_verifier: '' })).body['error_codes'],
      [501481],
    );
  });

  it('takes a consent given on its page for the on-behalf-of exchange; an MFA demand stays', async () => {
    const onBehalfOf = async (oid: string) =>
      postTokenForm(harness, {
        grant_type: OBO_GRANT,
        requested_token_use: 'on_behalf_of',
        assertion: await harness.authority.issueSsoAssertion(oid),
        client_id: BOT_CLIENT.clientId,
        client_secret: BOT_CLIENT.clientSecret,
        scope: PartnerCenterScope.userImpersonation,
      });
    harness.authority.requireInteraction(PartnerUserId.adminAgent, 'consent');
    assert.equal((await onBehalfOf(PartnerUserId.adminAgent)).body['suberror'], 'consent_required');
    await codeFor(pkce().challenge);
    assert.equal((await onBehalfOf(PartnerUserId.adminAgent)).status, 200);

    harness.authority.requireInteraction(PartnerUserId.salesAgent, 'mfa');
    await codeFor(pkce().challenge, { login_hint: upnOf(PartnerUserId.salesAgent) });
    assert.equal((await onBehalfOf(PartnerUserId.salesAgent)).body['error'], 'interaction_required');
    assert.deepEqual(
      harness.authority.tokenRequests().map((request) => [request.grantType, request.error ?? 'ok']),
      [
        [OBO_GRANT, 'interaction_required'],
        [OBO_GRANT, 'ok'],
        [OBO_GRANT, 'interaction_required'],
      ],
    );
  });
});
