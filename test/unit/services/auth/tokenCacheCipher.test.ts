import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import {
  decodeTokenCacheKey,
  TokenCacheCipher,
  tokenCacheKeyId,
} from '../../../../src/services/auth/tokenCacheCipher.js';

const context = 'token-cache/0123.bin';
const cache = JSON.stringify({ RefreshToken: { k: { secret: 'a-refresh-token' } } });

describe('TokenCacheCipher', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and seals the same text differently every time (random IV)', () => {
    const cipher = new TokenCacheCipher({ current: key });
    const first = cipher.seal(cache, context);
    const second = cipher.seal(cache, context);
    assert.notDeepEqual(first, second);
    assert.deepEqual(cipher.open(first, context), { ok: true, plaintext: cache, sealedWithCurrentKey: true });
    assert.equal(first[0], 0x01, 'format byte');
    assert.equal(first[1], tokenCacheKeyId(key), 'key id byte');
    assert.ok(!first.includes(Buffer.from('a-refresh-token')), 'the plain text is in the sealed bytes');
  });

  it('refuses a flipped bit anywhere: header, IV, tag or ciphertext', () => {
    const cipher = new TokenCacheCipher({ current: key });
    const sealed = cipher.seal(cache, context);
    for (const index of [1, 2, 20, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      const opened = cipher.open(tampered, context);
      assert.equal(opened.ok, false, `byte ${index}`);
    }
    assert.deepEqual(cipher.open(sealed.subarray(0, 10), context), { ok: false, reason: 'malformed' });
    const otherFormat = Buffer.from(sealed);
    otherFormat[0] = 0x02;
    assert.deepEqual(cipher.open(otherFormat, context), { ok: false, reason: 'unknown_format' });
  });

  it('refuses a blob moved to another partition (the blob name is authenticated)', () => {
    const cipher = new TokenCacheCipher({ current: key });
    const sealed = cipher.seal(cache, context);
    assert.deepEqual(cipher.open(sealed, 'token-cache/4567.bin'), {
      ok: false,
      reason: 'authentication_failed',
    });
  });

  it('cannot open with another key', () => {
    const sealed = new TokenCacheCipher({ current: key }).seal(cache, context);
    let other = randomBytes(32);
    while (tokenCacheKeyId(other) === tokenCacheKeyId(key)) other = randomBytes(32);
    assert.deepEqual(new TokenCacheCipher({ current: other }).open(sealed, context), {
      ok: false,
      reason: 'unknown_key',
    });
  });

  it('tells apart two keys that share an id by the tag', () => {
    let twin = randomBytes(32);
    while (tokenCacheKeyId(twin) !== tokenCacheKeyId(key)) twin = randomBytes(32);
    const sealed = new TokenCacheCipher({ current: key }).seal(cache, context);
    assert.deepEqual(new TokenCacheCipher({ current: twin }).open(sealed, context), {
      ok: false,
      reason: 'authentication_failed',
    });
    const opened = new TokenCacheCipher({ current: twin, previous: [key] }).open(sealed, context);
    assert.deepEqual(opened, { ok: true, plaintext: cache, sealedWithCurrentKey: false });
  });

  it('rotates: the new key seals, the previous one still opens old blobs', () => {
    const next = randomBytes(32);
    const old = new TokenCacheCipher({ current: key }).seal(cache, context);
    const rotated = new TokenCacheCipher({ current: next, previous: [key] });
    assert.deepEqual(rotated.open(old, context), { ok: true, plaintext: cache, sealedWithCurrentKey: false });
    const resealed = rotated.seal(cache, context);
    assert.equal(resealed[1], tokenCacheKeyId(next));
    assert.equal(new TokenCacheCipher({ current: next }).open(resealed, context).ok, true);
  });

  it('refuses keys that are not 32 bytes', () => {
    assert.throws(() => new TokenCacheCipher({ current: randomBytes(16) }), RangeError);
    assert.throws(() => new TokenCacheCipher({ current: key, previous: [randomBytes(31)] }), RangeError);
  });
});

describe('decodeTokenCacheKey', () => {
  it('accepts the base64 of exactly 32 bytes, nothing else', () => {
    const key = randomBytes(32);
    assert.deepEqual(decodeTokenCacheKey(key.toString('base64')), key);
    assert.deepEqual(decodeTokenCacheKey(` ${key.toString('base64')}\n`), key);
    assert.equal(decodeTokenCacheKey(randomBytes(16).toString('base64')), undefined);
    assert.equal(decodeTokenCacheKey(randomBytes(33).toString('base64')), undefined);
    assert.equal(decodeTokenCacheKey('not base64 at all, but long enough to be 32 bytes!!'), undefined);
    assert.equal(decodeTokenCacheKey(''), undefined);
  });
});
