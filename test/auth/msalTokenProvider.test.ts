import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';

import { ConfidentialClientApplication, InteractionRequiredAuthError } from '@azure/msal-node';
import type { AccountInfo, AuthenticationResult } from '@azure/msal-node';
import fastify from 'fastify';

import type { AssertionResult, AssertionSource } from '../../src/services/auth/assertionSource.js';
import type { DelegatedClient, DelegatedClients } from '../../src/services/auth/delegatedClients.js';
import { buildMsalConfiguration } from '../../src/services/auth/msalConfiguration.js';
import type { MsalClientSettings } from '../../src/services/auth/msalConfiguration.js';
import { MsalTokenProvider } from '../../src/services/auth/msalTokenProvider.js';
import type { PartnerRole, PartnerUserRef } from '../../src/services/auth/models.js';
import { ClaimsRoleResolver } from '../../src/services/auth/roleResolver.js';
import { SandboxAssertionSource } from '../../src/services/auth/sandboxAssertionSource.js';
import { decodeTokenClaimsUnverified } from '../../src/services/auth/tokenClaims.js';
import { createLogger, createSilentLogger } from '../../src/services/logging/logger.js';
import type { Logger } from '../../src/services/logging/logger.js';
import { startAuthority } from './authorityHarness.js';
import type { AuthorityHarness } from './authorityHarness.js';
import { BOT_CLIENT, PartnerUserId } from './partnerFixture.js';

const TOKEN_PATH = (harness: AuthorityHarness) => `/${harness.authority.partner.tenantId}/oauth2/v2.0/token`;
const SSO_PATH = '/_sandbox/auth/sso-token';

