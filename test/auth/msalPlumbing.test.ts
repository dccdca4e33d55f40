import assert from 'node:assert/strict';

import { AuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';

import type { SignInReason } from '../../src/services/errors.js';
import { LoopbackNetworkClient } from '../../src/services/auth/loopbackNetworkClient.js';
import { buildMsalConfiguration, entraAuthorityMetadata } from '../../src/services/auth/msalConfiguration.js';
import { classifyMsalError } from '../../src/services/auth/msalErrorClassifier.js';
import { SandboxAssertionSource } from '../../src/services/auth/sandboxAssertionSource.js';
import { startAuthority } from './authorityHarness.js';
import { BOT_CLIENT, PartnerUserId } from './partnerFixture.js';

describe('classifyMsalError', () => {
  const interaction = (code: string, subError: string, errorNo: string) =>
    new InteractionRequiredAuthError(code, 'cid', `AADSTS${errorNo}: text`, subError, '', '', '', errorNo);
  const server = (code: string, errorNo: string | undefined, message = '') =>
    new ServerError(code, 'cid', message, '', errorNo, 400);

  const cases: { name: string; error: unknown; reason: SignInReason | undefined }[] = [
    {
      name: 'MFA (50076)',
      error: interaction('interaction_required', 'basic_action', '50076'),
      reason: 'mfa_required',
    },
    {
      name: 'MFA enrolment (50079)',
      error: interaction('interaction_required', '', '50079'),
      reason: 'mfa_required',
    },
    {
      name: 'MFA as invalid_grant + basic_action',
      error: interaction('invalid_grant', 'basic_action', '50076'),
      reason: 'mfa_required',
    },
    {
      name: 'consent (65001)',
      error: interaction('interaction_required', 'consent_required', '65001'),
      reason: 'consent_required',
    },
    {
      name: 'consent_required error code',
      error: interaction('consent_required', '', ''),
      reason: 'consent_required',
    },
    { name: 'expired assertion (500133)', error: server('invalid_grant', '500133'), reason: 'expired' },
    { name: 'invalid assertion (50013)', error: server('invalid_grant', '50013'), reason: 'expired' },
    { name: 'unknown user (50034)', error: server('invalid_grant', '50034'), reason: 'unknown_user' },
    {
      name: 'AADSTS number only in the message',
      error: server('invalid_grant', undefined, 'Description: AADSTS50034: x'),
      reason: 'unknown_user',
    },
    { name: 'login_required', error: interaction('login_required', '', ''), reason: 'not_signed_in' },
    {
      name: 'refresh token revoked or expired at the authority (9002313)',
      error: server('invalid_grant', '9002313'),
      reason: 'expired',
    },
    {
      name: 'cached refresh token past its expiry',
      error: interaction('refresh_token_expired', '', ''),
      reason: 'expired',
    },
    { name: 'bad client secret', error: server('invalid_client', '7000215'), reason: undefined },
    { name: 'network failure', error: new AuthError('network_error', 'boom'), reason: undefined },
    { name: 'not an Error', error: 'boom', reason: undefined },
  ];
  for (const { name, error, reason } of cases) {
    it(`${name} → ${reason ?? 'not a sign-in problem'}`, () => {
      const result = classifyMsalError(error);
      assert.equal(result?.reason, reason);
      if (result) assert.ok(result.message.length > 0);
    });
  }
});

describe('buildMsalConfiguration', () => {
  it('leaves production on MSAL’s own network client and discovery', () => {
    const configuration = buildMsalConfiguration({
      clientId: 'c',
      clientSecret: 's',
      authority: 'https://login.microsoftonline.com/t1',
    });
    assert.deepEqual(configuration, {
      auth: { clientId: 'c', clientSecret: 's', authority: 'https://login.microsoftonline.com/t1' },
    });
  });

  it('gives the sandbox knownAuthorities, Entra-shaped metadata and a loopback network client', () => {
    const cachePlugin = {
      beforeCacheAccess: () => Promise.resolve(),
      afterCacheAccess: () => Promise.resolve(),
    };
    const configuration = buildMsalConfiguration({
      clientId: 'c',
      clientSecret: 's',
      authority: 'https://login.sandbox.test/t1',
      sandboxBaseUrl: 'http://127.0.0.1:5100',
      cachePlugin,
    });
    assert.deepEqual(configuration.auth.knownAuthorities, ['login.sandbox.test']);
    assert.deepEqual(
      JSON.parse(configuration.auth.authorityMetadata ?? '{}'),
      entraAuthorityMetadata('https://login.sandbox.test/t1'),
    );
    assert.equal(
      entraAuthorityMetadata('https://login.sandbox.test/t1/').token_endpoint,
      'https://login.sandbox.test/t1/oauth2/v2.0/token',
    );
    assert.ok(configuration.system?.networkClient instanceof LoopbackNetworkClient);
    assert.equal(configuration.cache?.cachePlugin, cachePlugin);
  });
});

describe('LoopbackNetworkClient', () => {
  it('maps the authority origin onto the loopback base URL, keeping path and query', () => {
    const client = new LoopbackNetworkClient('https://login.sandbox.test', 'http://127.0.0.1:5100');
    assert.equal(
      client.mapUrl('https://login.sandbox.test/t1/oauth2/v2.0/token?client-request-id=abc'),
      'http://127.0.0.1:5100/t1/oauth2/v2.0/token?client-request-id=abc',
    );
  });

  it('refuses to send anywhere but the configured authority, and to target anything but loopback', () => {
    const client = new LoopbackNetworkClient('https://login.sandbox.test', 'http://localhost:5100');
    assert.throws(() => client.mapUrl('https://login.microsoftonline.com/t1/oauth2/v2.0/token'), {
      name: 'AppError',
    });
    assert.throws(() => new LoopbackNetworkClient('https://login.sandbox.test', 'http://10.0.0.5:5100'), {
      name: 'AppError',
      code: 'config_invalid',
    });
  });
});

describe('SandboxAssertionSource', () => {
  it('keeps an assertion until shortly before it expires, and fetches anew after discard', async () => {
    let now = new Date();
    // One clock for both, as the assertion's expiry is the authority's idea of time.
    const harness = await startAuthority({ now: () => now });
    try {
      const source = new SandboxAssertionSource({
        sandboxBaseUrl: harness.baseUrl,
        clientId: BOT_CLIENT.clientId,
        now: () => now,
      });
      const user = { oid: PartnerUserId.adminAgent, tenantId: harness.authority.partner.tenantId };
      const first = await source.getAssertion(user);
      const second = await source.getAssertion(user);
      assert.ok(first.kind === 'assertion' && second.kind === 'assertion');
      assert.equal(second.assertion, first.assertion);
      assert.equal(harness.count('POST', '/_sandbox/auth/sso-token'), 1);

      now = new Date(now.getTime() + 56 * 60 * 1000);
      await source.getAssertion(user);
      assert.equal(harness.count('POST', '/_sandbox/auth/sso-token'), 2);

      const current = await source.getAssertion(user);
      assert.ok(current.kind === 'assertion');
      source.discard(user, current.assertion);
      await source.getAssertion(user);
      assert.equal(harness.count('POST', '/_sandbox/auth/sso-token'), 3);
    } finally {
      await harness.close();
    }
  });
});
