import type { JSONWebKeySet } from 'jose';

import type { PartnerSeed } from '../seeds/seedTypes.js';
import { ON_BEHALF_OF_GRANT_TYPE, PartnerCenterScope, TOKEN_EXPIRES_IN_SECONDS } from './entraConstants.js';
import { entraError, EntraErrorKind } from './entraError.js';
import type { EntraErrorResponse } from './entraError.js';
import { authorizationCode } from './authorizationCodeGrant.js';
import type { AuthorizationCodeStore } from './authorizationCodeStore.js';
import { delegatedResponse, onBehalfOf } from './onBehalfOfGrant.js';
import { findPartnerUser } from './partnerClaims.js';
import type { RefreshTokenStore } from './refreshTokenStore.js';
import type { TokenIssuer } from './tokenIssuer.js';

/** What a test can make the authority demand of a user before it hands out a delegated token. */
export type InteractionRequirement = 'mfa' | 'consent';

/** A successful token response, with the fields msal-node reads. */
export interface TokenResponseBody {
  token_type: 'Bearer';
  access_token: string;
  expires_in: number;
  ext_expires_in: number;
  scope?: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
}

export type TokenEndpointResult = { status: 200; body: TokenResponseBody } | EntraErrorResponse;

/** A refusal before it is dressed as an Entra error body. */
export interface GrantFailure {
  kind: (typeof EntraErrorKind)[keyof typeof EntraErrorKind];
  message: string;
  /** Claims challenge for interaction_required. */
  claims?: string;
}

/** Everything the token endpoint needs from the authority. */
export interface TokenEndpointDeps {
  issuer: TokenIssuer;
  /** Public keys of the authority, for checking SSO assertions. */
  keys: () => JSONWebKeySet;
  partner: () => PartnerSeed;
  /** Registered confidential clients: client id → secret. */
  clients: ReadonlyMap<string, string>;
  interactionRequired: ReadonlyMap<string, InteractionRequirement>;
  refreshTokens: RefreshTokenStore;
  /** Codes the authorize endpoint issued (the fallback sign-in page's authorization-code flow). */
  authorizationCodes: AuthorizationCodeStore;
  now: () => Date;
}

/** The token request after client authentication, as the grant handlers see it. */
export interface AuthenticatedTokenRequest {
  clientId: string;
  form: URLSearchParams;
  scopes: string[];
  partner: PartnerSeed;
}

/** Entra's answer to a request without a parameter it needs. */
export function missingParameter(name: string): GrantFailure {
  return {
    kind: EntraErrorKind.missingParameter,
    message: `The request body must contain the following parameter: '${name}'.`,
  };
}

/**
 * `POST /{tenant}/oauth2/v2.0/token`: client credentials, on-behalf-of, authorization-code (with PKCE)
 * and refresh-token grants,
 * answering as Entra does so msal-node takes the same code paths as in production.
 */
export async function handleTokenRequest(
  tenant: string,
  form: URLSearchParams,
  deps: TokenEndpointDeps,
  correlationId?: string,
): Promise<TokenEndpointResult> {
  const outcome = await runGrant(tenant, form, deps);
  if ('status' in outcome) return outcome;
  return entraError(outcome.kind, outcome.message, {
    now: deps.now(),
    ...(correlationId ? { correlationId } : {}),
    ...(outcome.claims ? { claims: outcome.claims } : {}),
  });
}

async function runGrant(
  tenant: string,
  form: URLSearchParams,
  deps: TokenEndpointDeps,
): Promise<{ status: 200; body: TokenResponseBody } | GrantFailure> {
  const partner = deps.partner();
  if (tenant !== partner.tenantId) {
    return { kind: EntraErrorKind.tenantNotFound, message: `Tenant '${tenant}' not found.` };
  }
  const clientId = form.get('client_id');
  if (!clientId) return missingParameter('client_id');
  const secret = deps.clients.get(clientId);
  if (secret === undefined) {
    return {
      kind: EntraErrorKind.unknownClient,
      message: `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`,
    };
  }
  const presentedSecret = form.get('client_secret');
  if (!presentedSecret) {
    return {
      kind: EntraErrorKind.missingClientSecret,
      message:
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    };
  }
  if (presentedSecret !== secret) {
    return {
      kind: EntraErrorKind.invalidClientSecret,
      message: `Invalid client secret provided for '${clientId}'.`,
    };
  }

  const scopes = (form.get('scope') ?? '').split(' ').filter((scope) => scope.length > 0);
  const request: AuthenticatedTokenRequest = { clientId, form, scopes, partner };
  const grantType = form.get('grant_type');
  switch (grantType) {
    case 'client_credentials':
      return clientCredentials(request, deps);
    case ON_BEHALF_OF_GRANT_TYPE:
      return onBehalfOf(request, deps);
    case 'refresh_token':
      return refreshToken(request, deps);
    case 'authorization_code':
      return authorizationCode(request, deps);
    default:
      return {
        kind: EntraErrorKind.unsupportedGrantType,
        message: `The grant type '${grantType ?? ''}' is not supported.`,
      };
  }
}

async function clientCredentials(
  request: AuthenticatedTokenRequest,
  deps: TokenEndpointDeps,
): Promise<{ status: 200; body: TokenResponseBody } | GrantFailure> {
  if (!request.scopes.includes(PartnerCenterScope.appDefault)) {
    return {
      kind: EntraErrorKind.invalidScope,
      message: `The value of the parameter 'scope' is not valid. Use '${PartnerCenterScope.appDefault}'.`,
    };
  }
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      access_token: await deps.issuer.appToken(request.clientId),
      expires_in: TOKEN_EXPIRES_IN_SECONDS,
      ext_expires_in: TOKEN_EXPIRES_IN_SECONDS,
    },
  };
}

async function refreshToken(
  request: AuthenticatedTokenRequest,
  deps: TokenEndpointDeps,
): Promise<{ status: 200; body: TokenResponseBody } | GrantFailure> {
  const grant = deps.refreshTokens.redeem(
    request.form.get('refresh_token') ?? '',
    request.clientId,
    deps.now(),
  );
  const user = grant ? findPartnerUser(request.partner, { oid: grant.oid }) : undefined;
  if (!grant || !user) {
    return {
      kind: EntraErrorKind.invalidRefreshToken,
      message: 'The refresh token is invalid, expired or was issued to another client.',
    };
  }
  return { status: 200, body: await delegatedResponse(user, grant.amr, request, deps) };
}
