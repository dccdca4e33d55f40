import type { SignInReason } from '../errors.js';
import type { OperationOptions, PartnerUserRef } from './models.js';

/** The user's SSO assertion for the on-behalf-of exchange, or why there is none. */
export type AssertionResult =
  { kind: 'assertion'; assertion: string } | { kind: 'needsSignIn'; reason: SignInReason; message: string };

/**
 * Where the user's SSO token (audience: the bot's App ID URI) comes from. In Teams it is the token of
 * the latest `signin/tokenExchange` invoke; locally the sandbox mints one for the mapped demo user,
 * because the Agents Playground has no SSO (DESIGN §10).
 */
export interface AssertionSource {
  getAssertion(user: PartnerUserRef, options?: OperationOptions): Promise<AssertionResult>;

  /**
   * Forgets an assertion the authority refused (expired or invalid), so the next call gets a fresh one
   * instead of failing the same way.
   */
  discard(user: PartnerUserRef, assertion: string): void;
}