describe('MsalTokenProvider against the sandbox authority (real msal-node, real HTTP)', () => {
  let harness: AuthorityHarness;

  // One authority per suite: generating RSA keys is the slow part. Each test starts from a reset.
  before(async () => {
    harness = await startAuthority();
  });
  beforeEach(() => harness.reset());
  after(async () => {
    await harness.close();
  });

  const settings = (overrides: Partial<MsalClientSettings> = {}): MsalClientSettings => ({
    clientId: BOT_CLIENT.clientId,
    clientSecret: BOT_CLIENT.clientSecret,
    authority: `https://login.sandbox.test/${harness.authority.partner.tenantId}`,
    sandboxBaseUrl: harness.baseUrl,
    ...overrides,
  });

  const providerWith = (
    options: {
      settings?: Partial<MsalClientSettings>;
      assertionSource?: AssertionSource;
      logger?: Logger;
    } = {},
  ) =>
    new MsalTokenProvider({
      client: new ConfidentialClientApplication(buildMsalConfiguration(settings(options.settings))),
      assertionSource:
        options.assertionSource ??
        new SandboxAssertionSource({ sandboxBaseUrl: harness.baseUrl, clientId: BOT_CLIENT.clientId }),
      logger: options.logger ?? createSilentLogger(),
    });

  const userRef = (oid: string): PartnerUserRef => ({ oid, tenantId: harness.authority.partner.tenantId });

  it('runs on-behalf-of through the token endpoint once, then serves the token from MSAL’s cache', async () => {
    const provider = providerWith();
    const first = await provider.getDelegatedToken(userRef(PartnerUserId.adminAgent));
    assert.equal(first.kind, 'token');
    assert.equal(harness.count('POST', TOKEN_PATH(harness)), 1);
    assert.equal(harness.count('POST', SSO_PATH), 1);
    // msal-node was configured with authorityMetadata, so it never asked for discovery.
    assert.equal(
      harness.count('GET', `/${harness.authority.partner.tenantId}/v2.0/.well-known/openid-configuration`),
      0,
    );

    const outcome = await harness.authority.verify(`Bearer ${first.accessToken}`, 'userOnly');
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.equal(outcome.caller.oid, PartnerUserId.adminAgent);
    assert.ok(first.expiresOn.getTime() > Date.now() + 50 * 60 * 1000);

    const second = await provider.getDelegatedToken(userRef(PartnerUserId.adminAgent));
    assert.equal(second.kind, 'token');
    assert.equal(second.accessToken, first.accessToken);
    assert.equal(harness.count('POST', TOKEN_PATH(harness)), 1);
    assert.equal(harness.count('POST', SSO_PATH), 1);
  });

  it('gets a separate token per user', async () => {
    const provider = providerWith();
    const admin = await provider.getDelegatedToken(userRef(PartnerUserId.adminAgent));
    const sales = await provider.getDelegatedToken(userRef(PartnerUserId.salesAgent));
    assert.ok(admin.kind === 'token' && sales.kind === 'token');
    assert.equal(decodeTokenClaimsUnverified(sales.accessToken).oid, PartnerUserId.salesAgent);
    assert.equal(harness.count('POST', TOKEN_PATH(harness)), 2);
  });

  it('gets an app-only token by client credentials, cached for its lifetime', async () => {
    const provider = providerWith();
    const token = await provider.getAppToken({ correlationId: '8d0c9a8e-4a8b-4c1e-9b1a-0c2b7a9f1e11' });
    assert.equal(harness.count('POST', TOKEN_PATH(harness)), 1);
    assert.equal((await harness.authority.verify(`Bearer ${token}`, 'appOrUser')).ok, true);
    const userOnly = await harness.authority.verify(`Bearer ${token}`, 'userOnly');
    assert.equal(userOnly.ok, false);
    assert.equal(await provider.getAppToken(), token);
    assert.equal(harness.count('POST', TOKEN_PATH(harness)), 1);
  });

  describe('issued tokens carry the claims each demo role resolves from', () => {
    const cases: { name: string; oid: string; roles: PartnerRole[] }[] = [
      { name: 'Global admin', oid: PartnerUserId.globalAdmin, roles: ['GlobalAdmin'] },
      { name: 'Admin agent', oid: PartnerUserId.adminAgent, roles: ['AdminAgent'] },
      { name: 'Sales agent', oid: PartnerUserId.salesAgent, roles: ['SalesAgent'] },
      {
        name: 'User management admin',
        oid: PartnerUserId.userManagementAdmin,
        roles: ['UserManagementAdmin'],
      },
      { name: 'user without a role', oid: PartnerUserId.noRole, roles: [] },
    ];
    for (const { name, oid, roles } of cases) {
      it(`${name} → ${JSON.stringify(roles)}`, async () => {
        const result = await providerWith().getDelegatedToken(userRef(oid));
        assert.equal(result.kind, 'token');
        const claims = decodeTokenClaimsUnverified(result.accessToken);
        const resolver = new ClaimsRoleResolver(harness.authority.partner);
        assert.deepEqual(resolver.resolve(claims), roles);
        assert.deepEqual(claims.amr, ['pwd', 'mfa']);
        assert.equal(claims.tid, harness.authority.partner.tenantId);
      });
    }
  });

  it('gets a token without MFA for a user without MFA, which Partner Center then refuses with 900421', async () => {
    const result = await providerWith().getDelegatedToken(userRef(PartnerUserId.adminAgentWithoutMfa));
    assert.equal(result.kind, 'token');
    const outcome = await harness.authority.verify(`Bearer ${result.accessToken}`, 'appOrUser');
    assert.deepEqual(outcome.ok ? undefined : [outcome.status, outcome.code], [401, 900421]);
  });

  it('maps interaction_required for MFA to needsSignIn mfa_required', async () => {
    harness.authority.requireInteraction(PartnerUserId.adminAgent, 'mfa');
    const result = await providerWith().getDelegatedToken(userRef(PartnerUserId.adminAgent));
    assert.equal(result.kind, 'needsSignIn');
    assert.equal(result.reason, 'mfa_required');
    assert.equal(harness.count('POST', TOKEN_PATH(harness)), 1);
  });

  it('maps missing consent (AADSTS65001) to needsSignIn consent_required', async () => {
    harness.authority.requireInteraction(PartnerUserId.salesAgent, 'consent');
    const result = await providerWith().getDelegatedToken(userRef(PartnerUserId.salesAgent));
    assert.deepEqual(result.kind === 'needsSignIn' ? result.reason : result.kind, 'consent_required');
  });

  it('maps an expired assertion to needsSignIn expired and discards that assertion', async () => {
    const expired = await harness.authority.issueSsoAssertion(PartnerUserId.adminAgent, {
      issuedAt: new Date(Date.now() - 3 * 60 * 60 * 1000),
    });
    const discarded: string[] = [];
    const source: AssertionSource = {
      getAssertion: (): Promise<AssertionResult> =>
        Promise.resolve({ kind: 'assertion', assertion: expired }),
      discard: (_user, assertion) => discarded.push(assertion),
    };
    const result = await providerWith({ assertionSource: source }).getDelegatedToken(
      userRef(PartnerUserId.adminAgent),
    );
    assert.deepEqual(result.kind === 'needsSignIn' ? result.reason : result.kind, 'expired');
    assert.deepEqual(discarded, [expired]);
  });

  it('maps a user the partner tenant no longer has to needsSignIn unknown_user', async () => {
    const assertion = await harness.authority.issueSsoAssertion(PartnerUserId.salesAgent);
    const partner = harness.authority.partner;
    harness.authority.replacePartner({
      ...partner,
      users: partner.users.filter((u) => u.oid !== PartnerUserId.salesAgent),
    });
    const source: AssertionSource = {
      getAssertion: () => Promise.resolve({ kind: 'assertion' as const, assertion }),
      discard: () => undefined,
    };
    const result = await providerWith({ assertionSource: source }).getDelegatedToken(
      userRef(PartnerUserId.salesAgent),
    );
    assert.deepEqual(result.kind === 'needsSignIn' ? result.reason : result.kind, 'unknown_user');
  });

  it('says unknown_user when the sandbox has no demo user for the Teams user', async () => {
    const result = await providerWith().getDelegatedToken(userRef('99999999-0000-4000-8000-000000000099'));
    assert.deepEqual(result.kind === 'needsSignIn' ? result.reason : result.kind, 'unknown_user');
    assert.equal(harness.count('POST', TOKEN_PATH(harness)), 0);
  });

  it('maps the playground user to the configured demo partner user', async () => {
    const playgroundOid = '00000000-0000-0000-0000-0000000000020';
    const provider = providerWith({
      assertionSource: new SandboxAssertionSource({
        sandboxBaseUrl: harness.baseUrl,
        clientId: BOT_CLIENT.clientId,
        demoUserByAadObjectId: { [playgroundOid]: PartnerUserId.globalAdmin },
      }),
    });
    const result = await provider.getDelegatedToken(userRef(playgroundOid));
    assert.equal(result.kind, 'token');
    assert.equal(decodeTokenClaimsUnverified(result.accessToken).oid, PartnerUserId.globalAdmin);
  });

  it('fails (does not ask for a sign-in) when the client secret is wrong', async () => {
    const provider = providerWith({ settings: { clientSecret: 'wrong' } });
    await assert.rejects(provider.getAppToken(), { name: 'AppError', code: 'token_acquisition_failed' });
    await assert.rejects(provider.getDelegatedToken(userRef(PartnerUserId.adminAgent)), {
      name: 'AppError',
      code: 'token_acquisition_failed',
    });
  });

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(providerWith().getAppToken({ abortSignal: controller.signal }), {
      name: 'AbortError',
    });
  });

  it('gives up waiting for MSAL when the caller aborts mid-request', async () => {
    const provider = new MsalTokenProvider({
      client: clientThatNeverAnswers(),
      assertionSource: {
        getAssertion: () => Promise.resolve({ kind: 'assertion' as const, assertion: 'a' }),
        discard: () => undefined,
      },
      logger: createSilentLogger(),
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    await assert.rejects(provider.getAppToken({ abortSignal: controller.signal }), { name: 'AbortError' });
    const delegated = new AbortController();
    setTimeout(() => delegated.abort(), 10);
    await assert.rejects(provider.getDelegatedToken(userRef('u'), { abortSignal: delegated.signal }), {
      name: 'AbortError',
    });
  });

  it('never writes tokens or assertions to the log', async () => {
    const lines: string[] = [];
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    const logger = createLogger({ level: 'trace', destination });
    harness.authority.requireInteraction(PartnerUserId.adminAgent, 'mfa');
    const assertion = await harness.authority.issueSsoAssertion(PartnerUserId.adminAgent);
    const source: AssertionSource = {
      getAssertion: () => Promise.resolve({ kind: 'assertion' as const, assertion }),
      discard: () => undefined,
    };
    const provider = providerWith({ assertionSource: source, logger });
    assert.equal((await provider.getDelegatedToken(userRef(PartnerUserId.adminAgent))).kind, 'needsSignIn');
    await assert.rejects(providerWith({ settings: { clientSecret: 'wrong' }, logger }).getAppToken());
    const logged = lines.join('');
    assert.match(logged, /needs a sign-in/);
    assert.match(logged, /token request failed/);
    assert.ok(!logged.includes(assertion), 'the assertion was logged');
    assert.ok(!logged.includes(BOT_CLIENT.clientSecret), 'the client secret was logged');
    assert.ok(!/eyJ[\w-]+\.eyJ/.test(logged), 'a JWT was logged');
  });
});

