import type { AuthenticationResult, ConfidentialClientApplication } from '@azure/msal-node';

import { AppError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { AssertionSource } from './assertionSource.js';
import { classifyMsalError } from './msalErrorClassifier.js';
import { PartnerCenterScopes } from './models.js';
import type { OperationOptions, PartnerUserRef } from './models.js';
import type { DelegatedTokenResult, TokenProvider } from './tokenProvider.js';

/** The two msal-node calls the provider makes; a `ConfidentialClientApplication` satisfies it. */
export type MsalConfidentialClient = Pick<
  ConfidentialClientApplication,
  'acquireTokenOnBehalfOf' | 'acquireTokenByClientCredential'
>;

export interface MsalTokenProviderDependencies {
  /** Built from `buildMsalConfiguration(...)`: production and sandbox differ only there. */
  client: MsalConfidentialClient;
  assertionSource: AssertionSource;
  logger: Logger;
}

/**
 * `TokenProvider` on msal-node: on-behalf-of for delegated tokens (the user's SSO assertion exchanged
 * for Partner Center `user_impersonation`) and client credentials for app-only tokens. MSAL's cache
 * serves repeated calls while a token is valid. Tokens and assertions are never logged.
 */
export class MsalTokenProvider implements TokenProvider {
  private readonly client: MsalConfidentialClient;
  private readonly assertionSource: AssertionSource;
  private readonly logger: Logger;

  constructor(dependencies: MsalTokenProviderDependencies) {
    this.client = dependencies.client;
    this.assertionSource = dependencies.assertionSource;
    this.logger = dependencies.logger;
  }

  async getDelegatedToken(
    user: PartnerUserRef,
    options: OperationOptions = {},
  ): Promise<DelegatedTokenResult> {
    options.abortSignal?.throwIfAborted();
    const source = await this.assertionSource.getAssertion(user, options);
    if (source.kind === 'needsSignIn') return source;

    let result: AuthenticationResult | null;
    try {
      result = await abortable(
        this.client.acquireTokenOnBehalfOf({
          oboAssertion: source.assertion,
          scopes: [...PartnerCenterScopes.delegated],
          ...(options.correlationId ? { correlationId: options.correlationId } : {}),
        }),
        options.abortSignal,
      );
    } catch (error: unknown) {
      // The caller gave up: its own abort reason, not a token failure.
      if (options.abortSignal?.aborted) throw error;
      const signIn = classifyMsalError(error);
      if (!signIn) throw this.failure('on-behalf-of', error, options.correlationId);
      // A refused assertion will be refused again: make the source fetch a new one next time.
      if (signIn.reason === 'expired') this.assertionSource.discard(user, source.assertion);
      this.logger.info(
        {
          correlationId: options.correlationId,
          userOid: user.oid,
          reason: signIn.reason,
          ...msalFields(error),
        },
        'Delegated Partner Center token needs a sign-in',
      );
      return signIn;
    }
    const token = this.usable(result, 'on-behalf-of', options.correlationId);
    return { kind: 'token', accessToken: token.accessToken, expiresOn: token.expiresOn };
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
