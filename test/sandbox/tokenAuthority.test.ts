import assert from 'node:assert/strict';

import { TokenAuthority } from '../../sandbox/auth/tokenAuthority.js';
import { buildDemoSeed, DemoIds } from '../../sandbox/seeds/demoSeed.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/server.js';
import { call, ledger } from './helpers.js';

const secret = 'test-secret';

describe('sandbox Partner Center behind the real token authority', () => {
  let sandbox: RunningSandbox;
  let authority: TokenAuthority;
  let baseUrl = '';

  before(async () => {
    const seed = buildDemoSeed(new Date());
    authority = await TokenAuthority.create({
      partner: seed.partner,
      clients: [{ clientId: DemoIds.botClientId, clientSecret: secret }],
    });
    sandbox = await startSandbox({
      port: 0,
      seed,
      verifier: authority,
      registerExtraRoutes: (app) => authority.registerRoutes(app, () => baseUrl),
      onSeedChanged: (next) => authority.replacePartner(next.partner),
    });
    baseUrl = sandbox.url;
  });
  after(() => sandbox.close());

  const tokenFor = async (body: object) =>
    `Bearer ${(await call<{ token: string }>(sandbox, 'POST', '/_sandbox/auth/token', { token: null, body })).body.token}`;

  it('lets an Admin agent with MFA read users and records who changed what', async () => {
    const token = await tokenFor({ kind: 'user', oid: DemoIds.partnerUsers.adminAgent });
    const users = await call(sandbox, 'GET', `/v1/customers/${DemoIds.customers.contoso}/users?size=5`, {
      token,
    });
    assert.equal(users.status, 200);
    const path = `/v1/customers/${DemoIds.customers.contoso}/subscriptions/${DemoIds.subscriptions.contosoE4}`;
    assert.equal(
      (await call(sandbox, 'PATCH', path, { token, body: { friendlyName: 'E4 (renamed)' } })).status,
      200,
    );
    const [change] = await ledger(sandbox, { kind: 'subscriptionChange' });
    assert.deepEqual(change?.caller, {
      kind: 'user',
      oid: DemoIds.partnerUsers.adminAgent,
      name: 'Anna Andersson',
      appId: DemoIds.botClientId,
    });
  });

  it('takes app-only tokens from the token endpoint on customer routes, not on user routes', async () => {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DemoIds.botClientId,
      client_secret: secret,
      scope: 'https://api.partnercenter.microsoft.com/.default',
    });
    const response = await fetch(`${sandbox.url}/${DemoIds.partnerTenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    assert.equal(response.status, 200);
    const token = `Bearer ${((await response.json()) as { access_token: string }).access_token}`;
    assert.equal((await call(sandbox, 'GET', '/v1/customers?size=2', { token })).status, 200);
    const users = await call(sandbox, 'GET', `/v1/customers/${DemoIds.customers.contoso}/users`, { token });
    assert.equal(users.status, 403);
    assert.equal((users.body as { code: number }).code, 900411);
  });

  it('refuses an App+User token without MFA with 401 and WWW-Authenticate', async () => {
    const token = await tokenFor({ kind: 'user', oid: DemoIds.partnerUsers.adminAgentWithoutMfa });
    const answer = await call(sandbox, 'GET', `/v1/customers/${DemoIds.customers.contoso}/subscribedskus`, {
      token,
    });
    assert.equal(answer.status, 401);
    assert.equal((answer.body as { code: number }).code, 900421);
    assert.match(answer.headers.get('www-authenticate') ?? '', /^OAuth realm=/);
  });

  it('hands a new partner to the authority when a seed brings one', async () => {
    const seed = buildDemoSeed(new Date());
    const partner = {
      ...seed.partner,
      users: [
        {
          ...(seed.partner.users[0] ?? seed.partner.users[1]),
          oid: 'a0000000-0000-4000-8000-0000000000ff',
          displayName: 'New Admin',
        },
      ],
    };
    assert.equal(
      (
        await call(sandbox, 'POST', '/_sandbox/seed', {
          token: null,
          body: { kind: 'custom', seed: { ...seed, partner } },
        })
      ).status,
      200,
    );
    assert.equal(authority.partner.users[0]?.displayName, 'New Admin');
    const token = await tokenFor({ kind: 'user', oid: 'a0000000-0000-4000-8000-0000000000ff' });
    assert.equal(
      (await call(sandbox, 'GET', `/v1/customers/${DemoIds.customers.contoso}/users?size=1`, { token }))
        .status,
      200,
    );
  });
});
