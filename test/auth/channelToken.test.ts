import assert from 'node:assert/strict';

import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

import { postJson, startAuthority } from './authorityHarness.js';
import type { AuthorityHarness } from './authorityHarness.js';
import { BOT_CLIENT } from './partnerFixture.js';

describe('sandbox authority: Bot Framework channel tokens', () => {
  let harness: AuthorityHarness;

  // One authority per suite: generating RSA keys is the slow part. Each test starts from a reset.
  before(async () => {
    harness = await startAuthority();
  });
  beforeEach(() => harness.reset());
  after(async () => {
    await harness.close();
  });

  async function botFrameworkMetadata(): Promise<Record<string, unknown>> {
    const response = await fetch(`${harness.baseUrl}/botframework/v1/.well-known/openidconfiguration`);
    assert.equal(response.status, 200);
    return (await response.json()) as Record<string, unknown>;
  }

  it('signs channel tokens that verify through the Bot Framework metadata and keys', async () => {
    const metadata = await botFrameworkMetadata();
    assert.equal(metadata['issuer'], 'https://api.botframework.com');
    const serviceUrl = 'http://127.0.0.1:56150/_connector';
    const { status, body } = await postJson(harness, '/_sandbox/auth/channel-token', {
      appId: BOT_CLIENT.clientId,
      serviceUrl,
    });
    assert.equal(status, 200);

    const keys = createRemoteJWKSet(new URL(String(metadata['jwks_uri'])));
    const { payload, protectedHeader } = await jwtVerify(String(body['token']), keys, {
      issuer: 'https://api.botframework.com',
      audience: BOT_CLIENT.clientId,
      algorithms: ['RS256'],
    });
    assert.equal(payload['serviceurl'], serviceUrl);
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(Number(payload.exp) - Number(payload.nbf), 3600);
  });

  it('publishes the channel key with the endorsements botframework-connector checks', async () => {
    const metadata = await botFrameworkMetadata();
    const response = await fetch(String(metadata['jwks_uri']));
    const jwks = (await response.json()) as { keys: { kid: string; endorsements?: string[] }[] };
    assert.equal(jwks.keys.length, 1);
    assert.ok(jwks.keys[0]?.endorsements?.includes('msteams'));
  });

  it('uses a key of its own: the Entra keys do not verify a channel token, nor the channel keys an Entra one', async () => {
    const tenantId = harness.authority.partner.tenantId;
    const entraKeys = createRemoteJWKSet(new URL(`${harness.baseUrl}/${tenantId}/discovery/v2.0/keys`));
    const channelKeys = createRemoteJWKSet(new URL(`${harness.baseUrl}/botframework/v1/.well-known/keys`));
    const channelToken = await harness.authority.issueChannelToken(
      BOT_CLIENT.clientId,
      'https://smba.example/',
    );
    await assert.rejects(jwtVerify(channelToken, entraKeys), errors.JWKSNoMatchingKey);
    await assert.rejects(
      jwtVerify(await harness.authority.issueAppToken(), channelKeys),
      errors.JWKSNoMatchingKey,
    );
  });

  it('refuses a channel-token request without an app id', async () => {
    const { status, body } = await postJson(harness, '/_sandbox/auth/channel-token', {
      serviceUrl: 'https://x/',
    });
    assert.equal(status, 400);
    assert.equal(body['code'], 'invalid_request');
  });
});
