import { ConfidentialClientApplication } from '@azure/msal-node';
import type { AppConfig } from './config.js';
import type { PartnerUserRef } from './services/auth/models.js';
import { buildMsalConfiguration } from './services/auth/msalConfiguration.js';
import { MsalTokenProvider } from './services/auth/msalTokenProvider.js';
import { appCredential, delegatedCredential } from './services/auth/partnerCenterCredentials.js';
import { ClaimsRoleResolver } from './services/auth/roleResolver.js';
import { SandboxAssertionSource } from './services/auth/sandboxAssertionSource.js';
import { systemClock } from './services/clock.js';
import { AppError } from './services/errors.js';
import type { Logger } from './services/logging/logger.js';
import type { PartnerCenter } from './services/partner-center/partnerCenter.js';
import { PartnerCenterClient } from './services/partner-center/partnerCenterClient.js';
import { PartnerCenterTransport } from './services/partner-center/partnerCenterTransport.js';
import { RouteRateLimiter } from './services/partner-center/routeRateLimiter.js';

/**
 * The composition root: the only place that knows the concrete classes. Everything else receives
 * its collaborators. The bot (issue #4) is wired here on top of these services.
 */
export function composeServices(config: AppConfig, logger: Logger) {
  const transport = new PartnerCenterTransport({
    baseUrl: config.partnerCenter.baseUrl,
    locale: config.partnerCenter.locale,
    limiter: new RouteRateLimiter(config.partnerCenter.rateLimits),
    logger: logger.child({ component: 'partner-center' }),
    retry: config.partnerCenter.retry,
    attemptTimeoutInMs: config.partnerCenter.attemptTimeoutInMs,
  });
  const { auth } = config;
  const msal = new ConfidentialClientApplication(
    buildMsalConfiguration({
      clientId: auth.clientId,
      clientSecret: auth.clientSecret,
      authority: `https://${auth.authorityHost}/${auth.partnerTenantId}`,
      sandboxBaseUrl: auth.sandboxUrl,
    }),
  );
  const assertionSource = (() => {
    if (auth.sandboxUrl)
      return new SandboxAssertionSource({ sandboxBaseUrl: auth.sandboxUrl, clientId: auth.clientId });
    // Production assertions come from Teams SSO (signin/tokenExchange), wired with the bot (issue #6).
    return {
      getAssertion: () =>
        Promise.reject(new AppError('Teams sign-in is not wired yet (issue #6).', 'sign_in_unavailable')),
      discard: () => undefined,
    };
  })();
  const tokens = new MsalTokenProvider({
    client: msal,
    assertionSource,
    logger: logger.child({ component: 'auth' }),
  });
  return {
    clock: systemClock,
    tokens,
    roles: new ClaimsRoleResolver({
      adminAgentsGroupId: auth.adminAgentsGroupId,
      salesAgentsGroupId: auth.salesAgentsGroupId,
    }),
    /** App-only Partner Center: background reads. */
    partnerCenter: new PartnerCenterClient(transport, appCredential(tokens)) as PartnerCenter,
    /** Partner Center as one person (writes and user-scoped reads). */
    partnerCenterAs: (user: PartnerUserRef): PartnerCenter =>
      new PartnerCenterClient(transport, delegatedCredential(tokens, user)),
  };
}

export type Services = ReturnType<typeof composeServices>;
