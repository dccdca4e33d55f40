/**
 * Shapes shared by the auth ports. Declared here, not imported from the sandbox, because
 * src/services must never depend on sandbox/ (DESIGN §2); the sandbox declares the same role names.
 */

/** The partner user a token is wanted for, as the bot knows them from the Teams activity. */
export interface PartnerUserRef {
  /** Entra object id (`aadObjectId` in Teams). */
  oid: string;
  /** Partner tenant id. */
  tenantId: string;
  /** Display name, for messages and audit only. */
  name?: string;
}

/** Partner roles as DESIGN §11 names them. */
export type PartnerRole = 'GlobalAdmin' | 'AdminAgent' | 'SalesAgent' | 'UserManagementAdmin';

/** Every partner role, for exhaustive tables and tests. */
export const PARTNER_ROLES: readonly PartnerRole[] = [
  'GlobalAdmin',
  'AdminAgent',
  'SalesAgent',
  'UserManagementAdmin',
];

/**
 * The claims of an Entra access or id token that this product reads. Other claims pass through as
 * `unknown` so nothing is assumed about them.
 */
export interface TokenClaims {
  oid?: string;
  tid?: string;
  name?: string;
  upn?: string;
  preferred_username?: string;
  /** Authentication methods; contains `mfa` after multi-factor sign-in. */
  amr?: string[];
  /** Delegated scopes, space-separated; absent on app-only tokens. */
  scp?: string;
  /** Security group object ids the user belongs to (within Entra's group overage limit). */
  groups?: string[];
  /** Directory role template ids the user holds. */
  wids?: string[];
  exp?: number;
  [claim: string]: unknown;
}

/** Options every I/O call of the auth ports accepts (house style rule 6). */
export interface OperationOptions {
  abortSignal?: AbortSignal;
  correlationId?: string;
}

/** Partner Center's resource id: the audience of its tokens (shared/reference/partner-center-api.md §1). */
export const PARTNER_CENTER_RESOURCE = 'https://api.partnercenter.microsoft.com';

/** The scopes the bot asks for. */
export const PartnerCenterScopes = {
  /** Delegated, on behalf of the signed-in partner user. */
  delegated: [`${PARTNER_CENTER_RESOURCE}/user_impersonation`],
  /** App-only, client credentials (reads only: Partner Center refuses app-only on user routes). */
  appOnly: [`${PARTNER_CENTER_RESOURCE}/.default`],
} as const;