describe('MsalTokenProvider when the token endpoint answers 404 with an empty JSON body', () => {
  it('treats the empty access token msal-node resolves with as an error', async () => {
    const app = fastify();
    // Without a form parser fastify would answer 415 and MSAL would throw; the gotcha needs a real 404.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => done(null, body),
    );
    let tokenRequests = 0;
    const tenantId = 'aaaaaaaa-0000-4000-8000-00000000aaaa';
    app.post(`/${tenantId}/oauth2/v2.0/token`, (_request, reply) => {
      tokenRequests += 1;
      return reply.code(404).send({});
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = app.server.address();
      assert.ok(address !== null && typeof address === 'object');
      const provider = new MsalTokenProvider({
        client: new ConfidentialClientApplication(
          buildMsalConfiguration({
            clientId: BOT_CLIENT.clientId,
            clientSecret: BOT_CLIENT.clientSecret,
            authority: `https://login.sandbox.test/${tenantId}`,
            sandboxBaseUrl: `http://127.0.0.1:${address.port}`,
          }),
        ),
        assertionSource: {
          getAssertion: () => Promise.resolve({ kind: 'assertion' as const, assertion: 'x.y.z' }),
          discard: () => undefined,
        },
        logger: createSilentLogger(),
      });
      await assert.rejects(provider.getAppToken(), { name: 'AppError', code: 'token_acquisition_failed' });
      await assert.rejects(provider.getDelegatedToken({ oid: 'o', tenantId }), {
        name: 'AppError',
        code: 'token_acquisition_failed',
      });
      assert.equal(tokenRequests, 2);
    } finally {
      await app.close();
    }
  });
});

