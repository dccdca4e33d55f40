import type { SignInReason } from '../errors.js';

/** A failed token request that a sign-in would fix. */
export interface SignInNeeded {
  kind: 'needsSignIn';
  reason: SignInReason;
  message: string;
}

/** AADSTS numbers that mean "the user must sign in again, with MFA" (50158: external challenge, e.g. third-party MFA). */
const MFA_CODES = new Set(['50076', '50079', '50158']);
/** AADSTS numbers that mean "consent is missing for Partner Center's scope". */
const CONSENT_CODES = new Set(['65001', '65004']);
/** The user is unknown to the partner tenant (deleted, or a guest that was removed). */
const UNKNOWN_USER_CODES = new Set(['50034', '50020']);
/** The assertion expired or was refused: a fresh SSO token is needed. */
const EXPIRED_ASSERTION_CODES = new Set(['500133', '50013', '700082', '70008']);

const MESSAGES: Record<SignInReason, string> = {
  not_signed_in: 'Sign in to Partner Center to continue.',
  expired: 'The sign-in has expired; sign in again to continue.',
  mfa_required: 'Partner Center requires multi-factor authentication; sign in again with MFA to continue.',
  consent_required: 'Consent for Partner Center is missing; sign in and accept the permissions to continue.',
  unknown_user: 'This account is not a user of the partner tenant.',
};

/**
 * Decides whether an msal-node error means "the person has to sign in" and why (DESIGN §11), reading
 * the AADSTS number MSAL keeps in `errorNo` (or the description when it is missing). Returns
 * `undefined` for everything else (bad client secret, unreachable authority…), which callers treat as
 * a failure, not as a sign-in prompt.
 */
export function classifyMsalError(error: unknown): SignInNeeded | undefined {
  if (!(error instanceof Error)) return undefined;
  const errorCode = stringProperty(error, 'errorCode');
  const subError = stringProperty(error, 'subError');
  const aadsts = aadstsNumber(error);
  const isInteractionRequired = error.name === 'InteractionRequiredAuthError';

  const reason = ((): SignInReason | undefined => {
    if (aadsts !== undefined && MFA_CODES.has(aadsts)) return 'mfa_required';
    if (errorCode === 'consent_required' || subError === 'consent_required') return 'consent_required';
    if (aadsts !== undefined && CONSENT_CODES.has(aadsts)) return 'consent_required';
    if (aadsts !== undefined && UNKNOWN_USER_CODES.has(aadsts)) return 'unknown_user';
    if (subError === 'basic_action' || subError === 'additional_action') return 'mfa_required';
    if (aadsts !== undefined && EXPIRED_ASSERTION_CODES.has(aadsts)) return 'expired';
    // Any other refused grant (assertion or refresh token) can no longer be redeemed: a new sign-in is needed.
    if (errorCode === 'invalid_grant') return 'expired';
    // MSAL found the cached refresh token past its expiry without asking the authority.
    if (errorCode === 'refresh_token_expired') return 'expired';
    if (isInteractionRequired) return 'not_signed_in';
    return undefined;
  })();
  return reason === undefined ? undefined : { kind: 'needsSignIn', reason, message: MESSAGES[reason] };
}

/** The standard message for a reason, for callers that detect a sign-in need themselves. */
export function signInMessage(reason: SignInReason): string {
  return MESSAGES[reason];
}

function aadstsNumber(error: Error): string | undefined {
  const errorNo = (error as { errorNo?: unknown }).errorNo;
  if (typeof errorNo === 'number' || (typeof errorNo === 'string' && errorNo !== '')) return String(errorNo);
  return /AADSTS(\d+)/.exec(error.message)?.[1];
}

function stringProperty(error: Error, name: 'errorCode' | 'subError'): string | undefined {
  const value = (error as Partial<Record<typeof name, unknown>>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
