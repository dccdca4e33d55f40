import { randomUUID } from 'node:crypto';

import type { JWTPayload } from 'jose';

import type { PartnerSeed, PartnerUserSeed } from '../seeds/seedTypes.js';
import {
  BOT_FRAMEWORK_ISSUER,
  DEFAULT_TOKEN_LIFETIME_IN_MS,
  PARTNER_CENTER_AUDIENCE,
  TEAMS_CLIENT_ID,
} from './entraConstants.js';
import { amrFor, roleClaimsFor } from './partnerClaims.js';
import type { SigningKey } from './signingKey.js';

/** Knobs for tokens minted in-process, mostly so tests can build the bad tokens real life produces. */
export interface TokenOverrides {
  /** Lifetime from `issuedAt`. Default 1 h. */
  lifetimeInMs?: number;
  /** `iat` and `nbf`. Default now; put it in the past for an expired token, the future for a not-yet-valid one. */
  issuedAt?: Date;
  /** `aud`. Default depends on the token kind. */
  audience?: string;
  /** `tid` and the tenant segment of `iss`. Default the partner tenant. */
  tenantId?: string;
  /** Overrides the seed user's MFA state in `amr`. */
  hasMfa?: boolean;
  /** `'foreign'` signs with a key the JWKS does not publish (a forged token). Default `'authority'`. */
  signingKey?: 'authority' | 'foreign';
  /** `iss`. Default the authority's issuer for the token's tenant. */
  issuer?: string;
  /** Extra or replaced claims, applied last. */
  claims?: Record<string, unknown>;
}

/** Who is asking for a delegated token: the client app and the authentication methods carried over. */
export interface DelegationContext {
  clientId: string;
  /** `amr` inherited from the assertion; default from the seed user's MFA state. */
  amr?: string[];
}

export interface TokenIssuerKeys {
  authority: SigningKey;
  foreign: SigningKey;
  channel: SigningKey;
}

/**
 * Mints the JWTs the sandbox authority hands out: Partner Center access tokens (App+User and app-only),
 * SSO assertions shaped like the ones Teams obtains for the bot, and Bot Framework channel tokens.
 */
export class TokenIssuer {
  /** Service principal object ids per client, stable for the life of the authority (app tokens' `oid`). */
  private readonly servicePrincipalIds = new Map<string, string>();

  constructor(
    private readonly keys: TokenIssuerKeys,
    private readonly authorityHost: string,
    private readonly getPartner: () => PartnerSeed,
    private readonly now: () => Date,
  ) {}

  /** Entra v2 issuer for a tenant, e.g. `https://login.sandbox.test/{tid}/v2.0`. */
  issuerFor(tenantId: string): string {
    return `https://${this.authorityHost}/${tenantId}/v2.0`;
  }

  /** An App+User Partner Center token (`scp: user_impersonation`) for a seed user. */
  async userToken(
    user: PartnerUserSeed,
    context: DelegationContext,
    overrides: TokenOverrides = {},
  ): Promise<string> {
    const partner = this.getPartner();
    const { groups, wids } = roleClaimsFor(user.roles, partner);
    return this.sign(
      {
        ...this.userIdentityClaims(user, context.amr ?? amrFor(overrides.hasMfa ?? user.hasMfa)),
        scp: 'user_impersonation',
        groups,
        wids,
        azp: context.clientId,
        appid: context.clientId,
        azpacr: '1',
        idtyp: 'user',
      },
      PARTNER_CENTER_AUDIENCE,
      overrides,
    );
  }

  /** An app-only Partner Center token (client credentials): no `scp`, `idtyp: app`. */
  async appToken(clientId: string, overrides: TokenOverrides = {}): Promise<string> {
    const servicePrincipalId = this.servicePrincipalIdFor(clientId);
    return this.sign(
      {
        oid: servicePrincipalId,
        sub: servicePrincipalId,
        azp: clientId,
        appid: clientId,
        azpacr: '1',
        idtyp: 'app',
      },
      PARTNER_CENTER_AUDIENCE,
      overrides,
    );
  }

  /**
   * An SSO token as Teams would hand it to the bot: audience the bot's App ID URI, `scp: access_as_user`,
   * `amr` from the user's sign-in (which the on-behalf-of exchange carries over).
   */
  async ssoAssertion(
    user: PartnerUserSeed,
    botClientId: string,
    overrides: TokenOverrides = {},
  ): Promise<string> {
    return this.sign(
      {
        ...this.userIdentityClaims(user, amrFor(overrides.hasMfa ?? user.hasMfa)),
        scp: 'access_as_user',
        azp: TEAMS_CLIENT_ID,
        azpacr: '0',
      },
      `api://botid-${botClientId}`,
      overrides,
    );
  }

  /** The OpenID id token Entra returns next to a delegated access token when `openid` was asked for. */
  async idToken(user: PartnerUserSeed, clientId: string): Promise<string> {
    return this.sign(
      { oid: user.oid, sub: user.oid, name: user.displayName, preferred_username: user.userPrincipalName },
      clientId,
      {},
    );
  }

  /** A Bot Framework channel token (what the Teams channel sends the bot), signed by the channel key. */
  async channelToken(appId: string, serviceUrl: string, overrides: TokenOverrides = {}): Promise<string> {
    return this.sign(
      { serviceurl: serviceUrl },
      appId,
      { issuer: BOT_FRAMEWORK_ISSUER, ...overrides },
      'channel',
    );
  }

  private userIdentityClaims(user: PartnerUserSeed, amr: string[]): JWTPayload {
    return {
      oid: user.oid,
      sub: user.oid,
      name: user.displayName,
      upn: user.userPrincipalName,
      preferred_username: user.userPrincipalName,
      amr,
    };
  }

  private servicePrincipalIdFor(clientId: string): string {
    let id = this.servicePrincipalIds.get(clientId);
    if (id === undefined) {
      id = randomUUID();
      this.servicePrincipalIds.set(clientId, id);
    }
    return id;
  }

  private async sign(
    claims: JWTPayload,
    defaultAudience: string,
    overrides: TokenOverrides,
    keyName: 'authority' | 'channel' = 'authority',
  ): Promise<string> {
    const tenantId = overrides.tenantId ?? this.getPartner().tenantId;
    const issuedAtInSeconds = Math.floor((overrides.issuedAt ?? this.now()).getTime() / 1000);
    const lifetimeInSeconds = Math.floor((overrides.lifetimeInMs ?? DEFAULT_TOKEN_LIFETIME_IN_MS) / 1000);
    const payload: JWTPayload = {
      aud: overrides.audience ?? defaultAudience,
      iss: overrides.issuer ?? this.issuerFor(tenantId),
      iat: issuedAtInSeconds,
      nbf: issuedAtInSeconds,
      exp: issuedAtInSeconds + lifetimeInSeconds,
      // Channel tokens carry no tenant; everything Entra issues does.
      ...(keyName === 'authority' ? { tid: tenantId, ver: '2.0', uti: randomUUID() } : {}),
      ...claims,
      ...overrides.claims,
    };
    const key = this.keys[keyName];
    if (overrides.signingKey === 'foreign') return this.keys.foreign.sign(payload, key.kid);
    return key.sign(payload);
  }
}
