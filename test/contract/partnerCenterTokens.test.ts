import assert from 'node:assert/strict';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { SignInRequiredError } from '../../src/services/errors.js';
import { refusedBy } from '../helpers/partnerCenterAssertions.js';
import { startPartnerCenterHarness, type PartnerCenterHarness } from '../helpers/partnerCenterHarness.js';

const contoso = DemoIds.customers.contoso;
const users = DemoIds.partnerUsers;

describe('Partner Center tokens end to end (msal-node → sandbox authority → sandbox Partner Center)', () => {
  let pc: PartnerCenterHarness;
  before(async () => {
    pc = await startPartnerCenterHarness();
  });
  after(async () => pc.close());

  it('an app-only token (client credentials) reads customers and subscriptions', async () => {
    const subscriptions = await pc.app.listSubscriptions(contoso);
    assert.ok(subscriptions.length > 0);
  });

  it('an app-only token is refused on App+User-only routes, with no retry', async () => {
    const error = await refusedBy(pc.app.listSubscribedSkus(contoso));
    assert.equal(error.status, 403);
    const users = pc.ledger('refused');
    assert.equal(users.length, 1);
  });

  it('an on-behalf-of token of an Admin agent with MFA reads users', async () => {
    const page = await pc.as(users.adminAgent).listCustomerUsers(contoso, { size: 5 }).byPage().next();
    assert.equal(page.done, false);
  });

  it('a token without the MFA claim is refused with 401 900421', async () => {
    const error = await refusedBy(pc.as(users.adminAgentWithoutMfa).listSubscribedSkus(contoso));
    assert.equal(error.status, 401);
    assert.equal(error.errorCode, '900421');
  });

  it('missing, expired, forged, wrong-audience and foreign-tenant tokens are refused', async () => {
    const cases: { name: string; token: string; status: number }[] = [
      { name: 'missing', token: '', status: 401 },
      {
        name: 'expired',
        token: await pc.authority.issueUserToken(users.adminAgent, {
          issuedAt: new Date(Date.now() - 3 * 3600_000),
          lifetimeInMs: 3600_000,
        }),
        status: 401,
      },
      {
        name: 'forged',
        token: await pc.authority.issueUserToken(users.adminAgent, { signingKey: 'foreign' }),
        status: 401,
      },
      {
        name: 'wrong audience',
        token: await pc.authority.issueUserToken(users.adminAgent, { audience: 'api://someone-else' }),
        status: 401,
      },
      {
        name: 'foreign tenant',
        token: await pc.authority.issueUserToken(users.adminAgent, {
          tenantId: '99999999-0000-4000-8000-000000000000',
        }),
        status: 403,
      },
    ];
    for (const { name, token, status } of cases) {
      const error = await refusedBy(pc.withToken(token).listSubscriptions(contoso));
      assert.equal(error.status, status, name);
    }
  });

  it('a person who must pass MFA again gets "sign in" instead of a Partner Center call', async () => {
    pc.authority.requireInteraction(users.adminAgent2, 'mfa');
    try {
      const error = await pc
        .as(users.adminAgent2)
        .listSubscribedSkus(contoso)
        .catch((caught: unknown) => caught);
      assert.ok(error instanceof SignInRequiredError);
      assert.equal(error.reason, 'mfa_required');
    } finally {
      pc.authority.clearInteraction(users.adminAgent2);
    }
  });
});
