import { SignInRequiredError } from '../errors.js';
import type { AccessTokenSource } from '../partner-center/partnerCenterTransport.js';
import type { PartnerUserRef } from './models.js';
import type { TokenProvider } from './tokenProvider.js';

/**
 * Bridges the `TokenProvider` port to the Partner Center client's credential: one source per identity.
 * The client asks for a token on every attempt, so MSAL's cache decides when to renew.
 */

/** App-only credential: background reads (customers, subscriptions, orders). */
export function appCredential(tokens: TokenProvider): AccessTokenSource {
  return (options) => tokens.getAppToken(options);
}

/**
 * Delegated credential of one partner user: writes and user-scoped reads.
 * @throws SignInRequiredError (from the returned source) when the person must sign in first.
 */
export function delegatedCredential(tokens: TokenProvider, user: PartnerUserRef): AccessTokenSource {
  return async (options) => {
    const result = await tokens.getDelegatedToken(user, options);
    if (result.kind === 'needsSignIn') throw new SignInRequiredError(result.reason, result.message);
    return result.accessToken;
  };
}
