import { randomBytes } from 'node:crypto';

/** What an authorization code stands for: one user's consent to one client, bound to its request. */
export interface AuthorizationCodeGrant {
  clientId: string;
  /** The redirect URI of the authorize request: the token request must name the same one. */
  redirectUri: string;
  oid: string;
  /** The PKCE challenge (S256) the token request's `code_verifier` must hash to. */
  codeChallenge: string;
  /** Authentication methods of the interactive sign-in, carried into the tokens. */
  amr: string[];
}

/** What redeeming a code found. */
export type CodeRedemption =
  | { kind: 'granted'; grant: AuthorizationCodeGrant }
  | { kind: 'unknown' }
  | { kind: 'alreadyRedeemed' }
  | { kind: 'expired' };

/** Entra's authorization codes live about ten minutes. */
export const AUTHORIZATION_CODE_LIFETIME_IN_MS = 10 * 60 * 1000;

/**
 * Authorization codes the sandbox handed out, in memory. Opaque and single-use, as Entra's are: a
 * redeemed code is remembered until it would have expired, so a second redemption is told apart from
 * a made-up code (Entra answers AADSTS54005 for the one, AADSTS70000 for the other).
 */
export class AuthorizationCodeStore {
  private readonly codes = new Map<
    string,
    AuthorizationCodeGrant & { expiresAt: number; redeemed: boolean }
  >();

  issue(grant: AuthorizationCodeGrant, now: Date): string {
    this.prune(now);
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, {
      ...grant,
      expiresAt: now.getTime() + AUTHORIZATION_CODE_LIFETIME_IN_MS,
      redeemed: false,
    });
    return code;
  }

  /** Consumes a code: the first redemption gets the grant, every later one `alreadyRedeemed`. */
  redeem(code: string, now: Date): CodeRedemption {
    const entry = this.codes.get(code);
    if (!entry) return { kind: 'unknown' };
    if (entry.redeemed) return { kind: 'alreadyRedeemed' };
    entry.redeemed = true;
    if (entry.expiresAt <= now.getTime()) return { kind: 'expired' };
    const { expiresAt: _expiresAt, redeemed: _redeemed, ...grant } = entry;
    return { kind: 'granted', grant };
  }

  /** Forgets every code (seed reset). */
  clear(): void {
    this.codes.clear();
  }

  /** Drops codes past their lifetime: their redemption can no longer be told apart from an unknown code. */
  private prune(now: Date): void {
    for (const [code, entry] of this.codes) {
      if (entry.expiresAt + AUTHORIZATION_CODE_LIFETIME_IN_MS <= now.getTime()) this.codes.delete(code);
    }
  }
}
