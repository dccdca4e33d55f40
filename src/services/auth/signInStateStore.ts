import { createHash } from 'node:crypto';

import { ConcurrencyError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { BlobJsonStore } from '../storage/blobJsonStore.js';
import type { SignInRequest } from './signInLinks.js';
import type { TokenCacheCipher } from './tokenCacheCipher.js';

/** A fallback sign-in between `/auth/start` and `/auth/callback`. */
export interface PendingSignIn {
  request: SignInRequest;
  /** The PKCE verifier: with the code it is half of what redeems a token, so it is stored sealed. */
  codeVerifier: string;
  /** SHA-256 (hex) of the browser-binding cookie `/auth/start` set: the callback must come from that browser. */
  browserBindingHash: string;
  expiresAt: string;
}

/** The stored form: the pending sign-in sealed with the token cache cipher, nothing readable. */
interface SealedSignIn {
  sealed: string;
}

/** From start to callback: enough for a password, MFA and consent, short enough to be useless later. */
export const SIGN_IN_STATE_LIFETIME_IN_MS = 10 * 60 * 1000;

/**
 * Server-side state of the fallback page's authorization-code flow, shared by every instance (the
 * callback may land on another one than the start). One blob per sign-in at `sign-in/<sha256 of the
 * OAuth state>.json`, AES-256-GCM-sealed with the blob name authenticated, so a copied or edited blob
 * does not open. `take` is single use across instances: it deletes the blob on the eTag it read, and
 * only the caller whose delete succeeded gets the sign-in. Abandoned blobs are removed by a lifecycle
 * rule on the `sign-in/` prefix (README); an expired one is refused anyway.
 */
export class SignInStateStore {
  constructor(
    private readonly documents: BlobJsonStore<SealedSignIn>,
    private readonly cipher: TokenCacheCipher,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * @param state the OAuth `state`: random, high-entropy, sent to the authority and back.
   * @throws ConcurrencyError in the astronomically unlikely case the state already exists.
   */
  async save(state: string, pending: PendingSignIn): Promise<void> {
    const name = nameOf(state);
    const sealed = this.cipher.seal(JSON.stringify(pending), name).toString('base64');
    await this.documents.write(name, { sealed }, { ifNoneExists: true });
  }

  /**
   * The pending sign-in for `state`, consumed: a second `take` (a replayed callback, here or on another
   * instance) gets `undefined`, as does an unknown, unreadable or expired one.
   */
  async take(state: string): Promise<PendingSignIn | undefined> {
    const name = nameOf(state);
    const stored = await this.documents.read(name);
    if (!stored) return undefined;
    try {
      if (!(await this.documents.remove(name, { ifMatch: stored.etag }))) return undefined;
    } catch (error) {
      // Someone else consumed (or replaced) it between our read and delete: theirs, not ours.
      if (error instanceof ConcurrencyError) return undefined;
      throw error;
    }
    const opened = this.cipher.open(Buffer.from(stored.value.sealed, 'base64'), name);
    if (!opened.ok) {
      this.logger.warn({ blob: name, reason: opened.reason }, 'Sign-in state cannot be decrypted; refused');
      return undefined;
    }
    const pending = JSON.parse(opened.plaintext) as PendingSignIn;
    if (Date.parse(pending.expiresAt) <= this.now().getTime()) return undefined;
    return pending;
  }
}

function nameOf(state: string): string {
  return `sign-in/${createHash('sha256').update(state).digest('hex')}.json`;
}
