import type { FastifyInstance } from 'fastify';
import type { JSONWebKeySet } from 'jose';

import type { PartnerSeed, PartnerUserSeed } from '../seeds/seedTypes.js';
import { registerAuthorityRoutes } from './authorityRoutes.js';
import { BOT_FRAMEWORK_ENDORSEMENTS, DEFAULT_AUTHORITY_HOST } from './entraConstants.js';
import { findPartnerUser } from './partnerClaims.js';
import { checkPartnerCenterToken } from './partnerCenterTokenCheck.js';
import { RefreshTokenStore } from './refreshTokenStore.js';
import { SigningKey } from './signingKey.js';
import { handleTokenRequest } from './tokenEndpoint.js';
import type { InteractionRequirement, TokenEndpointResult } from './tokenEndpoint.js';
import { TokenIssuer } from './tokenIssuer.js';
import type { TokenOverrides } from './tokenIssuer.js';
import type { AuthOutcome, PartnerCenterTokenVerifier, RouteAccess } from './types.js';

/** A confidential client registered with the authority (the bot's app registration). */
export interface SandboxClient {
  clientId: string;
  clientSecret: string;
}

export interface TokenAuthorityOptions {
  partner: PartnerSeed;
  /** At least one; the first is the default bot for SSO assertions and app tokens. */
  clients: SandboxClient[];
  /** Host of the authority URL and of token issuers. Default `login.sandbox.test`. */
  authorityHost?: string;
  /** Clock for issuing and checking tokens. Default the system clock. */
  now?: () => Date;
}

/** Overrides for tokens minted for a client; `clientId` defaults to the first registered client. */
export type ClientTokenOverrides = TokenOverrides & { clientId?: string };

/**
 * The sandbox's Entra ID stand-in: it owns the signing keys, serves OpenID metadata, JWKS and a token
 * endpoint msal-node can use unchanged, signs Bot Framework-style channel tokens, and checks the bearer
 * tokens of the sandbox Partner Center routes. Everything is in memory; a restart rotates every key.
 */
export class TokenAuthority implements PartnerCenterTokenVerifier {
  private readonly clientSecrets: Map<string, string>;
  private readonly interactionRequired = new Map<string, InteractionRequirement>();
  private readonly refreshTokens = new RefreshTokenStore();
  private readonly issuer: TokenIssuer;
  private currentPartner: PartnerSeed;

  private constructor(
    options: TokenAuthorityOptions,
    private readonly keys: { authority: SigningKey; foreign: SigningKey; channel: SigningKey },
    /** Host of the authority, e.g. `login.sandbox.test`: what MSAL's configured authority URL names. */
    readonly authorityHost: string,
    readonly now: () => Date,
  ) {
    this.currentPartner = options.partner;
    this.clientSecrets = new Map(options.clients.map((client) => [client.clientId, client.clientSecret]));
    this.issuer = new TokenIssuer(keys, authorityHost, () => this.currentPartner, now);
  }

  /**
   * Generates the keys and builds the authority.
   * @throws Error when no client is registered (nothing could ever get a token).
   */
  static async create(options: TokenAuthorityOptions): Promise<TokenAuthority> {
    if (options.clients.length === 0) throw new Error('TokenAuthority needs at least one registered client.');
    const [authority, foreign, channel] = await Promise.all([
      SigningKey.generate(),
      SigningKey.generate(),
      SigningKey.generate({ endorsements: BOT_FRAMEWORK_ENDORSEMENTS }),
    ]);
    return new TokenAuthority(
      options,
      { authority, foreign, channel },
      options.authorityHost ?? DEFAULT_AUTHORITY_HOST,
      options.now ?? (() => new Date()),
    );
  }

  /** The partner whose users the authority knows. */
  get partner(): PartnerSeed {
    return this.currentPartner;
  }

  /** Swaps in a new partner seed (sandbox reseed); outstanding refresh tokens and interaction switches go. */
  replacePartner(partner: PartnerSeed): void {
    this.currentPartner = partner;
    this.refreshTokens.clear();
    this.interactionRequired.clear();
  }

  /** `https://{authorityHost}/{tenantId}/v2.0`: the `iss` of everything the authority issues for a tenant. */
  issuerFor(tenantId: string): string {
    return this.issuer.issuerFor(tenantId);
  }

  /** Keys Entra-side tokens are signed with (the foreign key is never published). */
  jwks(): JSONWebKeySet {
    return { keys: [this.keys.authority.publicJwk] };
  }

