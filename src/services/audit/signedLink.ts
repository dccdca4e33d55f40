import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived download links for the audit CSV: the link itself proves it was issued by us and is not
 * yet expired, so the download needs no Teams session (a browser opens it). HMAC-SHA256 over the path
 * and the expiry; the key comes from configuration and never leaves the process.
 */

export type LinkCheck =
  { ok: true; path: string } | { ok: false; reason: 'expired' | 'badSignature' | 'malformed' };

/** `path?exp=<unix seconds>&sig=<base64url HMAC>`; `path` must not carry a query of its own. */
export function signLink(path: string, expiresAt: Date, key: Buffer): string {
  if (path.includes('?') || path.includes('#'))
    throw new RangeError('A signed link path has no query or fragment.');
  const exp = Math.floor(expiresAt.getTime() / 1000);
  if (!Number.isSafeInteger(exp) || exp < 0) throw new RangeError('The link expiry is not a valid date.');
  return `${path}?exp=${exp}&sig=${signature(path, String(exp), key)}`;
}

/** Checks a link made by signLink: signature first (a forged link learns nothing), then expiry. */
export function verifyLink(pathWithQuery: string, now: Date, key: Buffer): LinkCheck {
  const match = /^([^?#]+)\?exp=(\d{1,15})&sig=([A-Za-z0-9_-]{43})$/.exec(pathWithQuery);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, path = '', exp = '', sig = ''] = match;
  // Compared as text, not decoded bytes: base64url has several spellings of the same last byte.
  const expected = Buffer.from(signature(path, exp, key), 'utf8');
  const given = Buffer.from(sig, 'utf8');
  // Equal lengths by the pattern above; timingSafeEqual would throw otherwise.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'badSignature' };
  }
  if (Number(exp) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, path };
}

function signature(path: string, exp: string, key: Buffer): string {
  // A short key makes the HMAC guessable; 32 random bytes is what configuration should hold.
  if (key.length < 16) throw new RangeError('The link signing key must be at least 16 bytes.');
  // A separator no path contains keeps (path, exp) pairs from colliding ("/a1" + "2" vs "/a" + "12").
  return createHmac('sha256', key).update(`${path}\n${exp}`).digest('base64url');
}
