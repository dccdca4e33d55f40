import type { FastifyInstance } from 'fastify';
import type { JSONWebKeySet } from 'jose';

import type { PartnerSeed, PartnerUserSeed } from '../seeds/seedTypes.js';
import { registerAuthorityRoutes } from './authorityRoutes.js';
import { AuthorizationCodeStore } from './authorizationCodeStore.js';
import { handleAuthorizeRequest } from './authorizeEndpoint.js';
import type { AuthorizeOutcome } from './authorizeEndpoint.js';
import { BOT_FRAMEWORK_ENDORSEMENTS, DEFAULT_AUTHORITY_HOST } from './entraConstants.js';
import { findPartnerUser } from './partnerClaims.js';
import { checkPartnerCenterToken } from './partnerCenterTokenCheck.js';
import { DEFAULT_REDIRECT_URIS } from './redirectUris.js';
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
  /**
   * Where the authorize endpoint may send this client's codes. Default `DEFAULT_REDIRECT_URIS`: the
   * bot's `/auth/callback` on loopback (any port, as Entra ignores the port of loopback URIs).
   */
  redirectUris?: readonly string[];
}

/** One request the token endpoint answered: what a test reads to prove a grant went over HTTP. */
export interface TokenRequestRecord {
  /** `grant_type` as sent, e.g. `urn:ietf:params:oauth:grant-type:jwt-bearer` for on-behalf-of. */
  grantType: string;
  clientId: string;
  status: number;
  /** The OAuth error of a refused request (`invalid_grant`, `interaction_required`, …). */
  error?: string;
  at: Date;
}

/** Token requests kept for `tokenRequests()`; older ones fall off. */
const MAX_RECORDED_TOKEN_REQUESTS = 1_000;

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
  private readonly authorizationCodes = new AuthorizationCodeStore();
  private readonly redirectUris: Map<string, string[]>;
  private readonly tokenRequestLog: TokenRequestRecord[] = [];
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
    this.redirectUris = new Map(
      options.clients.map((client) => [client.clientId, [...(client.redirectUris ?? DEFAULT_REDIRECT_URIS)]]),
    );
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

  /**
   * Swaps in a new partner seed (sandbox reseed); outstanding refresh tokens, authorization codes,
   * interaction switches and the token request log go.
   */
  replacePartner(partner: PartnerSeed): void {
    this.currentPartner = partner;
    this.refreshTokens.clear();
    this.authorizationCodes.clear();
    this.interactionRequired.clear();
    this.tokenRequestLog.length = 0;
  }

  /** Adds a redirect URI to a registered client, as an admin would in the app registration. */
  registerRedirectUri(clientId: string, redirectUri: string): void {
    const uris = this.redirectUris.get(clientId);
    if (!uris) throw new Error(`No registered client '${clientId}'.`);
    if (!uris.includes(redirectUri)) uris.push(redirectUri);
  }

  /** The token requests answered since start or the last reseed, oldest first (at most the last 1,000). */
  tokenRequests(): readonly TokenRequestRecord[] {
    return [...this.tokenRequestLog];
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
    const result = await handleTokenRequest(
      tenant,
      form,
      {
        issuer: this.issuer,
        keys: () => this.jwks(),
        partner: () => this.currentPartner,
        clients: this.clientSecrets,
        interactionRequired: this.interactionRequired,
        refreshTokens: this.refreshTokens,
        authorizationCodes: this.authorizationCodes,
        now: this.now,
      },
      correlationId,
    );
    this.tokenRequestLog.push({
      grantType: form.get('grant_type') ?? '',
      clientId: form.get('client_id') ?? '',
      status: result.status,
      ...('error' in result.body ? { error: result.body.error } : {}),
      at: this.now(),
    });
    if (this.tokenRequestLog.length > MAX_RECORDED_TOKEN_REQUESTS) this.tokenRequestLog.shift();
    return result;
  }

  /**
   * Runs one authorize request (`GET /{tenant}/oauth2/v2.0/authorize`): a redirect with a code or an
   * error, or a page (the account picker, or an error that cannot be redirected).
   * @param path the request's path, where the account picker form submits to.
   */
  authorize(tenant: string, query: URLSearchParams, path: string): AuthorizeOutcome {
    return handleAuthorizeRequest(tenant, query, path, {
      partner: () => this.currentPartner,
      redirectUris: this.redirectUris,
      authorizationCodes: this.authorizationCodes,
      interactionRequired: this.interactionRequired,
      now: this.now,
    });
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
