import { randomUUID } from 'node:crypto';

/** The body Entra ID's token endpoint answers with on failure (RFC 6749 §5.2 plus Entra's fields). */
export interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
  /** Entra's hint for the client (`basic_action` = MFA, `consent_required`, …). */
  suberror?: string;
  /** A claims challenge to pass to the interactive sign-in (JSON string). */
  claims?: string;
}

/** A token-endpoint failure ready to send. */
export interface EntraErrorResponse {
  status: 400 | 401;
  body: EntraErrorBody;
}

/** One entry of the catalogue: the OAuth error, the AADSTS number and its status. */
interface EntraErrorKind {
  status: 400 | 401;
  error: string;
  aadsts: number;
  suberror?: string;
}

/**
 * The Entra errors the sandbox produces, with the AADSTS numbers Entra uses for the same situation,
 * so msal-node classifies them as it would in production (InteractionRequiredAuthError vs ServerError).
 */
export const EntraErrorKind = {
  missingClientSecret: { status: 401, error: 'invalid_client', aadsts: 7000218 },
  invalidClientSecret: { status: 401, error: 'invalid_client', aadsts: 7000215 },
  unknownClient: { status: 400, error: 'unauthorized_client', aadsts: 700016 },
  tenantNotFound: { status: 400, error: 'invalid_request', aadsts: 90002 },
  missingParameter: { status: 400, error: 'invalid_request', aadsts: 900144 },
  unsupportedGrantType: { status: 400, error: 'unsupported_grant_type', aadsts: 70003 },
  invalidScope: { status: 400, error: 'invalid_scope', aadsts: 70011 },
  assertionExpired: { status: 400, error: 'invalid_grant', aadsts: 500133 },
  assertionInvalid: { status: 400, error: 'invalid_grant', aadsts: 50013 },
  userNotFound: { status: 400, error: 'invalid_grant', aadsts: 50034 },
  invalidRefreshToken: { status: 400, error: 'invalid_grant', aadsts: 9002313 },
  invalidAuthorizationCode: { status: 400, error: 'invalid_grant', aadsts: 70000 },
  authorizationCodeRedeemed: { status: 400, error: 'invalid_grant', aadsts: 54005 },
  authorizationCodeExpired: { status: 400, error: 'invalid_grant', aadsts: 70008 },
  codeVerifierMismatch: { status: 400, error: 'invalid_grant', aadsts: 501481 },
  replyAddressMismatch: { status: 400, error: 'invalid_grant', aadsts: 500112 },
  redirectUriNotRegistered: { status: 400, error: 'invalid_request', aadsts: 50011 },
  invalidCodeChallenge: { status: 400, error: 'invalid_request', aadsts: 501491 },
  unsupportedResponseType: { status: 400, error: 'unsupported_response_type', aadsts: 70005 },
  userDeclinedConsent: { status: 400, error: 'access_denied', aadsts: 65004 },
  mfaRequired: { status: 400, error: 'interaction_required', aadsts: 50076, suberror: 'basic_action' },
  consentRequired: {
    status: 400,
    error: 'interaction_required',
    aadsts: 65001,
    suberror: 'consent_required',
  },
} as const satisfies Record<string, EntraErrorKind>;

/**
 * Builds an Entra-shaped error. The description starts with `AADSTSnnnnn:` and ends with the trace
 * and correlation ids, exactly where msal-node and people reading logs look for them.
 */
export function entraError(
  kind: EntraErrorKind,
  message: string,
  options: { now: Date; correlationId?: string; claims?: string },
): EntraErrorResponse {
  const traceId = randomUUID();
  const correlationId = options.correlationId ?? randomUUID();
  const timestamp = options.now
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  const body: EntraErrorBody = {
    error: kind.error,
    error_description:
      `AADSTS${kind.aadsts}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} ` +
      `Timestamp: ${timestamp}`,
    error_codes: [kind.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.sandbox.test/error?code=${kind.aadsts}`,
  };
  if (kind.suberror !== undefined) body.suberror = kind.suberror;
  if (options.claims !== undefined) body.claims = options.claims;
  return { status: kind.status, body };
}
