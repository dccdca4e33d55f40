import type { SignInReason } from '../errors.js';
import type { OperationOptions, PartnerUserRef } from './models.js';

/** A delegated token, or why the person has to sign in before one can be had. */
export type DelegatedTokenResult =
  | { kind: 'token'; accessToken: string; expiresOn: Date }
  | { kind: 'needsSignIn'; reason: SignInReason; message: string };

/**
 * The one way the product obtains Partner Center tokens (DESIGN §11 "Tokens"). Production and the
 * sandbox use the same implementation (`MsalTokenProvider`); only its configuration differs.
 */
export interface TokenProvider {
  /**
   * An App+User token for Partner Center on behalf of `user` (writes and user-scoped reads).
   * Needing a sign-in is an expected outcome and comes back as data, not as an exception.
   * @throws AppError (code `token_acquisition_failed`) when the authority fails for another reason
   * (misconfigured client, unreachable authority, empty token).
   * @throws the signal's reason (an `AbortError`) when `abortSignal` fires first.
   */
  getDelegatedToken(user: PartnerUserRef, options?: OperationOptions): Promise<DelegatedTokenResult>;

  /**
   * An app-only token for Partner Center (background reads: reminders, customer directory).
   * @throws AppError (code `token_acquisition_failed`) when no token can be had.
   * @throws the signal's reason (an `AbortError`) when `abortSignal` fires first.
   */
  getAppToken(options?: OperationOptions): Promise<string>;
}
