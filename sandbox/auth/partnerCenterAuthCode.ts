/**
 * Error codes the sandbox writes into Partner Center's `{code, description}` body when it refuses a
 * token. Partner Center documents only the MFA one (900421); the others follow the same family so a
 * log reader can tell the reasons apart.
 *
 * | code   | status | meaning                                                            |
 * |--------|--------|--------------------------------------------------------------------|
 * | 900401 | 401    | no `Authorization: Bearer …` header                                 |
 * | 900402 | 401    | token unreadable or its signature does not verify                   |
 * | 900403 | 401    | token expired (`exp` more than 5 minutes ago)                        |
 * | 900404 | 401    | token not valid yet (`nbf` more than 5 minutes ahead)                |
 * | 900405 | 401    | wrong audience (must be `https://api.partnercenter.microsoft.com`)   |
 * | 900406 | 401    | wrong issuer                                                        |
 * | 900407 | 401    | delegated token without the `user_impersonation` scope              |
 * | 900410 | 403    | token for another tenant than the partner's                         |
 * | 900411 | 403    | app-only token on a route that needs App+User                       |
 * | 900421 | 401    | App+User token without the MFA claim                                |
 */
export const PartnerCenterAuthCode = {
  missingToken: 900401,
  invalidSignature: 900402,
  expired: 900403,
  notYetValid: 900404,
  wrongAudience: 900405,
  wrongIssuer: 900406,
  missingScope: 900407,
  foreignTenant: 900410,
  appOnlyNotAllowed: 900411,
  mfaRequired: 900421,
} as const;

export type PartnerCenterAuthCode = (typeof PartnerCenterAuthCode)[keyof typeof PartnerCenterAuthCode];
