import type { JWTPayload } from 'jose';

import type { PartnerUserSeed } from '../seeds/seedTypes.js';
import { PARTNER_CENTER_AUDIENCE, PartnerCenterScope, TOKEN_EXPIRES_IN_SECONDS } from './entraConstants.js';
import { EntraErrorKind } from './entraError.js';
import { checkJwt } from './jwtCheck.js';
import { findPartnerUser } from './partnerClaims.js';
import type {
  AuthenticatedTokenRequest,
  GrantFailure,
  TokenEndpointDeps,
  TokenResponseBody,
} from './tokenEndpoint.js';

const MFA_MESSAGE =
  'Due to a configuration change made by your administrator, or because you moved to a new location, ' +
  `you must use multi-factor authentication to access '${PARTNER_CENTER_AUDIENCE}'.`;

/** The claims challenge Entra attaches to an MFA demand; clients pass it to the interactive sign-in. */
const MFA_CLAIMS_CHALLENGE = JSON.stringify({ access_token: { amr: { essential: true, values: ['mfa'] } } });

/**
 * The on-behalf-of grant: checks the SSO assertion (signed by this authority, valid now, for this
 * tenant, addressed to the presenting app, for a known user), honours the per-user interaction
 * switches, and issues an App+User Partner Center token that inherits the assertion's `amr`.
 */
export async function onBehalfOf(
  request: AuthenticatedTokenRequest,
  deps: TokenEndpointDeps,
): Promise<{ status: 200; body: TokenResponseBody } | GrantFailure> {
  const { form, scopes, clientId } = request;
  if (form.get('requested_token_use') !== 'on_behalf_of') {
    return {
      kind: EntraErrorKind.missingParameter,
      message: "'requested_token_use' must be 'on_behalf_of'.",
    };
  }
  const assertion = form.get('assertion');
  if (!assertion) {
    return { kind: EntraErrorKind.missingParameter, message: "The request body must contain 'assertion'." };
  }
  if (!scopes.includes(PartnerCenterScope.userImpersonation)) {
    return {
      kind: EntraErrorKind.invalidScope,
      message: `The value of the parameter 'scope' is not valid. Use '${PartnerCenterScope.userImpersonation}'.`,
    };
  }
  const checked = await checkAssertion(assertion, request, deps);
  if ('kind' in checked) return checked;

  switch (deps.interactionRequired.get(checked.user.oid)) {
    case 'mfa':
      return { kind: EntraErrorKind.mfaRequired, message: MFA_MESSAGE, claims: MFA_CLAIMS_CHALLENGE };
    case 'consent':
      return {
        kind: EntraErrorKind.consentRequired,
        message:
          `The user or administrator has not consented to use the application with ID '${clientId}'. ` +
          'Send an interactive authorization request for this user and resource.',
      };
    default:
      return { status: 200, body: await delegatedResponse(checked.user, checked.amr, request, deps) };
  }
}

/** Access token plus what Entra adds for the OIDC scopes msal-node always asks for. */
export async function delegatedResponse(
  user: PartnerUserSeed,
  amr: string[],
  request: AuthenticatedTokenRequest,
  deps: TokenEndpointDeps,
): Promise<TokenResponseBody> {
  const { clientId, scopes, form, partner } = request;
  const body: TokenResponseBody = {
    token_type: 'Bearer',
    scope: PartnerCenterScope.userImpersonation,
    access_token: await deps.issuer.userToken(user, { clientId, amr }),
    expires_in: TOKEN_EXPIRES_IN_SECONDS,
    ext_expires_in: TOKEN_EXPIRES_IN_SECONDS,
  };
  if (scopes.includes('offline_access')) {
    body.refresh_token = deps.refreshTokens.issue({ oid: user.oid, clientId, amr }, deps.now());
  }
  if (scopes.includes('openid')) body.id_token = await deps.issuer.idToken(user, clientId);
  // client_info lets msal-node key its cache by `{oid}.{tid}`, as with the real service.
  if (form.get('client_info') === '1') {
    const clientInfo = JSON.stringify({ uid: user.oid, utid: partner.tenantId });
    body.client_info = Buffer.from(clientInfo).toString('base64url');
  }
  return body;
}

/** Entra accepts an assertion whose audience is the presenting app: its client id or its App ID URI. */
function isAudienceOf(audience: unknown, clientId: string): boolean {
  const values: unknown[] = Array.isArray(audience) ? audience : [audience];
  return values.some(
    (value) =>
      value === clientId ||
      (typeof value === 'string' && value.startsWith('api://') && value.endsWith(clientId)),
  );
}

async function checkAssertion(
  assertion: string,
  request: AuthenticatedTokenRequest,
  deps: TokenEndpointDeps,
): Promise<{ user: PartnerUserSeed; amr: string[] } | GrantFailure> {
  const { partner, clientId } = request;
  const result = await checkJwt(assertion, { keys: deps.keys(), now: deps.now() });
  if (!result.ok) {
    return result.failure === 'expired' || result.failure === 'notYetValid'
      ? { kind: EntraErrorKind.assertionExpired, message: 'Assertion is not within its valid time range.' }
      : { kind: EntraErrorKind.assertionInvalid, message: 'Assertion failed signature validation.' };
  }
  const claims: JWTPayload = result.claims;
  if (claims['tid'] !== partner.tenantId || claims.iss !== deps.issuer.issuerFor(partner.tenantId)) {
    return { kind: EntraErrorKind.assertionInvalid, message: 'Assertion was not issued for this tenant.' };
  }
  if (!isAudienceOf(claims.aud, clientId)) {
    return {
      kind: EntraErrorKind.assertionInvalid,
      message: 'Assertion audience does not match the Client app presenting the assertion.',
    };
  }
  const oid = claims['oid'];
  const user = typeof oid === 'string' ? findPartnerUser(partner, { oid }) : undefined;
  if (!user) {
    return {
      kind: EntraErrorKind.userNotFound,
      message: `User account '${String(oid)}' does not exist in tenant '${partner.tenantId}'.`,
    };
  }
  const amrClaim = claims['amr'];
  const amr = Array.isArray(amrClaim)
    ? amrClaim.filter((value): value is string => typeof value === 'string')
    : [];
  return { user, amr };
}
