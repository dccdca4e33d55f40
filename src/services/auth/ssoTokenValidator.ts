import { errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';

import type { PartnerUserRef } from './models.js';

/** Why an incoming SSO token was refused. `keys_unavailable` is the authority's fault, not the token's. */
export type SsoTokenRefusal =
  | 'malformed'
  | 'signature'
  | 'expired'
  | 'not_yet_valid'
  | 'audience'
  | 'issuer'
  | 'tenant'
  | 'scope'
  | 'user_mismatch'
  | 'keys_unavailable';

export type SsoTokenCheck =
  | { ok: true; user: PartnerUserRef; expiresOn: Date }
  | { ok: false; refusal: SsoTokenRefusal; detail: string };

export interface SsoTokenValidatorOptions {
  /**
   * The authority's signing keys: `createRemoteJWKSet(new URL(jwks_uri))` (jose caches them and
   * refetches on an unknown key id, at most every 30 s).
   */
  keys: JWTVerifyGetKey;
  /**
   * Issuers accepted for the partner tenant: Entra's v2 `https://login.microsoftonline.com/{tid}/v2.0`
   * and, for an app registration still issuing v1 tokens, `https://sts.windows.net/{tid}/`.
   */
  issuers: readonly string[];
  /** The bot's App ID URI (`api://botid-{appId}`, v1 tokens) and its client id (v2 tokens). */
  audiences: readonly string[];
  partnerTenantId: string;
  /** Default the system clock. */
  now?: () => Date;
}

/** The delegated scope Teams asks for when it gets the bot's SSO token. */
const SSO_SCOPE = 'access_as_user';

/** Entra and Bot Framework tolerate five minutes of clock skew. */
const CLOCK_TOLERANCE_IN_SECONDS = 5 * 60;

/**
 * Checks the SSO token Teams sends in `signin/tokenExchange` **before** the bot uses it for anything:
 * signed by the authority (RS256), within its lifetime, issued by the partner tenant, addressed to this
 * bot (App ID URI or client id), with Teams' `access_as_user` scope, and for the very person and tenant
 * of the activity that carried it. The on-behalf-of exchange would refuse most of these too, but only
 * after the token left the process; and a token minted for another app must never be replayed at
 * Entra under the bot's name.
 */
export class SsoTokenValidator {
  private readonly now: () => Date;

  constructor(private readonly options: SsoTokenValidatorOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Never throws for a bad token: a refusal is data the caller answers with 412. */
  async validate(token: string, expectedUser: PartnerUserRef): Promise<SsoTokenCheck> {
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, this.options.keys, {
        algorithms: ['RS256'],
        issuer: [...this.options.issuers],
        audience: [...this.options.audiences],
        clockTolerance: CLOCK_TOLERANCE_IN_SECONDS,
        currentDate: this.now(),
        requiredClaims: ['exp', 'tid', 'oid'],
      }));
    } catch (error: unknown) {
      return {
        ok: false,
        refusal: refusalOf(error),
        detail: error instanceof Error ? error.message : 'unknown',
      };
    }
    const { tid, oid, scp } = claims;
    if (tid !== this.options.partnerTenantId || tid !== expectedUser.tenantId) {
      return {
        ok: false,
        refusal: 'tenant',
        detail: 'the token is not from the partner tenant of the activity',
      };
    }
    if (oid !== expectedUser.oid) {
      return {
        ok: false,
        refusal: 'user_mismatch',
        detail: 'the token belongs to another user than the activity',
      };
    }
    if (typeof scp !== 'string' || !scp.split(' ').includes(SSO_SCOPE)) {
      return { ok: false, refusal: 'scope', detail: `the token lacks the ${SSO_SCOPE} scope` };
    }
    // `exp` is required above, so it is a number here.
    return { ok: true, user: expectedUser, expiresOn: new Date(Number(claims.exp) * 1000) };
  }
}

function refusalOf(error: unknown): SsoTokenRefusal {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'audience';
    if (error.claim === 'iss') return 'issuer';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'not_yet_valid';
    return 'malformed';
  }
  // An unknown key id means no key the authority publishes signed it: a forgery as far as we can tell.
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return 'signature';
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JOSENotSupported
  ) {
    return 'malformed';
  }
  // The keys could not be fetched (timeout, network, bad JWKS document).
  return 'keys_unavailable';
}
