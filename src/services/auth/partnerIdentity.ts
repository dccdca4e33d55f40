import type { SignInReason } from '../errors.js';
import type { OperationOptions, PartnerRole, PartnerUserRef } from './models.js';
import type { RoleResolver } from './roleResolver.js';
import { decodeTokenClaimsUnverified } from './tokenClaims.js';
import type { TokenProvider } from './tokenProvider.js';

/** Who a Teams user is to Partner Center: their roles, or why they must sign in first. */
export type PartnerIdentity =
  | { kind: 'known'; user: PartnerUserRef; roles: PartnerRole[] }
  | { kind: 'needsSignIn'; user: PartnerUserRef; reason: SignInReason; message: string };

/**
 * Learns a person's partner roles from their delegated Partner Center token (DESIGN §11): the same
 * token the bot acts with, so the roles checked are exactly the ones Partner Center will see. MSAL and
 * the credential cache keep this cheap: one token per person until it nears expiry.
 */
export class PartnerIdentityResolver {
  constructor(
    private readonly tokens: Pick<TokenProvider, 'getDelegatedToken'>,
    private readonly roles: RoleResolver,
  ) {}

  /**
   * @throws AppError `token_acquisition_failed` when the authority fails (not for "needs sign-in").
   */
  async resolve(user: PartnerUserRef, options?: OperationOptions): Promise<PartnerIdentity> {
    const result = await this.tokens.getDelegatedToken(user, options);
    if (result.kind === 'needsSignIn') {
      return { kind: 'needsSignIn', user, reason: result.reason, message: result.message };
    }
    const claims = decodeTokenClaimsUnverified(result.accessToken);
    const name = user.name ?? claims.name;
    return {
      kind: 'known',
      user: { ...user, ...(name ? { name } : {}) },
      roles: this.roles.resolve(claims),
    };
  }
}
