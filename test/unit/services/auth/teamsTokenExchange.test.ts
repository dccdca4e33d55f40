import assert from 'node:assert/strict';

import {
  TeamsTokenExchange,
  type TeamsTokenExchangeDeps,
} from '../../../../src/services/auth/teamsTokenExchange.js';
import type { ClaimResult, TokenExchangeClaim } from '../../../../src/services/auth/tokenExchangeClaims.js';
import type { DelegatedTokenResult } from '../../../../src/services/auth/tokenProvider.js';
import { AppError } from '../../../../src/services/errors.js';
import { createSilentLogger } from '../../../../src/services/logging/logger.js';

const user = { oid: 'o-anna', tenantId: 't' };
const request = { user, exchangeId: 'x-1', token: 'sso-token' };
const expiresOn = new Date('2026-03-01T11:00:00Z');

/** Claims in memory with the blob store's create-if-not-exists rule. */
function memoryClaims() {
  const claims = new Map<string, TokenExchangeClaim>();
  return {
    claims,
    claim: (_user: unknown, id: string): Promise<ClaimResult> => {
      const existing = claims.get(id);
      if (existing) return Promise.resolve({ kind: 'duplicate', claim: existing });
      claims.set(id, { state: 'exchanging', claimedAt: 'now' });
      return Promise.resolve({ kind: 'first' });
    },
    read: (_user: unknown, id: string) => Promise.resolve(claims.get(id)),
    settle: (_user: unknown, id: string, state: 'exchanged' | 'refused') => {
      claims.set(id, { state, claimedAt: 'now', settledAt: 'later' });
      return Promise.resolve();
    },
  };
}

function exchangeWith(
  overrides: Partial<TeamsTokenExchangeDeps> & { result?: () => Promise<DelegatedTokenResult> },
) {
  const remembered: string[] = [];
  const exchanged: string[] = [];
  const claims = memoryClaims();
  const service = new TeamsTokenExchange({
    validator: { validate: () => Promise.resolve({ ok: true, user, expiresOn }) },
    claims,
    exchange: {
      exchangeAssertion: (_user, assertion) => {
        exchanged.push(assertion);
        return overrides.result?.() ?? Promise.resolve({ kind: 'token', accessToken: 'pc', expiresOn });
      },
    },
    assertions: { remember: (_user, assertion) => void remembered.push(assertion) },
    logger: createSilentLogger(),
    duplicateWaitInMs: 200,
    duplicatePollInMs: 10,
    ...overrides,
  });
  return { service, remembered, exchanged, claims };
}

describe('TeamsTokenExchange', () => {
  it('validates, claims, exchanges once and keeps the assertion; a duplicate echoes the outcome', async () => {
    const { service, remembered, exchanged, claims } = exchangeWith({});
    assert.deepEqual(await service.exchange(request), { kind: 'exchanged' });
    assert.deepEqual(remembered, ['sso-token']);
    assert.equal(claims.claims.get('x-1')?.state, 'exchanged');
    assert.deepEqual(await service.exchange(request), { kind: 'duplicate', first: 'exchanged' });
    assert.deepEqual(exchanged, ['sso-token'], 'exchanged once');
  });

  it('lets a duplicate wait briefly for the first outcome, then answer that it is still running', async () => {
    let release: (result: DelegatedTokenResult) => void = () => undefined;
    const { service } = exchangeWith({
      result: () => new Promise<DelegatedTokenResult>((resolve) => (release = resolve)),
    });
    const first = service.exchange(request);
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(await service.exchange(request), { kind: 'duplicate', first: 'stillRunning' });
    release({ kind: 'needsSignIn', reason: 'mfa_required', message: 'MFA' });
    assert.deepEqual(await first, { kind: 'signInNeeded', reason: 'mfa_required' });
    assert.deepEqual(await service.exchange(request), { kind: 'duplicate', first: 'refused' });
  });

  it('refuses an invalid token before claiming anything', async () => {
    const { service, claims, exchanged } = exchangeWith({
      validator: { validate: () => Promise.resolve({ ok: false, refusal: 'audience', detail: 'aud' }) },
    });
    assert.deepEqual(await service.exchange(request), { kind: 'invalidToken', refusal: 'audience' });
    assert.equal(claims.claims.size, 0);
    assert.deepEqual(exchanged, []);
  });

  it('is unavailable, not a sign-in need, when the keys, the storage or the authority fail', async () => {
    const noKeys = exchangeWith({
      validator: { validate: () => Promise.resolve({ ok: false, refusal: 'keys_unavailable', detail: 'x' }) },
    });
    assert.deepEqual(await noKeys.service.exchange(request), { kind: 'unavailable' });

    const noStorage = exchangeWith({});
    noStorage.claims.claim = () => Promise.reject(new Error('storage down'));
    const service = new TeamsTokenExchange({
      validator: { validate: () => Promise.resolve({ ok: true, user, expiresOn }) },
      claims: noStorage.claims,
      exchange: { exchangeAssertion: () => Promise.reject(new Error('not called')) },
      assertions: { remember: () => undefined },
      logger: createSilentLogger(),
    });
    assert.deepEqual(await service.exchange(request), { kind: 'unavailable' });

    const authorityDown = exchangeWith({
      result: () => Promise.reject(new AppError('down', 'token_acquisition_failed')),
    });
    assert.deepEqual(await authorityDown.service.exchange(request), { kind: 'unavailable' });
    assert.equal(authorityDown.claims.claims.get('x-1')?.state, 'refused');
    assert.deepEqual(authorityDown.remembered, []);
  });
});
