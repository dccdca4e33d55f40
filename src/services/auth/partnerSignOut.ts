import type { Logger } from '../logging/logger.js';
import type { DelegatedClients } from './delegatedClients.js';
import type { OperationOptions, PartnerUserRef } from './models.js';

/** Something in this process that remembers a person's sign-in (an assertion source). */
export interface SignInMemory {
  forget(user: PartnerUserRef): void;
}

/**
 * Signing a person out of the bot (the `sign out` command; offboarding, rotating): deletes their token
 * partition from storage and forgets, in this process, the msal client and the SSO assertion that held
 * their tokens in memory. Afterwards no instance can renew their token from storage, and the next
 * command that needs Partner Center asks them to sign in. An instance that still holds their SSO
 * assertion in memory can use it until it expires (about an hour); revoking the person's sessions in
 * Entra ends that too.
 */
export class PartnerSignOut {
  constructor(
    private readonly deps: {
      delegatedClients: Pick<DelegatedClients, 'forget'>;
      memories: readonly SignInMemory[];
      logger: Logger;
    },
  ) {}

  /**
   * @returns whether the person had a stored sign-in.
   * @throws RestError when storage fails: the person must not be told they are signed out.
   */
  async signOut(user: PartnerUserRef, options: OperationOptions = {}): Promise<{ hadStoredSignIn: boolean }> {
    for (const memory of this.deps.memories) memory.forget(user);
    const hadStoredSignIn = await this.deps.delegatedClients.forget(user);
    this.deps.logger.info(
      { correlationId: options.correlationId, userOid: user.oid, hadStoredSignIn },
      'Signed out: token partition deleted',
    );
    return { hadStoredSignIn };
  }
}