  /** Keys Bot Framework channel tokens are signed with, with their channel endorsements. */
  channelJwks(): JSONWebKeySet {
    return { keys: [this.keys.channel.publicJwk] };
  }

  /**
   * Adds the Entra routes (metadata, keys, token), the Bot Framework metadata routes and the
   * `/_sandbox/auth/*` convenience routes to the sandbox server.
   * @param getBaseUrl the server's loopback base URL, read per request (the port is known only after listen).
   */
  registerRoutes(app: FastifyInstance, getBaseUrl: () => string): void {
    registerAuthorityRoutes(app, this, getBaseUrl);
  }

  /** Checks the bearer token of a Partner Center request; see partnerCenterAuthCode.ts for the codes. */
  async verify(authorizationHeader: string | undefined, access: RouteAccess): Promise<AuthOutcome> {
    return checkPartnerCenterToken(authorizationHeader, access, {
      keys: this.jwks(),
      now: this.now(),
      partnerTenantId: this.currentPartner.tenantId,
      issuerFor: (tenantId) => this.issuer.issuerFor(tenantId),
    });
  }

  /** Runs one token-endpoint request (`POST /{tenant}/oauth2/v2.0/token`). */
  async handleTokenRequest(
    tenant: string,
    form: URLSearchParams,
    correlationId?: string,
  ): Promise<TokenEndpointResult> {
    return handleTokenRequest(
      tenant,
      form,
      {
        issuer: this.issuer,
        keys: () => this.jwks(),
        partner: () => this.currentPartner,
        clients: this.clientSecrets,
        interactionRequired: this.interactionRequired,
        refreshTokens: this.refreshTokens,
        now: this.now,
      },
      correlationId,
    );
  }

  /** Makes the next on-behalf-of exchanges for a user fail with `interaction_required` (MFA or consent). */
  requireInteraction(oid: string, requirement: InteractionRequirement): void {
    this.interactionRequired.set(oid, requirement);
  }

  /** Lifts `requireInteraction` for one user, or for everyone when no oid is given. */
  clearInteraction(oid?: string): void {
    if (oid === undefined) this.interactionRequired.clear();
    else this.interactionRequired.delete(oid);
  }

  /**
   * Revokes a user's refresh tokens (Entra's "revoke sessions", or a password reset): their next
   * refresh-token grant fails with `invalid_grant`, as a paused migration would meet it.
   * @returns how many refresh tokens were revoked.
   */
  revokeRefreshTokens(oid: string): number {
    return this.refreshTokens.revokeUser(oid);
  }

  /** Finds a seed user by object id or UPN. */
  findUser(by: { oid?: string; userPrincipalName?: string }): PartnerUserSeed | undefined {
    return findPartnerUser(this.currentPartner, by);
  }

  /**
   * A Partner Center App+User token for a seed user, minted in-process (no HTTP).
   * @throws Error when the user is not in the partner seed.
   */
  async issueUserToken(oid: string, overrides: ClientTokenOverrides = {}): Promise<string> {
    return this.issuer.userToken(this.requireUser(oid), { clientId: this.clientIdOf(overrides) }, overrides);
  }

  /** A Partner Center app-only token, minted in-process. */
  async issueAppToken(overrides: ClientTokenOverrides = {}): Promise<string> {
    return this.issuer.appToken(this.clientIdOf(overrides), overrides);
  }

  /**
   * An SSO assertion for a seed user, as Teams would give the bot (audience `api://botid-{clientId}`).
   * @throws Error when the user is not in the partner seed.
   */
  async issueSsoAssertion(oid: string, overrides: ClientTokenOverrides = {}): Promise<string> {
    return this.issuer.ssoAssertion(this.requireUser(oid), this.clientIdOf(overrides), overrides);
  }

  /** A Bot Framework channel token for the bot `appId`, carrying the `serviceurl` claim. */
  async issueChannelToken(
    appId: string,
    serviceUrl: string,
    overrides: TokenOverrides = {},
  ): Promise<string> {
    return this.issuer.channelToken(appId, serviceUrl, overrides);
  }

  /** The first registered client: the default bot. */
  get defaultClientId(): string {
    const [first] = this.clientSecrets.keys();
    // create() refuses an empty client list, so there is always a first one.
    return first ?? '';
  }

  private clientIdOf(overrides: ClientTokenOverrides): string {
    return overrides.clientId ?? this.defaultClientId;
  }

  private requireUser(oid: string): PartnerUserSeed {
    const user = findPartnerUser(this.currentPartner, { oid });
    if (!user) throw new Error(`No partner user with oid '${oid}' in the seed.`);
    return user;
  }
}
