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
export function delegatedCredential(
  tokens: TokenProvider,
  user: PartnerUserRef,
  now: () => number = Date.now,
): AccessTokenSource {
  // Thousands of calls in a migration would each walk MSAL's cache; the token is reused until
  // shortly before it expires instead, and MSAL is asked again only then.
  let held: { accessToken: string; renewAt: number } | undefined;
  return async (options) => {
    if (held && now() < held.renewAt) return held.accessToken;
    const result = await tokens.getDelegatedToken(user, options);
    if (result.kind === 'needsSignIn') {
      held = undefined;
      throw new SignInRequiredError(result.reason, result.message);
    }
    held = { accessToken: result.accessToken, renewAt: result.expiresOn.getTime() - renewalMarginInMs };
    return result.accessToken;
  };
}

/** Ask for a new token this long before the held one expires, so none expires in flight. */
const renewalMarginInMs = 5 * 60 * 1000;
