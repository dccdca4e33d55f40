import type { PartnerSeed } from '../seeds/seedTypes.js';
import { accountPickerPage, authorizeErrorPage } from './authorizePage.js';
import type { AuthorizationCodeStore } from './authorizationCodeStore.js';
import { PartnerCenterScope } from './entraConstants.js';
import { entraError, EntraErrorKind } from './entraError.js';
import { amrFor, findPartnerUser } from './partnerClaims.js';
import { isRegisteredRedirectUri } from './redirectUris.js';
import type { InteractionRequirement } from './tokenEndpoint.js';

/** What the authorize endpoint answers: a redirect back to the client, or a page for the browser. */
export type AuthorizeOutcome =
  { kind: 'redirect'; location: string } | { kind: 'page'; status: 200 | 400; html: string };

export interface AuthorizeDeps {
  partner: () => PartnerSeed;
  /** Registered redirect URIs per client id (an unknown client has no entry). */
  redirectUris: ReadonlyMap<string, readonly string[]>;
  authorizationCodes: AuthorizationCodeStore;
  /** The per-user switches of `requireInteraction`; an interactive consent lifts `consent`. */
  interactionRequired: Map<string, InteractionRequirement>;
  now: () => Date;
}

type ErrorKind = (typeof EntraErrorKind)[keyof typeof EntraErrorKind];

/** An S256 challenge is the base64url of a SHA-256: 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * `GET /{tenant}/oauth2/v2.0/authorize`, the first leg of the authorization-code flow, as Entra runs it
 * for a confidential client with PKCE: an unknown client or an unregistered redirect URI gets an error
 * page (never a redirect: that would send codes anywhere); other problems go back to the redirect URI
 * as `error`/`error_description`. With a `login_hint` naming a demo user the user is signed in and
 * consents at once; without one the account picker form is shown. The code carries the user's MFA
 * state as their seed has it (the interactive sign-in does MFA for users who have it registered).
 */
export function handleAuthorizeRequest(
  tenant: string,
  query: URLSearchParams,
  path: string,
  deps: AuthorizeDeps,
): AuthorizeOutcome {
  const partner = deps.partner();
  const now = deps.now();
  const problem = (kind: ErrorKind, message: string): AuthorizeOutcome => ({
    kind: 'page',
    status: 400,
    html: authorizeErrorPage(entraError(kind, message, { now }).body.error_description),
  });
  if (tenant !== partner.tenantId) {
    return problem(EntraErrorKind.tenantNotFound, `Tenant '${tenant}' not found.`);
  }
  const clientId = query.get('client_id') ?? '';
  const registered = deps.redirectUris.get(clientId);
  if (!registered) {
    return problem(
      EntraErrorKind.unknownClient,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`,
    );
  }
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!isRegisteredRedirectUri(redirectUri, registered)) {
    return problem(
      EntraErrorKind.redirectUriNotRegistered,
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs ` +
        `configured for the application '${clientId}'.`,
    );
  }

  // From here on the redirect URI is trusted: problems go back to the client.
  const state = query.get('state');
  const back = (kind: ErrorKind, message: string): AuthorizeOutcome => {
    const { body } = entraError(kind, message, { now });
    const location = new URL(redirectUri);
    location.searchParams.set('error', body.error);
    location.searchParams.set('error_description', body.error_description);
    if (state !== null) location.searchParams.set('state', state);
    return { kind: 'redirect', location: location.toString() };
  };
  if (query.get('response_type') !== 'code') {
    return back(EntraErrorKind.unsupportedResponseType, "The sandbox supports only response_type 'code'.");
  }
  const responseMode = query.get('response_mode') ?? 'query';
  if (responseMode !== 'query') {
    return back(EntraErrorKind.missingParameter, "The sandbox supports only response_mode 'query'.");
  }
  const scopes = (query.get('scope') ?? '').split(' ').filter(Boolean);
  if (!scopes.includes(PartnerCenterScope.userImpersonation)) {
    return back(
      EntraErrorKind.invalidScope,
      `The provided value for the input parameter 'scope' isn't valid. Ask for '${PartnerCenterScope.userImpersonation}'.`,
    );
  }
  const codeChallenge = query.get('code_challenge');
  if (!codeChallenge) {
    // Stricter than Entra, which lets a confidential client skip PKCE: the bot must not.
    return back(EntraErrorKind.missingParameter, "The request must contain the parameter 'code_challenge'.");
  }
  if (query.get('code_challenge_method') !== 'S256' || !S256_CHALLENGE.test(codeChallenge)) {
    return back(
      EntraErrorKind.invalidCodeChallenge,
      "Invalid Code_Challenge: the sandbox accepts only code_challenge_method 'S256' with a 43-character challenge.",
    );
  }
  if (query.get('sandbox_action') === 'cancel') {
    return back(EntraErrorKind.userDeclinedConsent, 'The user declined to consent to access the app.');
  }

  const loginHint = query.get('login_hint');
  const picker = (problemText?: string): AuthorizeOutcome => ({
    kind: 'page',
    status: problemText ? 400 : 200,
    html: accountPickerPage({
      action: path,
      query,
      users: partner.users,
      clientId,
      ...(problemText ? { problem: problemText } : {}),
    }),
  });
  if (!loginHint) return picker();
  const user = findPartnerUser(partner, { userPrincipalName: loginHint });
  if (!user) {
    return picker(`AADSTS50034: The user account ${loginHint} does not exist in the directory.`);
  }
  // The user consented on this page, as Entra's consent screen would record it.
  if (deps.interactionRequired.get(user.oid) === 'consent') deps.interactionRequired.delete(user.oid);
  const code = deps.authorizationCodes.issue(
    { clientId, redirectUri, oid: user.oid, codeChallenge, amr: amrFor(user.hasMfa) },
    now,
  );
  const location = new URL(redirectUri);
  location.searchParams.set('code', code);
  if (state !== null) location.searchParams.set('state', state);
  return { kind: 'redirect', location: location.toString() };
}
