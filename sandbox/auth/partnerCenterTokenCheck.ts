import type { JSONWebKeySet, JWTPayload } from 'jose';

import type { AuthOutcome, RouteAccess, VerifiedCaller } from './types.js';
import { PARTNER_CENTER_AUDIENCE } from './entraConstants.js';
import { checkJwt } from './jwtCheck.js';
import type { JwtFailure } from './jwtCheck.js';
import { PartnerCenterAuthCode } from './partnerCenterAuthCode.js';

/** What a Partner Center token is checked against. */
export interface PartnerCenterTokenExpectations {
  keys: JSONWebKeySet;
  now: Date;
  partnerTenantId: string;
  /** Issuer Entra uses for a tenant; the token's `iss` must be the one for its own `tid`. */
  issuerFor: (tenantId: string) => string;
}

type Refusal = Extract<AuthOutcome, { ok: false }>;

const refuse = (status: 401 | 403, code: PartnerCenterAuthCode, description: string): Refusal => ({
  ok: false,
  status,
  code,
  description,
});

const JWT_REFUSALS: Record<JwtFailure, Refusal> = {
  malformed: refuse(401, PartnerCenterAuthCode.invalidSignature, 'The access token could not be read.'),
  signature: refuse(401, PartnerCenterAuthCode.invalidSignature, 'The access token signature is invalid.'),
  expired: refuse(401, PartnerCenterAuthCode.expired, 'The access token has expired.'),
  notYetValid: refuse(401, PartnerCenterAuthCode.notYetValid, 'The access token is not valid yet.'),
  audience: refuse(
    401,
    PartnerCenterAuthCode.wrongAudience,
    `The access token audience is invalid; expected '${PARTNER_CENTER_AUDIENCE}'.`,
  ),
  issuer: refuse(401, PartnerCenterAuthCode.wrongIssuer, 'The access token issuer is invalid.'),
};

/**
 * Decides whether a Partner Center request's bearer token may call a route, in the order Partner
 * Center reports problems: who signed it and when, then whose tenant, then App+User and MFA rules.
 */
export async function checkPartnerCenterToken(
  authorizationHeader: string | undefined,
  access: RouteAccess,
  expected: PartnerCenterTokenExpectations,
): Promise<AuthOutcome> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorizationHeader ?? '');
  const token = match?.[1];
  if (token === undefined) {
    return refuse(
      401,
      PartnerCenterAuthCode.missingToken,
      'Authorization header with a Bearer token is required.',
    );
  }
  const checked = await checkJwt(token, {
    keys: expected.keys,
    now: expected.now,
    audience: PARTNER_CENTER_AUDIENCE,
  });
  if (!checked.ok) return JWT_REFUSALS[checked.failure];
  const claims = checked.claims;

  const tenantId = stringClaim(claims, 'tid');
  if (tenantId === undefined || claims.iss !== expected.issuerFor(tenantId)) return JWT_REFUSALS.issuer;
  if (tenantId !== expected.partnerTenantId) {
    return refuse(
      403,
      PartnerCenterAuthCode.foreignTenant,
      `The token's tenant '${tenantId}' is not this partner's tenant.`,
    );
  }

  // Entra marks app-only tokens by the absence of `scp` (and `idtyp: app` when that claim is enabled).
  const scopes = stringClaim(claims, 'scp')?.split(' ') ?? [];
  const isAppOnly = scopes.length === 0;
  if (isAppOnly && access === 'userOnly') {
    return refuse(
      403,
      PartnerCenterAuthCode.appOnlyNotAllowed,
      'This operation requires an App+User token; app-only tokens are not supported for it.',
    );
  }
  if (!isAppOnly && !scopes.includes('user_impersonation')) {
    return refuse(
      401,
      PartnerCenterAuthCode.missingScope,
      "The access token lacks the 'user_impersonation' scope.",
    );
  }
  const amr = claims['amr'];
  const hasMfa = Array.isArray(amr) && amr.includes('mfa');
  if (!isAppOnly && !hasMfa) {
    return refuse(
      401,
      PartnerCenterAuthCode.mfaRequired,
      'MFA is required: App+User calls to Partner Center must carry the multi-factor authentication claim.',
    );
  }
  return { ok: true, caller: callerFrom(claims, tenantId, isAppOnly, hasMfa) };
}

function callerFrom(
  claims: JWTPayload,
  tenantId: string,
  isAppOnly: boolean,
  hasMfa: boolean,
): VerifiedCaller {
  const caller: VerifiedCaller = {
    kind: isAppOnly ? 'app' : 'user',
    tenantId,
    appId: stringClaim(claims, 'azp') ?? stringClaim(claims, 'appid') ?? '',
    hasMfa,
  };
  if (isAppOnly) return caller;
  const oid = stringClaim(claims, 'oid');
  const name = stringClaim(claims, 'name');
  const upn = stringClaim(claims, 'upn') ?? stringClaim(claims, 'preferred_username');
  if (oid !== undefined) caller.oid = oid;
  if (name !== undefined) caller.name = name;
  if (upn !== undefined) caller.userPrincipalName = upn;
  return caller;
}

function stringClaim(claims: JWTPayload, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' ? value : undefined;
}
