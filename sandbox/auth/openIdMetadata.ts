import { BOT_FRAMEWORK_ISSUER } from './entraConstants.js';

/** Entra v2 OpenID configuration, trimmed to what clients read. */
export interface EntraOpenIdConfiguration {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint: string;
  token_endpoint_auth_methods_supported: string[];
  response_types_supported: string[];
  response_modes_supported: string[];
  grant_types_supported: string[];
  code_challenge_methods_supported: string[];
  scopes_supported: string[];
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
  claims_supported: string[];
  tenant_region_scope: null;
  cloud_instance_name: string;
}

/**
 * The document served at `/{tenant}/v2.0/.well-known/openid-configuration`. Endpoints point at the
 * loopback server so an ordinary HTTP client (a JWKS fetcher, botbuilder) can follow them; msal-node
 * is configured with `authorityMetadata` instead and never asks.
 */
export function entraOpenIdConfiguration(
  baseUrl: string,
  tenantId: string,
  issuer: string,
): EntraOpenIdConfiguration {
  const tenantBase = `${baseUrl}/${tenantId}`;
  return {
    issuer,
    authorization_endpoint: `${tenantBase}/oauth2/v2.0/authorize`,
    token_endpoint: `${tenantBase}/oauth2/v2.0/token`,
    jwks_uri: `${tenantBase}/discovery/v2.0/keys`,
    end_session_endpoint: `${tenantBase}/oauth2/v2.0/logout`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    // What the sandbox really serves: codes by query with S256 PKCE, and the four grants of its token endpoint.
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: [
      'authorization_code',
      'refresh_token',
      'client_credentials',
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
    ],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'nbf',
      'name',
      'oid',
      'tid',
      'preferred_username',
      'amr',
    ],
    tenant_region_scope: null,
    cloud_instance_name: 'sandbox.test',
  };
}

/** Bot Framework's OpenID configuration (the real one lives at login.botframework.com/v1/.well-known/openidconfiguration). */
export interface BotFrameworkOpenIdConfiguration {
  issuer: string;
  authorization_endpoint: string;
  jwks_uri: string;
  id_token_signing_alg_values_supported: string[];
  token_endpoint_auth_methods_supported: string[];
}

/** The document a bot in production mode reads to validate channel tokens, pointing at the sandbox keys. */
export function botFrameworkOpenIdConfiguration(baseUrl: string): BotFrameworkOpenIdConfiguration {
  return {
    issuer: BOT_FRAMEWORK_ISSUER,
    authorization_endpoint: `${baseUrl}/botframework/v1/authorize`,
    jwks_uri: `${baseUrl}/botframework/v1/.well-known/keys`,
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
  };
}
