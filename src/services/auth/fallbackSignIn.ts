import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import type { Language } from '../i18n/language.js';
import type { Logger } from '../logging/logger.js';
import type { MsalAuthorizationCodeFlow } from './msalAuthorizationCodeFlow.js';
import type { SignInLinks, SignInRequest } from './signInLinks.js';
import { SIGN_IN_STATE_LIFETIME_IN_MS, type SignInStateStore } from './signInStateStore.js';

/** What `/auth/start` does: send the browser to the authority (with a cookie), or refuse the link. */
export type SignInStart =
  | { kind: 'redirect'; location: string; browserBinding: string; request: SignInRequest }
  | { kind: 'refused'; reason: 'expired' | 'invalid' };

/** Why a callback changed nothing. */
export type SignInRefusal =
  /** Unknown, already used or expired state: a replayed or stale callback. */
  | 'unknown_state'
  /** The callback came from another browser than the one that started (login CSRF). */
  | 'other_browser'
  /** The authority answered with an error (the person cancelled, consent refused, …). */
  | 'authority_error'
  /** Someone signed in with another account than the Teams user the link was for. */
  | 'wrong_account'
  /** The authority refused the code in a way another sign-in fixes. */
  | 'not_redeemed'
  /** The authority or storage failed. */
  | 'failed';

export type SignInCompletion =
  | { kind: 'signedIn'; request: SignInRequest }
  | { kind: 'refused'; reason: SignInRefusal; language?: Language; request?: SignInRequest };

/** What the callback received: the query string of `/auth/callback` and the browser's cookie. */
export interface SignInCallback {
  state?: string | undefined;
  code?: string | undefined;
  error?: string | undefined;
  browserBinding?: string | undefined;
}

export interface FallbackSignInDeps {
  links: Pick<SignInLinks, 'open'>;
  states: Pick<SignInStateStore, 'save' | 'take'>;
  flow: Pick<MsalAuthorizationCodeFlow, 'pkceCodes' | 'authorizationUrl' | 'redeem'>;
  /** `{PUBLIC_BASE_URL}/auth/callback`: registered with the app as a Web redirect URI. */
  redirectUri: () => string;
  logger: Logger;
  now?: () => Date;
}

/**
 * The bot-hosted fallback sign-in (DESIGN §11) for when Teams SSO cannot do it silently (MFA, consent, an
 * expired session) or is not available: msal-node's authorization-code flow with PKCE.
 *
 * - `/auth/start?ticket=…` opens the signed ticket from the sign-in card (which person, which
 *   conversation), makes a PKCE pair, a random OAuth `state` and a random browser-binding value, keeps
 *   them server-side (sealed, shared, ten minutes, single use) and redirects to the authority; the
 *   browser gets the binding as an HttpOnly cookie.
 * - `/auth/callback?code&state` takes the state (a replay finds nothing), checks the cookie (a callback
 *   planted in another browser is refused: login CSRF), redeems the code with the verifier through the
 *   person's client, and keeps the tokens only when the account that signed in is the Teams user.
 *
 * Every refusal changes nothing in the person's token partition.
 */
export class FallbackSignIn {
  private readonly now: () => Date;

  constructor(private readonly deps: FallbackSignInDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async start(ticket: string, options: { correlationId?: string } = {}): Promise<SignInStart> {
    const opened = this.deps.links.open(ticket);
    if (!opened.ok) {
      this.deps.logger.warn({ reason: opened.reason }, 'Sign-in link refused');
      return { kind: 'refused', reason: opened.reason === 'expired' ? 'expired' : 'invalid' };
    }
    const { request } = opened;
    const { verifier, challenge } = await this.deps.flow.pkceCodes();
    const state = randomBytes(32).toString('base64url');
    const browserBinding = randomBytes(32).toString('base64url');
    await this.deps.states.save(state, {
      request,
      codeVerifier: verifier,
      browserBindingHash: sha256(browserBinding),
      expiresAt: new Date(this.now().getTime() + SIGN_IN_STATE_LIFETIME_IN_MS).toISOString(),
    });
    const location = await this.deps.flow.authorizationUrl({
      redirectUri: this.deps.redirectUri(),
      state,
      codeChallenge: challenge,
      reason: request.reason,
      ...(options.correlationId ? { correlationId: options.correlationId } : {}),
    });
    this.deps.logger.info(
      { correlationId: options.correlationId, userOid: request.user.oid, reason: request.reason },
      'Fallback sign-in started',
    );
    return { kind: 'redirect', location, browserBinding, request };
  }

  async complete(
    callback: SignInCallback,
    options: { correlationId?: string } = {},
  ): Promise<SignInCompletion> {
    const log = { correlationId: options.correlationId };
    // The state is consumed whatever follows: one attempt per start.
    let pending;
    try {
      pending = callback.state ? await this.deps.states.take(callback.state) : undefined;
    } catch (error) {
      this.deps.logger.error({ ...log, err: error }, 'Sign-in state could not be read');
      return { kind: 'refused', reason: 'failed' };
    }
    if (!pending) {
      this.deps.logger.warn(log, 'Sign-in callback refused: unknown, used or expired state');
      return { kind: 'refused', reason: 'unknown_state' };
    }
    const { request } = pending;
    const refused = (reason: SignInRefusal): SignInCompletion => {
      this.deps.logger.warn({ ...log, userOid: request.user.oid, reason }, 'Sign-in callback refused');
      return { kind: 'refused', reason, language: request.language, request };
    };
    if (!callback.browserBinding || !sameHash(sha256(callback.browserBinding), pending.browserBindingHash)) {
      return refused('other_browser');
    }
    if (callback.error !== undefined || !callback.code) {
      // The error code only: the description is the authority's text, with ids of its own.
      this.deps.logger.info({ ...log, userOid: request.user.oid, error: callback.error }, 'Authority error');
      return refused('authority_error');
    }
    let redemption;
    try {
      redemption = await this.deps.flow.redeem(
        request.user,
        { code: callback.code, codeVerifier: pending.codeVerifier, redirectUri: this.deps.redirectUri() },
        options,
      );
    } catch (error) {
      this.deps.logger.error({ ...log, userOid: request.user.oid, err: error }, 'Authorization code failed');
      return refused('failed');
    }
    if (redemption.kind === 'wrongAccount') return refused('wrong_account');
    if (redemption.kind === 'needsSignIn') return refused('not_redeemed');
    this.deps.logger.info({ ...log, userOid: request.user.oid }, 'Fallback sign-in completed');
    return { kind: 'signedIn', request };
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