describe('MsalTokenProvider without a usable assertion (fake msal client)', () => {
  const user: PartnerUserRef = { oid: 'o1', tenantId: 't1' };
  const account = {
    homeAccountId: 'o1.t1',
    environment: 'e',
    tenantId: 't1',
    username: 'u',
    localAccountId: 'o1',
  };
  const noAssertion: AssertionSource = {
    getAssertion: () =>
      Promise.resolve({ kind: 'needsSignIn', reason: 'not_signed_in', message: 'Sign in to continue.' }),
    discard: () => undefined,
  };
  const never = new Promise<never>(() => undefined);
  const providerWith = (client: Partial<DelegatedClient>) => {
    const delegated: DelegatedClient = {
      acquireTokenOnBehalfOf: () => never,
      acquireTokenSilent: () => never,
      acquireTokenByCode: () => never,
      removeAccount: () => Promise.resolve(),
      cachedAccount: () => Promise.resolve(account as AccountInfo),
      ...client,
    };
    const delegatedClients: DelegatedClients = {
      withClientFor: (_user, work) => work(delegated),
      forget: () => Promise.resolve(false),
    };
    return new MsalTokenProvider({
      client: clientThatNeverAnswers(),
      delegatedClients,
      assertionSource: noAssertion,
      logger: createSilentLogger(),
    });
  };

  it('answers with the assertion source’s reason when the cache holds nothing for the person', async () => {
    const none = providerWith({ cachedAccount: () => Promise.resolve(undefined) });
    assert.equal((await none.getDelegatedToken(user)).kind, 'needsSignIn');
    const noTokens = providerWith({
      acquireTokenSilent: () =>
        Promise.reject(
          new InteractionRequiredAuthError('no_tokens_found', 'No refresh token found in the cache.'),
        ),
    });
    const result = await noTokens.getDelegatedToken(user);
    assert.deepEqual(result.kind === 'needsSignIn' ? result.reason : result.kind, 'not_signed_in');
  });

  it('returns the silently renewed token, and refuses an empty one', async () => {
    const expiresOn = new Date(Date.now() + 3_600_000);
    const renewed = providerWith({
      acquireTokenSilent: () =>
        Promise.resolve({ accessToken: 'renewed', expiresOn } as AuthenticationResult),
    });
    assert.deepEqual(await renewed.getDelegatedToken(user), {
      kind: 'token',
      accessToken: 'renewed',
      expiresOn,
    });
    const empty = providerWith({
      acquireTokenSilent: () => Promise.resolve({ accessToken: '', expiresOn } as AuthenticationResult),
    });
    await assert.rejects(empty.getDelegatedToken(user), {
      name: 'AppError',
      code: 'token_acquisition_failed',
    });
  });

  it('fails (does not ask for a sign-in) when the authority cannot be reached for the renewal', async () => {
    const unreachable = providerWith({ acquireTokenSilent: () => Promise.reject(new Error('ECONNREFUSED')) });
    await assert.rejects(unreachable.getDelegatedToken(user), {
      name: 'AppError',
      code: 'token_acquisition_failed',
    });
  });
});

/** An MSAL client whose every call hangs, for tests of what the provider does without an answer. */
function clientThatNeverAnswers() {
  const never = new Promise<never>(() => undefined);
  return {
    acquireTokenByClientCredential: () => never,
    acquireTokenOnBehalfOf: () => never,
    acquireTokenSilent: () => never,
    acquireTokenByCode: () => never,
    getTokenCache: () => ({
      getAccountByHomeId: () => Promise.resolve(null),
      removeAccount: () => Promise.resolve(),
    }),
  };
}
