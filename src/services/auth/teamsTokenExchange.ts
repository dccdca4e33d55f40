import type { SignInReason } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { AssertionExchange } from './assertionExchange.js';
import type { OperationOptions, PartnerUserRef } from './models.js';
import type { SsoTokenRefusal, SsoTokenValidator } from './ssoTokenValidator.js';
import type { TeamsSsoAssertionSource } from './teamsSsoAssertionSource.js';
import type { TokenExchangeClaims } from './tokenExchangeClaims.js';

/** One `signin/tokenExchange` invoke's request: whose it is, its id, the SSO token. */
export interface TokenExchangeRequest {
  /** The person of the activity (Teams' `aadObjectId` and tenant); the token must be theirs. */
  user: PartnerUserRef;
  /** `value.id`: the id of the OAuth card's `tokenExchangeResource`. */
  exchangeId: string;
  /** `value.token`: the SSO token Teams got for the bot (never logged, never stored). */
  token: string;
}

/** How an exchange went; the bot answers 200 for `exchanged` and duplicates of it, 412 otherwise. */
export type TokenExchangeOutcome =
  | { kind: 'exchanged' }
  /** Another invoke (another client, another instance) took this exchange; its outcome as far as known. */
  | { kind: 'duplicate'; first: 'exchanged' | 'refused' | 'stillRunning' }
  /** The token failed validation: nothing was exchanged or stored. */
  | { kind: 'invalidToken'; refusal: SsoTokenRefusal }
  /** The authority refused the exchange in a way an interactive sign-in fixes (MFA, consent, expiry). */
  | { kind: 'signInNeeded'; reason: SignInReason }
  /** The authority or storage failed: no answer on the token. */
  | { kind: 'unavailable' };

export interface TeamsTokenExchangeDeps {
  validator: Pick<SsoTokenValidator, 'validate'>;
  claims: Pick<TokenExchangeClaims, 'claim' | 'read' | 'settle'>;
  exchange: AssertionExchange;
  assertions: Pick<TeamsSsoAssertionSource, 'remember'>;
  logger: Logger;
  /** How long a duplicate waits for the first invoke's outcome before answering 200 anyway. Default 2 s. */
  duplicateWaitInMs?: number;
  /** Between reads of the claim while waiting. Default 200 ms. */
  duplicatePollInMs?: number;
}

/**
 * Teams SSO's `signin/tokenExchange` (DESIGN §11): validates the SSO token, claims the exchange in shared
 * storage so that of several invokes with the same id (one per signed-in client, on any instance) exactly
 * one runs it, exchanges the token on-behalf-of for Partner Center through msal-node (the result lands in
 * the person's encrypted cache partition, refresh token included), and keeps the assertion in memory for
 * the person's next calls. Logs every outcome with the person's object id and the exchange id, never the
 * token.
 */
export class TeamsTokenExchange {
  constructor(private readonly deps: TeamsTokenExchangeDeps) {}

  async exchange(
    request: TokenExchangeRequest,
    options: OperationOptions = {},
  ): Promise<TokenExchangeOutcome> {
    const { user, exchangeId, token } = request;
    const log = { correlationId: options.correlationId, userOid: user.oid, exchangeId };
    const check = await this.deps.validator.validate(token, user);
    if (!check.ok) {
      if (check.refusal === 'keys_unavailable') {
        this.deps.logger.error({ ...log, detail: check.detail }, 'SSO token could not be checked: no keys');
        return { kind: 'unavailable' };
      }
      this.deps.logger.warn(
        { ...log, refusal: check.refusal, detail: check.detail },
        'SSO token refused before any exchange',
      );
      return { kind: 'invalidToken', refusal: check.refusal };
    }

    let claimed;
    try {
      claimed = await this.deps.claims.claim(user, exchangeId);
    } catch (error) {
      // Without the shared claim two instances could both exchange: refuse rather than guess.
      this.deps.logger.error({ ...log, err: error }, 'Token exchange not claimed: storage failed');
      return { kind: 'unavailable' };
    }
    if (claimed.kind === 'duplicate') {
      const first = await this.outcomeOfFirst(user, exchangeId, claimed.claim.state);
      this.deps.logger.info({ ...log, first }, 'Duplicate token exchange answered without exchanging');
      return { kind: 'duplicate', first };
    }

    let result;
    try {
      result = await this.deps.exchange.exchangeAssertion(user, token, options);
    } catch (error) {
      this.deps.logger.error({ ...log, err: error }, 'Token exchange failed at the authority');
      await this.settle(user, exchangeId, 'refused', log);
      return { kind: 'unavailable' };
    }
    if (result.kind === 'needsSignIn') {
      // The provider logged the MSAL error; this line ties it to the invoke.
      this.deps.logger.info({ ...log, reason: result.reason }, 'Token exchange refused: sign-in needed');
      await this.settle(user, exchangeId, 'refused', log);
      return { kind: 'signInNeeded', reason: result.reason };
    }
    this.deps.assertions.remember(user, token, check.expiresOn);
    await this.settle(user, exchangeId, 'exchanged', log);
    this.deps.logger.info(log, 'Token exchanged on behalf of the user');
    return { kind: 'exchanged' };
  }

  /**
   * A lost settle only makes later duplicates answer 200 without knowing the outcome: logged, not thrown,
   * since the exchange itself is decided.
   */
  private async settle(
    user: PartnerUserRef,
    exchangeId: string,
    state: 'exchanged' | 'refused',
    log: Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.deps.claims.settle(user, exchangeId, state);
    } catch (error) {
      this.deps.logger.warn({ ...log, err: error }, 'Token exchange outcome not recorded for duplicates');
    }
  }

  /** Waits briefly for the first invoke to finish, so every client gets the same answer. */
  private async outcomeOfFirst(
    user: PartnerUserRef,
    exchangeId: string,
    state: 'exchanging' | 'exchanged' | 'refused',
  ): Promise<'exchanged' | 'refused' | 'stillRunning'> {
    const deadline = Date.now() + (this.deps.duplicateWaitInMs ?? 2_000);
    let current = state;
    while (current === 'exchanging' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, this.deps.duplicatePollInMs ?? 200));
      current = (await this.deps.claims.read(user, exchangeId))?.state ?? 'exchanging';
    }
    return current === 'exchanging' ? 'stillRunning' : current;
  }
}
