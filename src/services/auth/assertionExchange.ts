import type { OperationOptions, PartnerUserRef } from './models.js';
import type { DelegatedTokenResult } from './tokenProvider.js';

/**
 * Exchanges one SSO assertion on behalf of its user for a Partner Center token, and nothing else: no
 * renewal from the person's cached refresh token, so the answer says whether *this* assertion works
 * (the `signin/tokenExchange` invoke must answer 412 when it does not, even if the person could still
 * be served from the cache). A successful exchange is cached in the person's partition like any other.
 */
export interface AssertionExchange {
  /**
   * @throws AppError (code `token_acquisition_failed`) when the authority fails for another reason than
   * a sign-in need (unreachable, misconfigured client, empty token).
   */
  exchangeAssertion(
    user: PartnerUserRef,
    assertion: string,
    options?: OperationOptions,
  ): Promise<DelegatedTokenResult>;
}
