import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { signLink, verifyLink } from '../../../../src/services/audit/signedLink.js';

const key = Buffer.from('0123456789abcdef0123456789abcdef', 'utf8');
const otherKey = Buffer.from('fedcba9876543210fedcba9876543210', 'utf8');
const path = '/api/audit/customers/c-1/migrations.csv';
const now = new Date('2026-02-21T10:00:00.000Z');
const inFiveMinutes = new Date('2026-02-21T10:05:00.000Z');

describe('signed audit links', () => {
  it('signs path and expiry as exp (unix seconds) and a base64url HMAC-SHA256, and verifies its own link', () => {
    const link = signLink(path, inFiveMinutes, key);
    const exp = Math.floor(inFiveMinutes.getTime() / 1000);
    assert.match(link, new RegExp(`^${path.replaceAll('.', '\\.')}\\?exp=${exp}&sig=[A-Za-z0-9_-]{43}$`));
    const sig = new URL(link, 'https://bot.example').searchParams.get('sig');
    assert.equal(sig, createHmac('sha256', key).update(`${path}\n${exp}`).digest('base64url'));
    assert.deepEqual(verifyLink(link, now, key), { ok: true, path });
  });

  it('refuses a link at or after its expiry', () => {
    const link = signLink(path, inFiveMinutes, key);
    assert.deepEqual(verifyLink(link, new Date('2026-02-21T10:04:59.000Z'), key), { ok: true, path });
    assert.deepEqual(verifyLink(link, inFiveMinutes, key), { ok: false, reason: 'expired' });
    assert.deepEqual(verifyLink(link, new Date('2026-03-01T00:00:00.000Z'), key), {
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a changed path, a moved expiry, a changed signature, or another key', () => {
    const link = signLink(path, inFiveMinutes, key);
    const exp = Math.floor(inFiveMinutes.getTime() / 1000);
    const bad = { ok: false, reason: 'badSignature' };
    assert.deepEqual(verifyLink(link.replace('c-1', 'c-2'), now, key), bad);
    assert.deepEqual(verifyLink(link.replace(`exp=${exp}`, `exp=${exp + 3600}`), now, key), bad);
    const sig = link.slice(-43);
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    assert.deepEqual(verifyLink(link.slice(0, -43) + flipped, now, key), bad);
    assert.deepEqual(verifyLink(link, now, otherKey), bad);
    // An expired link that was also tampered with says badSignature: a forger learns nothing about expiry.
    assert.deepEqual(verifyLink(link.replace('c-1', 'c-2'), new Date('2030-01-01T00:00:00Z'), key), bad);
  });

  it('calls anything not shaped like a signed link malformed', () => {
    const link = signLink(path, inFiveMinutes, key);
    const malformed = { ok: false, reason: 'malformed' };
    for (const candidate of [
      path,
      `${path}?exp=abc&sig=${link.slice(-43)}`,
      `${path}?sig=${link.slice(-43)}&exp=1771668300`,
      link.slice(0, -1),
      `${link}&extra=1`,
      `${link}x`,
      link.replace('?exp=', '?exp=-'),
      link.slice(link.indexOf('?')),
      '',
    ]) {
      assert.deepEqual(verifyLink(candidate, now, key), malformed, candidate);
    }
  });

  it('refuses to sign with a short key, a query in the path, or a date it cannot write', () => {
    assert.throws(() => signLink(path, inFiveMinutes, Buffer.alloc(8)), RangeError);
    assert.throws(() => signLink(`${path}?customer=1`, inFiveMinutes, key), RangeError);
    assert.throws(() => signLink(path, new Date(Number.NaN), key), RangeError);
  });
});
