import { randomBytes } from 'node:crypto';

/** What a refresh token stands for: a user's delegation to one client, with the MFA state it was born with. */
export interface RefreshGrant {
  oid: string;
  clientId: string;
  amr: string[];
}

/** Entra's default inactivity lifetime for refresh tokens. */
const REFRESH_TOKEN_LIFETIME_IN_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * Refresh tokens the sandbox handed out, in memory. Opaque to clients, as Entra's are; each is single-use
 * (redeeming rotates it), so a leaked, already-used token is worthless.
 */
export class RefreshTokenStore {
  private readonly grants = new Map<string, RefreshGrant & { expiresAt: number }>();

  /** Issues a new refresh token for the grant. */
  issue(grant: RefreshGrant, now: Date): string {
    const token = randomBytes(32).toString('base64url');
    this.grants.set(token, { ...grant, expiresAt: now.getTime() + REFRESH_TOKEN_LIFETIME_IN_MS });
    return token;
  }

  /** Consumes a refresh token; `undefined` when unknown, expired or presented by another client. */
  redeem(token: string, clientId: string, now: Date): RefreshGrant | undefined {
    const grant = this.grants.get(token);
    if (!grant || grant.clientId !== clientId) return undefined;
    this.grants.delete(token);
    if (grant.expiresAt <= now.getTime()) return undefined;
    return { oid: grant.oid, clientId: grant.clientId, amr: grant.amr };
  }

  /** Revokes every refresh token of one user, as Entra's "revoke sessions" does; returns how many. */
  revokeUser(oid: string): number {
    let revoked = 0;
    for (const [token, grant] of this.grants) {
      if (grant.oid !== oid) continue;
      this.grants.delete(token);
      revoked++;
    }
    return revoked;
  }

  /** Forgets every grant (seed reset). */
  clear(): void {
    this.grants.clear();
  }
}
