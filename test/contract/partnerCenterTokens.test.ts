import assert from 'node:assert/strict';
import { catalogItemIdOf } from '../../sandbox/catalog.js';
import type { RefusedEntry } from '../../sandbox/ledger.js';
import { LicenseSkuId } from '../../sandbox/licensing/licenseSkus.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { SignInRequiredError } from '../../src/services/errors.js';
import type { PartnerCenter } from '../../src/services/partner-center/partnerCenter.js';
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

  /**
   * The writes a migration makes — buy (cart), move a user's license, suspend E4 — each tried with a bad
   * token: refused with Partner Center's status and code, recorded in the sandbox ledger as a `refused`
   * entry (the service's own log of it), and nothing bought, moved or suspended.
   */
  describe('writes with a bad token are refused, recorded as refused, and change nothing', () => {
    beforeEach(async () => pc.reset());
    const foreignTenant = '99999999-0000-4000-8000-000000000000';
    const writes: Record<string, (client: PartnerCenter) => Promise<unknown>> = {
      'buy (create a cart)': (client) =>
        client.createCart(contoso, [
          {
            catalogItemId: catalogItemIdOf('office365E3', 'US'),
            quantity: 45,
            billingCycle: 'monthly',
            termDuration: 'P1Y',
          },
        ]),
      'move a user’s license': (client) =>
        client.updateUserLicenses(contoso, DemoIds.users.contosoPlain, {
          licensesToAssign: [{ skuId: LicenseSkuId.office365E3 }],
          licensesToRemove: [LicenseSkuId.office365E4],
        }),
      'suspend E4': async (client) => {
        const e4 = (await pc.app.listSubscriptions(contoso)).find(
          (sub) => sub.id === DemoIds.subscriptions.contosoE4,
        );
        assert.ok(e4);
        return client.updateSubscription(contoso, e4, { status: 'suspended' });
      },
    };
    const tokens: { name: string; client: () => Promise<PartnerCenter>; status: number; code: string }[] = [
      { name: 'no token', client: () => Promise.resolve(pc.withToken('')), status: 401, code: '900401' },
      {
        name: 'a forged token',
        client: async () =>
          pc.withToken(await pc.authority.issueUserToken(users.adminAgent, { signingKey: 'foreign' })),
        status: 401,
        code: '900402',
      },
      {
        name: 'an expired token',
        client: async () =>
          pc.withToken(
            await pc.authority.issueUserToken(users.adminAgent, {
              issuedAt: new Date(Date.now() - 3 * 3600_000),
              lifetimeInMs: 3600_000,
            }),
          ),
        status: 401,
        code: '900403',
      },
      {
        name: 'a token for another audience',
        client: async () =>
          pc.withToken(
            await pc.authority.issueUserToken(users.adminAgent, { audience: 'api://someone-else' }),
          ),
        status: 401,
        code: '900405',
      },
      {
        name: 'a token of a foreign tenant',
        client: async () =>
          pc.withToken(await pc.authority.issueUserToken(users.adminAgent, { tenantId: foreignTenant })),
        status: 403,
        code: '900410',
      },
      {
        name: 'a delegated token without MFA (msal-node on-behalf-of, as the bot gets it)',
        client: () => Promise.resolve(pc.as(users.adminAgentWithoutMfa)),
        status: 401,
        code: '900421',
      },
    ];
    for (const [write, attempt] of Object.entries(writes)) {
      for (const { name, client, status, code } of tokens) {
        it(`${write} with ${name}: ${status} ${code}`, async () => {
          const error = await refusedBy(attempt(await client()));
          assert.equal(error.status, status);
          assert.equal(error.errorCode, code);
          assertRefusedOnly(code);
        });
      }
    }

    it('move a user’s license with an app-only token (App+User only): 403 900411', async () => {
      const error = await refusedBy(writes['move a user’s license']!(pc.app));
      assert.equal(error.status, 403);
      assert.equal(error.errorCode, '900411');
      assertRefusedOnly('900411');
    });

    /** The ledger holds exactly one entry since the reset: the refusal, with its code. */
    function assertRefusedOnly(code: string): void {
      const entries = pc.ledger().filter((entry) => entry.caller.kind !== 'system');
      assert.deepEqual(
        entries.map((entry) => entry.kind),
        ['refused'],
      );
      assert.equal(String((entries[0] as RefusedEntry).code), code);
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
