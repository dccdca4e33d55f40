import { decodeJwt } from 'jose';

import { AppError } from '../errors.js';
import type { TokenClaims } from './models.js';

/**
 * Reads a JWT's claims **without verifying it**. Only for a token the bot has just received from the
 * authority itself over TLS (e.g. the Partner Center token MSAL returned), to learn the user's roles;
 * never for a token that came from a request.
 * @throws AppError (code `token_malformed`) when the value is not a JWT.
 */
export function decodeTokenClaimsUnverified(token: string): TokenClaims {
  let payload: Record<string, unknown>;
  try {
    payload = decodeJwt(token);
  } catch (error: unknown) {
    throw new AppError('The token is not a readable JWT.', 'token_malformed', { cause: error });
  }
  // Claims of the wrong type are dropped rather than trusted, so readers can rely on the declared types.
  const claims: TokenClaims = { ...payload };
  for (const name of ['oid', 'tid', 'name', 'upn', 'preferred_username', 'scp'] as const) {
    if (name in claims && typeof claims[name] !== 'string') delete claims[name];
  }
  for (const name of ['amr', 'groups', 'wids'] as const) {
    const value = claims[name];
    if (name in claims && !(Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
      delete claims[name];
    }
  }
  if ('exp' in claims && typeof claims.exp !== 'number') delete claims.exp;
  return claims;
}
