import assert from 'node:assert/strict';
import { delegatedCredential } from '../../../../src/services/auth/partnerCenterCredentials.js';
import type { DelegatedTokenResult, TokenProvider } from '../../../../src/services/auth/tokenProvider.js';
import { SignInRequiredError } from '../../../../src/services/errors.js';

/** A token provider that answers from a list and counts calls. */
function scriptedTokens(results: DelegatedTokenResult[]) {
  let calls = 0;
  const tokens: TokenProvider = {
    getDelegatedToken: () => {
      calls++;
      const next = results.shift();
      return next ? Promise.resolve(next) : Promise.reject(new Error('no more tokens'));
    },
    getAppToken: () => Promise.reject(new Error('not used')),
  };
  return { tokens, calls: () => calls };
}

const user = { oid: 'oid-1', tenantId: 'tid' };
const hour = 3600_000;

describe('delegatedCredential', () => {
  it('reuses a token until five minutes before it expires, then asks again', async () => {
    let now = 0;
    const script = scriptedTokens([
      { kind: 'token', accessToken: 'first', expiresOn: new Date(hour) },
      { kind: 'token', accessToken: 'second', expiresOn: new Date(2 * hour) },
    ]);
    const credential = delegatedCredential(script.tokens, user, () => now);
    assert.equal(await credential({}), 'first');
    now = hour - 5 * 60_000 - 1;
    assert.equal(await credential({}), 'first');
    assert.equal(script.calls(), 1);
    now = hour - 5 * 60_000;
    assert.equal(await credential({}), 'second');
    assert.equal(script.calls(), 2);
  });

  it('turns "needs sign-in" into SignInRequiredError with the reason, and holds no token after it', async () => {
    const script = scriptedTokens([
      { kind: 'needsSignIn', reason: 'mfa_required', message: 'Sign in with MFA.' },
      { kind: 'token', accessToken: 'after', expiresOn: new Date(Date.now() + hour) },
    ]);
    const credential = delegatedCredential(script.tokens, user);
    const error = await credential({}).catch((caught: unknown) => caught);
    assert.ok(error instanceof SignInRequiredError);
    assert.equal(error.reason, 'mfa_required');
    assert.equal(await credential({}), 'after');
  });
});
