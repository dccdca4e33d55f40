import { LRUCache } from 'lru-cache';

import type { AssertionResult, AssertionSource } from './assertionSource.js';
import { homeAccountIdOf } from './delegatedClients.js';
import { signInMessage } from './msalErrorClassifier.js';
import type { PartnerUserRef } from './models.js';

export interface TeamsSsoAssertionSourceOptions {
  /** Clock for deciding when an assertion is too old. Default the system clock. */
  now?: () => Date;
  /** People whose latest assertion is kept; the least recently used go first. Default 1,000. */
  maxPeople?: number;
}

/** Stop handing out an assertion this long before it expires, so MSAL never receives one that dies in flight. */
const EXPIRY_MARGIN_IN_MS = 5 * 60 * 1000;

/**
 * The production `AssertionSource`: the SSO token of each person's latest successful `signin/tokenExchange`
 * (Teams SSO, DESIGN §11), held in this process's memory only and only until shortly before it expires,
 * so MSAL can serve that person's on-behalf-of token from its cache, keyed by the assertion. Without a
 * fresh one it answers "needs sign-in" (`not_signed_in`), and the token provider first tries a silent
 * renewal from the person's encrypted cache partition, which any instance can do; only when that fails
 * too does the person see the sign-in card. Assertions are never stored or logged.
 */
export class TeamsSsoAssertionSource implements AssertionSource {
  private readonly assertions: LRUCache<string, { assertion: string; expiresOn: Date }>;
  private readonly now: () => Date;

  constructor(options: TeamsSsoAssertionSourceOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.assertions = new LRUCache({ max: options.maxPeople ?? 1_000 });
  }

  /** Keeps the assertion a token exchange just accepted, until `expiresOn` (the token's `exp`). */
  remember(user: PartnerUserRef, assertion: string, expiresOn: Date): void {
    this.assertions.set(homeAccountIdOf(user), { assertion, expiresOn });
  }

  getAssertion(user: PartnerUserRef): Promise<AssertionResult> {
    const key = homeAccountIdOf(user);
    const held = this.assertions.get(key);
    if (held && held.expiresOn.getTime() - EXPIRY_MARGIN_IN_MS > this.now().getTime()) {
      return Promise.resolve({ kind: 'assertion', assertion: held.assertion });
    }
    if (held) this.assertions.delete(key);
    return Promise.resolve({
      kind: 'needsSignIn',
      reason: 'not_signed_in',
      message: signInMessage('not_signed_in'),
    });
  }

  discard(user: PartnerUserRef, assertion: string): void {
    const key = homeAccountIdOf(user);
    if (this.assertions.get(key)?.assertion === assertion) this.assertions.delete(key);
  }

  /** Sign-out: drops the person's assertion, whatever it is. */
  forget(user: PartnerUserRef): void {
    this.assertions.delete(homeAccountIdOf(user));
  }
}
