import { createLocalJWKSet, errors, jwtVerify } from 'jose';
import type { JSONWebKeySet, JWTPayload } from 'jose';

import { CLOCK_SKEW_IN_SECONDS } from './entraConstants.js';

/** Why a JWT was refused, in the terms the callers translate into their own error codes. */
export type JwtFailure = 'malformed' | 'signature' | 'expired' | 'notYetValid' | 'audience' | 'issuer';

export type JwtCheckResult =
  { ok: true; claims: JWTPayload } | { ok: false; failure: JwtFailure; detail: string };

/** What a JWT is checked against. Audience and issuer are optional because some callers check them later. */
export interface JwtExpectations {
  keys: JSONWebKeySet;
  now: Date;
  audience?: string | string[];
  issuer?: string | string[];
}

/**
 * Verifies signature (RS256 only), `exp`/`nbf` with 5 minutes of skew, and optionally `aud`/`iss`.
 * Never throws for a bad token: a refused token is an expected outcome for the callers.
 */
export async function checkJwt(token: string, expected: JwtExpectations): Promise<JwtCheckResult> {
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(expected.keys), {
      algorithms: ['RS256'],
      clockTolerance: CLOCK_SKEW_IN_SECONDS,
      currentDate: expected.now,
      ...(expected.audience !== undefined ? { audience: expected.audience } : {}),
      ...(expected.issuer !== undefined ? { issuer: expected.issuer } : {}),
    });
    return { ok: true, claims: payload };
  } catch (error: unknown) {
    return {
      ok: false,
      failure: classify(error),
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

function classify(error: unknown): JwtFailure {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf' || error.claim === 'iat') return 'notYetValid';
    if (error.claim === 'aud') return 'audience';
    if (error.claim === 'iss') return 'issuer';
    return 'malformed';
  }
  // An unknown `kid` means the token was not signed by any key we publish: a signature failure.
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return 'signature';
  }
  return 'malformed';
}
