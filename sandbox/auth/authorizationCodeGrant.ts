import { createHash } from 'node:crypto';

import { PartnerCenterScope } from './entraConstants.js';
import { EntraErrorKind } from './entraError.js';
import { delegatedResponse } from './onBehalfOfGrant.js';
import { findPartnerUser } from './partnerClaims.js';
import { missingParameter } from './tokenEndpoint.js';
import type {
  AuthenticatedTokenRequest,
  GrantFailure,
  TokenEndpointDeps,
  TokenResponseBody,
} from './tokenEndpoint.js';

/**
 * The `authorization_code` grant (the second leg of the bot's fallback sign-in page): redeems a code the
 * authorize endpoint issued, once, for the client and redirect URI it was issued to, and only with the
 * PKCE verifier whose S256 hash is the request's challenge. Answers with Entra's codes, so msal-node and
 * the bot meet the same errors as in production. A code is spent by its first redemption, even a failed
 * one: a stolen code gets one guess at the verifier.
 */
export async function authorizationCode(
  request: AuthenticatedTokenRequest,
  deps: TokenEndpointDeps,
): Promise<{ status: 200; body: TokenResponseBody } | GrantFailure> {
  const { form, scopes, clientId, partner } = request;
  const code = form.get('code');
  if (!code) return missingParameter('code');
  const redirectUri = form.get('redirect_uri');
  if (!redirectUri) return missingParameter('redirect_uri');
  if (!scopes.includes(PartnerCenterScope.userImpersonation)) {
    return {
      kind: EntraErrorKind.invalidScope,
      message: `The value of the parameter 'scope' is not valid. Use '${PartnerCenterScope.userImpersonation}'.`,
    };
  }
  const redemption = deps.authorizationCodes.redeem(code, deps.now());
  switch (redemption.kind) {
    case 'unknown':
      return {
        kind: EntraErrorKind.invalidAuthorizationCode,
        message: "The provided value for the 'code' parameter is not valid.",
      };
    case 'alreadyRedeemed':
      return {
        kind: EntraErrorKind.authorizationCodeRedeemed,
        message:
          'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
      };
    case 'expired':
      return {
        kind: EntraErrorKind.authorizationCodeExpired,
        message: 'The provided authorization code or refresh token has expired due to inactivity.',
      };
    case 'granted':
      break;
  }
  const { grant } = redemption;
  if (grant.clientId !== clientId) {
    return {
      kind: EntraErrorKind.invalidAuthorizationCode,
      message: "The provided value for the 'code' parameter is not valid: it was issued to another client.",
    };
  }
  if (grant.redirectUri !== redirectUri) {
    return {
      kind: EntraErrorKind.replyAddressMismatch,
      message:
        'The reply address does not match the reply address provided when requesting Authorization code.',
    };
  }
  const verifier = form.get('code_verifier') ?? '';
  if (s256(verifier) !== grant.codeChallenge) {
    return {
      kind: EntraErrorKind.codeVerifierMismatch,
      message: 'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    };
  }
  const user = findPartnerUser(partner, { oid: grant.oid });
  if (!user) {
    return {
      kind: EntraErrorKind.userNotFound,
      message: `User account '${grant.oid}' does not exist in tenant '${partner.tenantId}'.`,
    };
  }
  return { status: 200, body: await delegatedResponse(user, grant.amr, request, deps) };
}

/** RFC 7636's S256: base64url (no padding) of the SHA-256 of the verifier's ASCII bytes. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
