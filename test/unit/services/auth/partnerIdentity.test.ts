import assert from 'node:assert/strict';
import { UnsecuredJWT } from 'jose';
import type { OperationOptions, PartnerUserRef } from '../../../../src/services/auth/models.js';
import { PartnerIdentityResolver } from '../../../../src/services/auth/partnerIdentity.js';
import { ClaimsRoleResolver, DirectoryRoleTemplateId } from '../../../../src/services/auth/roleResolver.js';
import type { DelegatedTokenResult, TokenProvider } from '../../../../src/services/auth/tokenProvider.js';
import { AppError } from '../../../../src/services/errors.js';

const groups = {
  adminAgentsGroupId: 'a9000000-0000-4000-8000-0000000000a1',
  salesAgentsGroupId: 'a9000000-0000-4000-8000-0000000000a2',
};
const user: PartnerUserRef = { oid: 'u-1', tenantId: 't-1' };

/** Answers every delegated-token request with one scripted result, and remembers who asked. */
class FakeTokenProvider implements Pick<TokenProvider, 'getDelegatedToken'> {
  readonly requests: { user: PartnerUserRef; options: OperationOptions | undefined }[] = [];
  constructor(private readonly result: DelegatedTokenResult | Error) {}

  getDelegatedToken(requested: PartnerUserRef, options?: OperationOptions): Promise<DelegatedTokenResult> {
    this.requests.push({ user: requested, options });
    return this.result instanceof Error ? Promise.reject(this.result) : Promise.resolve(this.result);
  }
}

/** An unsigned JWT: the resolver only reads claims of a token the authority just gave it. */
function tokenWith(claims: Record<string, unknown>): DelegatedTokenResult {
  return {
    kind: 'token',
    accessToken: new UnsecuredJWT(claims).encode(),
    expiresOn: new Date('2026-11-23T11:00:00.000Z'),
  };
}

function resolver(result: DelegatedTokenResult | Error): {
  identities: PartnerIdentityResolver;
  tokens: FakeTokenProvider;
} {
  const tokens = new FakeTokenProvider(result);
  return { identities: new PartnerIdentityResolver(tokens, new ClaimsRoleResolver(groups)), tokens };
}

describe('PartnerIdentityResolver', () => {
  it("reads the person's partner roles from their delegated token", async () => {
    const { identities, tokens } = resolver(
      tokenWith({
        oid: 'u-1',
        groups: [groups.adminAgentsGroupId, 'some-other-group'],
        wids: [DirectoryRoleTemplateId.globalAdministrator],
      }),
    );
    const options = { correlationId: 'c-1' };
    const identity = await identities.resolve({ ...user, name: 'Adele Vance' }, options);
    assert.deepEqual(identity, {
      kind: 'known',
      user: { ...user, name: 'Adele Vance' },
      roles: ['GlobalAdmin', 'AdminAgent'],
    });
    assert.deepEqual(tokens.requests, [{ user: { ...user, name: 'Adele Vance' }, options }]);
  });

  it('gives a Sales agent only that role, and someone in no partner group none', async () => {
    const sales = await resolver(tokenWith({ groups: [groups.salesAgentsGroupId] })).identities.resolve(user);
    assert.ok(sales.kind === 'known');
    assert.deepEqual(sales.roles, ['SalesAgent']);
    const nobody = await resolver(tokenWith({ groups: ['unrelated'] })).identities.resolve(user);
    assert.ok(nobody.kind === 'known');
    assert.deepEqual(nobody.roles, []);
  });

  it('takes the name from the token when Teams gave none, and keeps the Teams name when it did', async () => {
    const fromToken = await resolver(tokenWith({ name: 'Adele Vance' })).identities.resolve(user);
    assert.equal(fromToken.kind === 'known' && fromToken.user.name, 'Adele Vance');
    const fromTeams = await resolver(tokenWith({ name: 'Adele V.' })).identities.resolve({
      ...user,
      name: 'Adele Vance',
    });
    assert.equal(fromTeams.kind === 'known' && fromTeams.user.name, 'Adele Vance');
    const nameless = await resolver(tokenWith({})).identities.resolve(user);
    assert.ok(nameless.kind === 'known');
    assert.equal('name' in nameless.user, false);
  });

  it('passes "needs sign-in" through with its reason, as data', async () => {
    const { identities } = resolver({
      kind: 'needsSignIn',
      reason: 'mfa_required',
      message: 'Sign in again with MFA.',
    });
    assert.deepEqual(await identities.resolve(user), {
      kind: 'needsSignIn',
      user,
      reason: 'mfa_required',
      message: 'Sign in again with MFA.',
    });
  });

  it('lets an authority failure through as the AppError it is', async () => {
    const failure = new AppError('authority unreachable', 'token_acquisition_failed');
    await assert.rejects(resolver(failure).identities.resolve(user), failure);
  });

  it('refuses a token that is not a JWT', async () => {
    const { identities } = resolver({ kind: 'token', accessToken: 'opaque', expiresOn: new Date() });
    await assert.rejects(identities.resolve(user), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'token_malformed');
      return true;
    });
  });
});
