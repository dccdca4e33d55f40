import assert from 'node:assert/strict';

import { TeamsSsoAssertionSource } from '../../../../src/services/auth/teamsSsoAssertionSource.js';

const anna = { oid: 'o-anna', tenantId: 't' };
const bo = { oid: 'o-bo', tenantId: 't' };

describe('TeamsSsoAssertionSource', () => {
  let now = new Date('2026-03-01T10:00:00Z');
  const source = () => new TeamsSsoAssertionSource({ now: () => now, maxPeople: 2 });

  beforeEach(() => {
    now = new Date('2026-03-01T10:00:00Z');
  });

  it('hands out the latest accepted assertion until five minutes before it expires', async () => {
    const assertions = source();
    assertions.remember(anna, 'sso-1', new Date('2026-03-01T11:00:00Z'));
    assert.deepEqual(await assertions.getAssertion(anna), { kind: 'assertion', assertion: 'sso-1' });
    now = new Date('2026-03-01T10:55:00Z');
    const later = await assertions.getAssertion(anna);
    assert.equal(later.kind, 'needsSignIn');
    assert.equal(later.kind === 'needsSignIn' ? later.reason : '', 'not_signed_in');
  });

  it('answers not_signed_in for someone it holds nothing for, so the provider tries the cache first', async () => {
    const result = await source().getAssertion(bo);
    assert.deepEqual(result.kind === 'needsSignIn' && result.reason, 'not_signed_in');
  });

  it('forgets a refused assertion (only that one) and everything on sign-out', async () => {
    const assertions = source();
    assertions.remember(anna, 'sso-2', new Date('2026-03-01T11:00:00Z'));
    assertions.discard(anna, 'an-older-one');
    assert.equal((await assertions.getAssertion(anna)).kind, 'assertion');
    assertions.discard(anna, 'sso-2');
    assert.equal((await assertions.getAssertion(anna)).kind, 'needsSignIn');
    assertions.remember(anna, 'sso-3', new Date('2026-03-01T11:00:00Z'));
    assertions.forget(anna);
    assert.equal((await assertions.getAssertion(anna)).kind, 'needsSignIn');
  });

  it('keeps a bounded number of people, the least recently used going first', async () => {
    const assertions = source();
    const expiresOn = new Date('2026-03-01T11:00:00Z');
    assertions.remember(anna, 'a', expiresOn);
    assertions.remember(bo, 'b', expiresOn);
    assertions.remember({ oid: 'o-cy', tenantId: 't' }, 'c', expiresOn);
    assert.equal((await assertions.getAssertion(anna)).kind, 'needsSignIn');
    assert.equal((await assertions.getAssertion(bo)).kind, 'assertion');
  });
});
