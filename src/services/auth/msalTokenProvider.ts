import type { AuthenticationResult, ConfidentialClientApplication } from '@azure/msal-node';

import { AppError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { AssertionExchange } from './assertionExchange.js';
import type { AssertionSource } from './assertionSource.js';
import { inMemoryDelegatedClients } from './delegatedClients.js';
import type { DelegatedClient, DelegatedClients, SharedMsalClient } from './delegatedClients.js';
import { classifyMsalError } from './msalErrorClassifier.js';
import type { SignInNeeded } from './msalErrorClassifier.js';
import { PartnerCenterScopes } from './models.js';
import type { OperationOptions, PartnerUserRef } from './models.js';
import type { DelegatedTokenResult, TokenProvider } from './tokenProvider.js';

/** The msal-node calls the provider makes; a `ConfidentialClientApplication` satisfies it. */
export type MsalConfidentialClient = Pick<ConfidentialClientApplication, 'acquireTokenByClientCredential'> &
  SharedMsalClient;

export interface MsalTokenProviderDependencies {
  /**
   * Built from `buildMsalConfiguration(...)`: production and sandbox differ only there. Gets app-only
   * tokens, and delegated ones too unless `delegatedClients` is given.
   */
  client: MsalConfidentialClient;
  /**
   * Where each person's delegated tokens are cached: `PersistedTokenCache` (encrypted, per person, in
   * Azure Blob, so any instance can renew them). Default: `client`'s in-memory cache, this process only.
   */
  delegatedClients?: DelegatedClients;
  assertionSource: AssertionSource;
  logger: Logger;
}

/** msal-node's answer when a person has no token at all in the cache. */
const NOTHING_CACHED = 'no_tokens_found';

/**
 * `TokenProvider` on msal-node: on-behalf-of for delegated tokens (the user's SSO assertion exchanged
 * for Partner Center `user_impersonation`) and client credentials for app-only tokens. MSAL's cache
 * serves repeated calls while a token is valid. When no usable assertion is at hand (the person is not
 * in the conversation, or their SSO token expired), the person's cached refresh token renews the token
 * silently (DESIGN §11: a paused migration resumes without the user while Entra allows it); only when
 * that fails too does the answer become "needs sign-in". Tokens and assertions are never logged.
 */
export class MsalTokenProvider implements TokenProvider, AssertionExchange {
  private readonly client: MsalConfidentialClient;
  private readonly delegatedClients: DelegatedClients;
  private readonly assertionSource: AssertionSource;
  private readonly logger: Logger;

  constructor(dependencies: MsalTokenProviderDependencies) {
    this.client = dependencies.client;
    this.delegatedClients = dependencies.delegatedClients ?? inMemoryDelegatedClients(dependencies.client);
    this.assertionSource = dependencies.assertionSource;
    this.logger = dependencies.logger;
  }

  async getDelegatedToken(
    user: PartnerUserRef,
    options: OperationOptions = {},
  ): Promise<DelegatedTokenResult> {
    options.abortSignal?.throwIfAborted();
    const source = await this.assertionSource.getAssertion(user, options);
    const outcome = await abortable(
      this.delegatedClients.withClientFor(user, async (client): Promise<TokenOrSignIn> => {
        if (source.kind === 'needsSignIn') {
          return (await this.silently(client, user, options)) ?? { kind: 'signInNeeded', signIn: source };
        }
        const exchanged = await this.onBehalfOf(client, source.assertion, options);
        if (exchanged.kind === 'token' || exchanged.signIn.reason !== 'expired') return exchanged;
        // A refused assertion will be refused again: make the source fetch a new one next time.
        this.assertionSource.discard(user, source.assertion);
        // Only the assertion expired: the person's refresh token may still renew without them.
        return (await this.silently(client, user, options)) ?? exchanged;
      }),
      options.abortSignal,
    );
    if (outcome.kind === 'token') return outcome;
    // The assertion source's own answers are expected states, not worth a line each.
    if (outcome.error !== undefined) this.logSignInNeeded(user, outcome.signIn, outcome.error, options);
    return outcome.signIn;
  }

  /**
   * On-behalf-of with exactly this assertion (Teams' `signin/tokenExchange`): the token lands in the
   * person's cache partition, and a refused assertion is a sign-in need, never covered up by a renewal
   * from the cache.
   */
  async exchangeAssertion(
    user: PartnerUserRef,
    assertion: string,
    options: OperationOptions = {},
  ): Promise<DelegatedTokenResult> {
    options.abortSignal?.throwIfAborted();
    const outcome = await abortable(
      this.delegatedClients.withClientFor(user, (client) => this.onBehalfOf(client, assertion, options)),
      options.abortSignal,
    );
    if (outcome.kind === 'token') return outcome;
    if (outcome.error !== undefined) this.logSignInNeeded(user, outcome.signIn, outcome.error, options);
    return outcome.signIn;
  }

  /** On-behalf-of with the person's assertion; MSAL answers from its cache while the token is valid. */
  private async onBehalfOf(
    client: DelegatedClient,
    assertion: string,
    options: OperationOptions,
  ): Promise<TokenOrSignIn> {
    let result: AuthenticationResult | null;
    try {
      result = await abortable(
        client.acquireTokenOnBehalfOf({
          oboAssertion: assertion,
          scopes: [...PartnerCenterScopes.delegated],
          ...(options.correlationId ? { correlationId: options.correlationId } : {}),
        }),
        options.abortSignal,
      );
    } catch (error: unknown) {
      return this.signInOrThrow('on-behalf-of', error, options);
    }
    return this.delegatedToken(result, 'on-behalf-of', options.correlationId);
  }

  /**
   * The person's token from the cache, renewed with their refresh token when it expired.
   * @returns `undefined` when the cache has nothing for the person.
   */
  private async silently(
    client: DelegatedClient,
    user: PartnerUserRef,
    options: OperationOptions,
  ): Promise<TokenOrSignIn | undefined> {
    const account = await client.cachedAccount();
    if (!account) return undefined;
    let result: AuthenticationResult;
    try {
      result = await abortable(
        client.acquireTokenSilent({
          account,
          scopes: [...PartnerCenterScopes.delegated],
          ...(options.correlationId ? { correlationId: options.correlationId } : {}),
        }),
        options.abortSignal,
      );
    } catch (error: unknown) {
      if (errorCodeOf(error) === NOTHING_CACHED && !options.abortSignal?.aborted) return undefined;
      return this.signInOrThrow('refresh token', error, options);
    }
    this.logger.info(
      { correlationId: options.correlationId, userOid: user.oid },
      'Delegated Partner Center token from the token cache, without an assertion',
    );
    return this.delegatedToken(result, 'refresh token', options.correlationId);
  }

  /** A failed MSAL call: a sign-in need as data, anything else as `token_acquisition_failed`. */
  private signInOrThrow(flow: string, error: unknown, options: OperationOptions): TokenOrSignIn {
    // The caller gave up: its own abort reason, not a token failure.
    if (options.abortSignal?.aborted) throw error;
    const signIn = classifyMsalError(error);
    if (!signIn) throw this.failure(flow, error, options.correlationId);
    return { kind: 'signInNeeded', signIn, error };
  }

  private delegatedToken(
    result: AuthenticationResult | null,
    flow: string,
    correlationId: string | undefined,
  ): TokenOrSignIn {
    const token = this.usable(result, flow, correlationId);
    return { kind: 'token', accessToken: token.accessToken, expiresOn: token.expiresOn };
  }

  private logSignInNeeded(
    user: PartnerUserRef,
    signIn: SignInNeeded,
    error: unknown,
    options: OperationOptions,
  ): void {
    this.logger.info(
      {
        correlationId: options.correlationId,
        userOid: user.oid,
        reason: signIn.reason,
        ...msalFields(error),
      },
      'Delegated Partner Center token needs a sign-in',
    );
  }

  async getAppToken(options: OperationOptions = {}): Promise<string> {
    options.abortSignal?.throwIfAborted();
    let result: AuthenticationResult | null;
    try {
      result = await abortable(
        this.client.acquireTokenByClientCredential({
          scopes: [...PartnerCenterScopes.appOnly],
          ...(options.correlationId ? { correlationId: options.correlationId } : {}),
        }),
        options.abortSignal,
      );
    } catch (error: unknown) {
      // The caller gave up: its own abort reason, not a token failure.
      if (options.abortSignal?.aborted) throw error;
      throw this.failure('client credentials', error, options.correlationId);
    }
    return this.usable(result, 'client credentials', options.correlationId).accessToken;
  }

  /**
   * MSAL resolves with an empty access token when the token endpoint answers an error without a body
   * (shared/reference/local-platform-checks.md), so emptiness is checked here, not trusted away.
   */
  private usable(
    result: AuthenticationResult | null,
    flow: string,
    correlationId: string | undefined,
  ): { accessToken: string; expiresOn: Date } {
    if (!result || result.accessToken === '' || !result.expiresOn) {
      this.logger.error({ correlationId, flow }, 'The authority returned no access token');
      throw new AppError(`The authority returned no access token (${flow}).`, 'token_acquisition_failed');
    }
    return { accessToken: result.accessToken, expiresOn: result.expiresOn };
  }

  private failure(flow: string, error: unknown, correlationId: string | undefined): AppError {
    this.logger.error({ correlationId, flow, ...msalFields(error) }, 'Partner Center token request failed');
    return new AppError(`Partner Center token request failed (${flow}).`, 'token_acquisition_failed', {
      cause: error,
    });
  }
}

/** A delegated token, or a sign-in need with the MSAL error behind it (for the log). */
type TokenOrSignIn =
  | { kind: 'token'; accessToken: string; expiresOn: Date }
  | { kind: 'signInNeeded'; signIn: SignInNeeded; error?: unknown };

function errorCodeOf(error: unknown): unknown {
  return error instanceof Error ? (error as { errorCode?: unknown }).errorCode : undefined;
}

/** The fields of an MSAL error that are safe and useful in logs (never the request or the token). */
function msalFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const { errorCode, subError, errorNo, correlationId } = error as Partial<
    Record<'errorCode' | 'subError' | 'errorNo' | 'correlationId', unknown>
  >;
  return { errorName: error.name, errorCode, subError, errorNo, msalCorrelationId: correlationId };
}

/** MSAL takes no abort signal; stop waiting for it when the caller gives up (the request itself finishes in the background). */
async function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('Aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
