import { createHash } from 'node:crypto';

import { ConcurrencyError } from '../errors.js';
import type { BlobJsonStore } from '../storage/blobJsonStore.js';
import type { PartnerUserRef } from './models.js';

/** Where one token exchange stands, as every instance sees it. */
export interface TokenExchangeClaim {
  state: 'exchanging' | 'exchanged' | 'refused';
  claimedAt: string;
  settledAt?: string;
}

/** Whether this caller is the first to take an exchange, or what the first one made of it so far. */
export type ClaimResult = { kind: 'first' } | { kind: 'duplicate'; claim: TokenExchangeClaim };

/**
 * De-duplicates Teams' `signin/tokenExchange` invokes in shared storage (DESIGN §11): Teams sends one per
 * signed-in client with the same `value.id`, and with several bot instances they land on different
 * ones. The first to create the claim's blob (create-if-not-exists, so exactly one wins, in this process
 * or another) does the exchange; the others read how it went. Claims are per person as well as per
 * id, so someone else's client replaying an id they saw on a channel card never blocks its owner.
 *
 * A claim holds no token and no user id (the blob name is a hash): only its state and times. Claims are
 * not deleted (a replay long after must still find one); a lifecycle rule on the `token-exchanges/`
 * prefix removes them after a day (README).
 */
export class TokenExchangeClaims {
  constructor(
    private readonly documents: BlobJsonStore<TokenExchangeClaim>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** @throws RestError when storage fails: without a claim the exchange must not run. */
  async claim(user: PartnerUserRef, exchangeId: string): Promise<ClaimResult> {
    const key = keyOf(user, exchangeId);
    try {
      await this.documents.write(
        key,
        { state: 'exchanging', claimedAt: this.now().toISOString() },
        { ifNoneExists: true },
      );
      return { kind: 'first' };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
    const existing = await this.documents.read(key);
    // Created and gone in between cannot happen (claims are never deleted); read as still running.
    return {
      kind: 'duplicate',
      claim: existing?.value ?? { state: 'exchanging', claimedAt: this.now().toISOString() },
    };
  }

  /** The claim as stored now, for a duplicate waiting on the first one's outcome. */
  async read(user: PartnerUserRef, exchangeId: string): Promise<TokenExchangeClaim | undefined> {
    return (await this.documents.read(keyOf(user, exchangeId)))?.value;
  }

  /** Records how the exchange this caller claimed went, for duplicates to answer the same. */
  async settle(user: PartnerUserRef, exchangeId: string, state: 'exchanged' | 'refused'): Promise<void> {
    const settledAt = this.now().toISOString();
    await this.documents.update(keyOf(user, exchangeId), (claim) => ({ ...claim, state, settledAt }));
  }
}

/** Blob names are hashes: no user id in storage, and any exchange id is a safe name. */
function keyOf(user: PartnerUserRef, exchangeId: string): string {
  const digest = createHash('sha256').update(`${user.tenantId}\n${user.oid}\n${exchangeId}`).digest('hex');
  return `token-exchanges/${digest}.json`;
}
