import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** AES-256 wants exactly this many key bytes. */
export const TOKEN_CACHE_KEY_BYTES = 32;

/** First byte of every sealed blob: the layout below. A new layout gets a new number. */
const FORMAT_V1 = 0x01;
/** 96-bit IVs are GCM's native size (NIST SP 800-38D); a random one per write. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** format (1) + key id (1) + IV + tag. */
const HEADER_BYTES = 2 + IV_BYTES + TAG_BYTES;

/** Why a sealed blob could not be opened. None of them says anything about the content. */
export type UnreadableReason = 'malformed' | 'unknown_format' | 'unknown_key' | 'authentication_failed';

export type OpenResult =
  { ok: true; plaintext: string; sealedWithCurrentKey: boolean } | { ok: false; reason: UnreadableReason };

export interface TokenCacheKeys {
  /** Seals every write. */
  current: Buffer;
  /** Still opened, never used to seal: the keys being rotated out. */
  previous?: readonly Buffer[];
}

interface IdentifiedKey {
  id: number;
  key: Buffer;
}

/**
 * Decodes a `TOKEN_CACHE_KEY`-style value: standard base64 of exactly 32 bytes.
 * @returns the key, or `undefined` when the text is not base64 or not 32 bytes long.
 */
export function decodeTokenCacheKey(base64: string): Buffer | undefined {
  const text = base64.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const key = Buffer.from(text, 'base64');
  return key.length === TOKEN_CACHE_KEY_BYTES ? key : undefined;
}

/**
 * The one-byte id written in front of each sealed blob: a fingerprint of the key, so rotating needs no
 * id to configure. Two keys may share an id (1 in 256); opening then tries both, and GCM's tag tells
 * which one sealed it.
 */
export function tokenCacheKeyId(key: Buffer): number {
  return createHash('sha256').update('e4-token-cache-key-id:').update(key).digest()[0] ?? 0;
}

/**
 * AES-256-GCM for MSAL's token cache at rest (DESIGN §11: no raw token in plain text anywhere).
 *
 * Layout: `[format 0x01][key id][12-byte IV][16-byte tag][ciphertext]`. The format and key-id bytes and
 * the caller's `context` (the blob's name, i.e. the user's partition) are authenticated as additional
 * data: a blob copied into another user's partition, or with a swapped key id, fails to open instead of
 * handing one person's tokens to another.
 */
export class TokenCacheCipher {
  private readonly current: IdentifiedKey;
  private readonly all: readonly IdentifiedKey[];

  /** @throws RangeError when a key is not 32 bytes (config validation normally catches this first). */
  constructor(keys: TokenCacheKeys) {
    const identify = (key: Buffer): IdentifiedKey => {
      if (key.length !== TOKEN_CACHE_KEY_BYTES) {
        throw new RangeError(`A token cache key must be ${TOKEN_CACHE_KEY_BYTES} bytes, not ${key.length}.`);
      }
      return { id: tokenCacheKeyId(key), key: Buffer.from(key) };
    };
    this.current = identify(keys.current);
    this.all = [this.current, ...(keys.previous ?? []).map(identify)];
  }

  /** Encrypts `plaintext` under the current key with a fresh random IV. */
  seal(plaintext: string, context: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const prefix = Buffer.from([FORMAT_V1, this.current.id]);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(prefix, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([prefix, iv, cipher.getAuthTag(), ciphertext]);
  }

  /**
   * Decrypts and authenticates a sealed blob. Failing is an expected outcome (wrong key, tampered
   * bytes), so it comes back as data with a reason, never as an exception.
   */
  open(sealed: Buffer, context: string): OpenResult {
    if (sealed.length < HEADER_BYTES) return { ok: false, reason: 'malformed' };
    if (sealed[0] !== FORMAT_V1) return { ok: false, reason: 'unknown_format' };
    const keyId = sealed[1];
    const candidates = this.all.filter((candidate) => candidate.id === keyId);
    if (candidates.length === 0) return { ok: false, reason: 'unknown_key' };
    const prefix = sealed.subarray(0, 2);
    const iv = sealed.subarray(2, 2 + IV_BYTES);
    const tag = sealed.subarray(2 + IV_BYTES, HEADER_BYTES);
    const ciphertext = sealed.subarray(HEADER_BYTES);
    for (const candidate of candidates) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', candidate.key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(additionalData(prefix, context));
        decipher.setAuthTag(tag);
        const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
        return { ok: true, plaintext, sealedWithCurrentKey: candidate === this.current };
      } catch {
        // final() throws when the tag does not match: another key with the same id, or tampering.
      }
    }
    return { ok: false, reason: 'authentication_failed' };
  }
}

function additionalData(prefix: Buffer, context: string): Buffer {
  return Buffer.concat([prefix, Buffer.from(context, 'utf8')]);
}
