import type { Configuration, ICachePlugin } from '@azure/msal-node';

import { LoopbackNetworkClient } from './loopbackNetworkClient.js';

/** How to reach the authority and as which confidential client. */
export interface MsalClientSettings {
  /** The bot's Entra app (client) id. */
  clientId: string;
  clientSecret: string;
  /**
   * Authority URL with the partner tenant: `https://login.microsoftonline.com/{tenantId}` in
   * production, `https://login.sandbox.test/{tenantId}` locally.
   */
  authority: string;
  /**
   * Sandbox only: the loopback base URL the sandbox authority really listens on. When set, MSAL gets
   * `knownAuthorities`, `authorityMetadata` and a `LoopbackNetworkClient`, so it never attempts
   * discovery or a real network call. Leave unset in production.
   */
  sandboxBaseUrl?: string;
  /** Persists MSAL's token cache (e.g. the encrypted blob cache); default MSAL's in-memory cache. */
  cachePlugin?: ICachePlugin;
}

/** The subset of Entra's OpenID metadata MSAL needs when it may not fetch it itself. */
export interface EntraAuthorityMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint: string;
}

/**
 * Entra's endpoint layout for an authority URL (`{authority}/oauth2/v2.0/token`, …), as the v2
 * OpenID configuration lists it. The sandbox serves exactly this layout.
 */
export function entraAuthorityMetadata(authority: string): EntraAuthorityMetadata {
  const base = authority.replace(/\/+$/, '');
  return {
    issuer: `${base}/v2.0`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    jwks_uri: `${base}/discovery/v2.0/keys`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
  };
}

/**
 * msal-node configuration for production or the sandbox. Only configuration differs between the two;
 * the token acquisition code is the same (DESIGN §11).
 * @throws AppError (code `config_invalid`) when `sandboxBaseUrl` is not a loopback address.
 */
export function buildMsalConfiguration(settings: MsalClientSettings): Configuration {
  const configuration: Configuration = {
    auth: { clientId: settings.clientId, clientSecret: settings.clientSecret, authority: settings.authority },
  };
  if (settings.cachePlugin) configuration.cache = { cachePlugin: settings.cachePlugin };
  if (settings.sandboxBaseUrl !== undefined) {
    const authorityUrl = new URL(settings.authority);
    configuration.auth.knownAuthorities = [authorityUrl.host];
    configuration.auth.authorityMetadata = JSON.stringify(entraAuthorityMetadata(settings.authority));
    configuration.system = {
      networkClient: new LoopbackNetworkClient(authorityUrl.origin, settings.sandboxBaseUrl),
    };
  }
  return configuration;
}

/**
 * Where a browser reaches an authority URL (the fallback sign-in page's redirect): unchanged in
 * production; locally the made-up `https://login.sandbox.test/…` becomes the sandbox's loopback address,
 * as `LoopbackNetworkClient` does for MSAL's own requests.
 * @throws AppError (code `token_acquisition_failed`) for a URL on another origin than the authority.
 */
export function browserAuthorityUrl(
  settings: Pick<MsalClientSettings, 'authority' | 'sandboxBaseUrl'>,
  url: string,
): string {
  if (settings.sandboxBaseUrl === undefined) return url;
  return new LoopbackNetworkClient(new URL(settings.authority).origin, settings.sandboxBaseUrl).mapUrl(url);
}

/** Where the keys of the partner tenant's tokens are, and which issuers its tokens may name. */
export interface TenantTokenTrust {
  /** Fetchable JWKS URL (the sandbox's loopback address locally). */
  jwksUri: string;
  issuers: string[];
}

/**
 * The keys and issuers that Teams SSO tokens of the partner tenant carry (checked before the bot uses
 * one). Entra issues v2 tokens as `{authority}/v2.0` and, for app registrations that still ask for v1
 * tokens, `https://sts.windows.net/{tenant}/`; both are signed with the tenant's published keys.
 */
export function tenantTokenTrust(
  settings: Pick<MsalClientSettings, 'authority' | 'sandboxBaseUrl'>,
  tenantId: string,
): TenantTokenTrust {
  const metadata = entraAuthorityMetadata(settings.authority);
  const issuers = [metadata.issuer];
  if (new URL(settings.authority).host === 'login.microsoftonline.com') {
    issuers.push(`https://sts.windows.net/${tenantId}/`);
  }
  return { jwksUri: browserAuthorityUrl(settings, metadata.jwks_uri), issuers };
}
