import {
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  type AuthenticateRequestResult,
} from 'botframework-connector';
import { CallerIdConstants } from 'botbuilder';
import type { Logger } from '../services/logging/logger.js';

/**
 * Where channel tokens' signing keys are published. Default Microsoft's Bot Framework metadata; tests point
 * it at the sandbox authority (DESIGN §11), which signs channel tokens with issuer `https://api.botframework.com`.
 */
export interface ChannelTokenMetadata {
  /** Replaces `https://login.botframework.com/v1/.well-known/openidconfiguration`. */
  channelOpenIdMetadataUrl: string;
  /** Replaces Entra's common metadata, which Emulator-style (Entra-issued) tokens are checked against. */
  emulatorOpenIdMetadataUrl?: string;
}

export interface ChannelAuthenticationOptions {
  /** Local mode: anonymous requests, no token checked (the playground); production: every request. */
  mode: 'local' | 'production';
  appId: string;
  appPassword: string;
  tenantId: string;
  metadata?: ChannelTokenMetadata;
  logger: Logger;
}

/**
 * The Bot Framework token check of every request to `/api/messages` (botbuilder's, SingleTenant in
 * production), with two additions: each refusal is logged with its reason (never the token), and a token
 * the JWT library rejects — a bad signature under a published key id, an unexpected algorithm — is refused
 * with 401 like any other bad token. botbuilder rethrows those errors as they are, so its adapter answered
 * them with 500.
 */
export class ChannelAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly logger: Logger;

  constructor(options: ChannelAuthenticationOptions) {
    const settings: ConfigurationBotFrameworkAuthenticationOptions =
      options.mode === 'local'
        ? { MicrosoftAppId: '', MicrosoftAppPassword: '' }
        : {
            MicrosoftAppId: options.appId,
            MicrosoftAppPassword: options.appPassword,
            MicrosoftAppType: 'SingleTenant',
            MicrosoftAppTenantId: options.tenantId,
            ...(options.metadata ? publicCloudWith(options.metadata) : {}),
          };
    super(settings);
    this.logger = options.logger;
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      const refusal = asRefusal(error);
      // Anything else (the metadata unreachable) is the bot's fault, not the caller's: a 500 stays one.
      if (!refusal) throw error;
      this.logger.warn(
        {
          reason: refusal.message,
          hasToken: authHeader.trim() !== '',
          activityType: activity.type,
          channelId: activity.channelId,
        },
        'Bot Framework request refused',
      );
      throw refusal;
    }
  }
}

/**
 * botbuilder's public-cloud settings with other metadata URLs. Naming any one of these settings makes
 * botbuilder take all of them from the configuration (an unnamed one is then empty, e.g. no issuer is
 * accepted), so every one is given: the defaults, and the two URLs replaced.
 */
function publicCloudWith(metadata: ChannelTokenMetadata): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: metadata.channelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl:
      metadata.emulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** jsonwebtoken's error names: a token that is not valid, which is the caller's problem (401). */
const tokenErrorNames = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

function asRefusal(error: unknown): AuthenticationError | undefined {
  if (error instanceof AuthenticationError) return error;
  if (error instanceof Error && tokenErrorNames.has(error.name)) {
    return new AuthenticationError(`Unauthorized. ${error.message}`, 401);
  }
  return undefined;
}
