/**
 * The contract between the sandbox's Partner Center routes and its token authority.
 * Routes ask the verifier who is calling; the authority owns keys, issuing and checking.
 */

/** Which tokens a Partner Center route accepts (shared/reference/partner-center-api.md §1). */
export type RouteAccess = 'appOrUser' | 'userOnly';

export interface VerifiedCaller {
  kind: 'app' | 'user';
  /** Partner tenant id (`tid`). */
  tenantId: string;
  /** Calling application (`appid`/`azp`). */
  appId: string;
  /** Partner user object id; absent for app-only tokens. */
  oid?: string;
  name?: string;
  userPrincipalName?: string;
  hasMfa: boolean;
}

export type AuthOutcome =
  | { ok: true; caller: VerifiedCaller }
  | {
      ok: false;
      status: 401 | 403;
      /** Partner Center error code, written into the error body. */
      code: number | string;
      description: string;
    };

export interface PartnerCenterTokenVerifier {
  verify(authorizationHeader: string | undefined, access: RouteAccess): Promise<AuthOutcome>;
}
