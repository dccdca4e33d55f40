import { CryptoProvider } from '@azure/msal-node';
import type { AuthenticationResult, ConfidentialClientApplication } from '@azure/msal-node';

import { AppError, type SignInReason } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { homeAccountIdOf } from './delegatedClients.js';
import type { DelegatedClients } from './delegatedClients.js';
import { classifyMsalError } from './msalErrorClassifier.js';
import { PartnerCenterScopes } from './models.js';
import type { OperationOptions, PartnerUserRef } from './models.js';

export interface MsalAuthorizationCodeFlowDeps {
  /** Builds authorize URLs (no network, no cache): the app-only client will do. */
  client: Pick<ConfidentialClientApplication, 'getAuthCodeUrl'>;
  /** Redeems codes with the person's own client, so the tokens land in their encrypted partition. */
  delegatedClients: DelegatedClients;
  /**
   * Where a browser reaches an authority URL: unchanged in production; the sandbox's loopback address
   * for the made-up `https://login.sandbox.test` locally (`browserAuthorityUrl`).
   */
  browserUrlOf: (authorityUrl: string) => string;
  logger: Logger;
}

/** What redeeming a code gave. */
export type CodeRedemption =
  | { kind: 'signedIn' }
  /** Someone signed in, but not the person the sign-in was for: nothing of theirs was kept. */
  | { kind: 'wrongAccount' }
  | { kind: 'needsSignIn'; reason: SignInReason };

/**
 * msal-node's authorization-code flow with PKCE for the bot-hosted fallback sign-in page (DESIGN §11):
 * `getAuthCodeUrl` for the first leg, `acquireTokenByCode` for the second. The code is redeemed through
 * the person's client from `PersistedTokenCache`, so their tokens (the refresh token too) land in their
 * encrypted partition, where any instance renews them, exactly as after an on-behalf-of exchange.
 */
export class MsalAuthorizationCodeFlow {
  private readonly crypto = new CryptoProvider();

  constructor(private readonly deps: MsalAuthorizationCodeFlowDeps) {}

  /** A fresh PKCE pair (S256), from msal-node's own generator. */
  async pkceCodes(): Promise<{ verifier: string; challenge: string }> {
    return this.crypto.generatePkceCodes();
  }

  /**
   * The authority URL to send the browser to. `reason` picks the prompt: consent missing → the consent
   * screen; MFA or an expired session → a fresh sign-in, where Entra's policies demand MFA.
   */
  async authorizationUrl(request: {
    redirectUri: string;
    state: string;
    codeChallenge: string;
    reason: SignInReason;
    correlationId?: string;
  }): Promise<string> {
    const prompt = promptFor(request.reason);
    const url = await this.deps.client.getAuthCodeUrl({
      scopes: [...PartnerCenterScopes.delegated],
      redirectUri: request.redirectUri,
      state: request.state,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: 'S256',
      responseMode: 'query',
      ...(prompt ? { prompt } : {}),
      ...(request.correlationId ? { correlationId: request.correlationId } : {}),
    });
    return this.deps.browserUrlOf(url);
  }

  /**
   * Redeems the code for `user`. When the account that signed in is someone else, it is removed from
   * the person's client again (which also rewrites their partition without it) and nothing is kept.
   * @throws AppError (code `token_acquisition_failed`) when the authority fails for another reason.
   */
  async redeem(
    user: PartnerUserRef,
    request: { code: string; codeVerifier: string; redirectUri: string },
    options: OperationOptions = {},
  ): Promise<CodeRedemption> {
    return this.deps.delegatedClients.withClientFor(user, async (client) => {
      let result: AuthenticationResult;
      try {
        result = await client.acquireTokenByCode({
          scopes: [...PartnerCenterScopes.delegated],
          code: request.code,
          codeVerifier: request.codeVerifier,
          redirectUri: request.redirectUri,
          ...(options.correlationId ? { correlationId: options.correlationId } : {}),
        });
      } catch (error) {
        const signIn = classifyMsalError(error);
        this.deps.logger.warn(
          { correlationId: options.correlationId, userOid: user.oid, ...msalFields(error) },
          'Authorization code not redeemed',
        );
        if (signIn) return { kind: 'needsSignIn', reason: signIn.reason };
        throw new AppError('The authorization code could not be redeemed.', 'token_acquisition_failed', {
          cause: error,
        });
      }
      if (!result.accessToken || !result.account) {
        throw new AppError(
          'The authority returned no access token (authorization code).',
          'token_acquisition_failed',
        );
      }
      if (result.account.homeAccountId !== homeAccountIdOf(user)) {
        await client.removeAccount(result.account);
        this.deps.logger.warn(
          { correlationId: options.correlationId, userOid: user.oid },
          'Fallback sign-in by another account than the Teams user: refused, nothing kept',
        );
        return { kind: 'wrongAccount' };
      }
      return { kind: 'signedIn' };
    });
  }
}

function promptFor(reason: SignInReason): 'consent' | 'login' | undefined {
  if (reason === 'consent_required') return 'consent';
  if (reason === 'mfa_required' || reason === 'expired') return 'login';
  return undefined;
}

/** The fields of an MSAL error that are safe in logs (never the request or a token). */
function msalFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const { errorCode, subError, errorNo } = error as Partial<
    Record<'errorCode' | 'subError' | 'errorNo', unknown>
  >;
  return { errorName: error.name, errorCode, subError, errorNo };
}
