import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';

/** A public key as published in a JWKS document (plus Bot Framework's `endorsements`, when set). */
export type PublishedJwk = JWK & { kid: string; use: 'sig'; alg: 'RS256'; endorsements?: string[] };

/**
 * One RS256 key pair generated in memory at start; the sandbox never persists keys, so a restart
 * invalidates every token it issued, like a key rollover would.
 */
export class SigningKey {
  private constructor(
    private readonly privateKey: CryptoKey,
    /** The public half as the JWKS route publishes it. */
    readonly publicJwk: PublishedJwk,
  ) {}

  /** Generates a key pair; the `kid` is the JWK thumbprint, as Entra's key ids are stable per key. */
  static async generate(options: { endorsements?: readonly string[] } = {}): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    const published: PublishedJwk = { ...jwk, kid, use: 'sig', alg: 'RS256' };
    if (options.endorsements) published.endorsements = [...options.endorsements];
    return new SigningKey(privateKey, published);
  }

  get kid(): string {
    return this.publicJwk.kid;
  }

  /**
   * Signs a JWT with this key.
   * @param headerKid the `kid` written in the header; defaults to this key's. A forged token passes the
   * real key's id so the verifier has to fail on the signature, not on an unknown key.
   */
  async sign(claims: JWTPayload, headerKid: string = this.kid): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: headerKid })
      .sign(this.privateKey);
  }
}
