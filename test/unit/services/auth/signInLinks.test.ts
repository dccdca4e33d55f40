import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import {
  SignInLinks,
  signInLinkKeyFrom,
  type SignInRequest,
} from '../../../../src/services/auth/signInLinks.js';

const request: SignInRequest = {
  user: { oid: 'a0000000-0000-4000-8000-000000000002', tenantId: 'a0a0a0a0-0000-4000-8000-000000000000' },
  conversationId: 'a:1-personal-chat',
  language: 'sv',
  reason: 'mfa_required',
};

describe('SignInLinks', () => {
  const key = signInLinkKeyFrom(randomBytes(32));
  let now = new Date('2026-03-01T10:00:00Z');
  const links = new SignInLinks(key, () => now);

  beforeEach(() => {
    now = new Date('2026-03-01T10:00:00Z');
  });

  it('opens what it issued: person, conversation, language and reason, no name', () => {
    const ticket = links.issue({ ...request, user: { ...request.user, name: 'Anna Andersson' } });
    assert.deepEqual(links.open(ticket), { ok: true, request });
    assert.ok(
      !Buffer.from(ticket.split('.')[0] ?? '', 'base64url')
        .toString('utf8')
        .includes('Anna'),
    );
  });

  it('works for an hour, then says expired', () => {
    const ticket = links.issue(request);
    now = new Date('2026-03-01T10:59:00Z');
    assert.equal(links.open(ticket).ok, true);
    now = new Date('2026-03-01T11:00:00Z');
    assert.deepEqual(links.open(ticket), { ok: false, reason: 'expired' });
  });

  it('refuses a ticket whose payload was changed, or signed with another key', () => {
    const ticket = links.issue(request);
    const [payload = '', signature = ''] = ticket.split('.');
    const changed = Buffer.from(
      Buffer.from(payload, 'base64url').toString('utf8').replace('a:1-personal-chat', 'a:2-other-chat'),
    ).toString('base64url');
    assert.deepEqual(links.open(`${changed}.${signature}`), { ok: false, reason: 'badSignature' });
    const other = new SignInLinks(signInLinkKeyFrom(randomBytes(32)), () => now);
    assert.deepEqual(other.open(ticket), { ok: false, reason: 'badSignature' });
  });

  it('refuses malformed tickets without throwing', () => {
    for (const ticket of ['', 'abc', 'a.b.c', `${'x'.repeat(5000)}.${'y'.repeat(43)}`, '<script>.x']) {
      assert.deepEqual(links.open(ticket), { ok: false, reason: 'malformed' });
    }
  });

  it('derives its key from the token cache key, never the key itself', () => {
    const cacheKey = randomBytes(32);
    const derived = signInLinkKeyFrom(cacheKey);
    assert.equal(derived.length, 32);
    assert.notDeepEqual(derived, cacheKey);
    assert.deepEqual(signInLinkKeyFrom(cacheKey), derived, 'the same on every instance');
    assert.throws(() => new SignInLinks(randomBytes(16)), RangeError);
  });
});
