/**
 * Identifiers the sandbox token authority shares with Entra ID and Partner Center.
 * They cross the wire, so they live here once (house style rule 7) instead of as scattered literals.
 */

/** Audience of every Partner Center access token (shared/reference/partner-center-api.md §1). */
export const PARTNER_CENTER_AUDIENCE = 'https://api.partnercenter.microsoft.com';

/** Scopes a client may ask the token endpoint for. */
export const PartnerCenterScope = {
  /** App-only (client credentials). */
  appDefault: `${PARTNER_CENTER_AUDIENCE}/.default`,
  /** Delegated (on-behalf-of); the issued token carries `scp: "user_impersonation"`. */
  userImpersonation: `${PARTNER_CENTER_AUDIENCE}/user_impersonation`,
} as const;

/** Directory role template ids as Entra puts them in the `wids` claim. */
export const DirectoryRoleTemplateId = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
} as const;

/** Teams desktop/mobile client id: the `azp` of an SSO token Teams obtains for the bot. */
export const TEAMS_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

/** Issuer of Bot Framework channel tokens (shared/reference/teams-bot-platform.md §5.1). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/** Channels the channel-token key is endorsed for; botframework-connector checks the endorsement. */
export const BOT_FRAMEWORK_ENDORSEMENTS = ['msteams', 'emulator', 'webchat', 'directline'] as const;

/** Default authority host: a name that never resolves, so nothing can reach a real tenant by accident. */
export const DEFAULT_AUTHORITY_HOST = 'login.sandbox.test';

/** Entra's default access-token lifetime (about an hour). */
export const DEFAULT_TOKEN_LIFETIME_IN_MS = 60 * 60 * 1000;

/** `expires_in` of token responses, in seconds as OAuth wants it. */
export const TOKEN_EXPIRES_IN_SECONDS = DEFAULT_TOKEN_LIFETIME_IN_MS / 1000;

/** The on-behalf-of grant type (RFC 7523 JWT bearer, with Entra's `requested_token_use=on_behalf_of`). */
export const ON_BEHALF_OF_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Clock skew tolerated when checking `nbf`/`exp`, as Entra and Bot Framework allow. */
export const CLOCK_SKEW_IN_SECONDS = 5 * 60;
