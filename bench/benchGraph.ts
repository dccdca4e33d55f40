import { ConfidentialClientApplication } from '@azure/msal-node';
import { DemoIds } from '../sandbox/seeds/demoIds.js';
import { buildMsalConfiguration } from '../src/services/auth/msalConfiguration.js';
import { MsalTokenProvider } from '../src/services/auth/msalTokenProvider.js';
import { appCredential, delegatedCredential } from '../src/services/auth/partnerCenterCredentials.js';
import { SandboxAssertionSource } from '../src/services/auth/sandboxAssertionSource.js';
import { createSilentLogger } from '../src/services/logging/logger.js';
import { PartnerCenterClient } from '../src/services/partner-center/partnerCenterClient.js';
import { PartnerCenterTransport } from '../src/services/partner-center/partnerCenterTransport.js';
import { RouteRateLimiter, type RouteRateLimits } from '../src/services/partner-center/routeRateLimiter.js';

/** The bot-side graph a benchmark measures: msal-node against the sandbox authority, the real client. */
export function buildBenchGraph(sandboxUrl: string, limits: RouteRateLimits) {
  const logger = createSilentLogger();
  const transport = new PartnerCenterTransport({
    baseUrl: sandboxUrl,
    locale: 'en-US',
    limiter: new RouteRateLimiter(limits),
    logger,
  });
  const msal = new ConfidentialClientApplication(
    buildMsalConfiguration({
      clientId: DemoIds.botClientId,
      clientSecret: 'sandbox-local-secret',
      authority: `https://login.sandbox.test/${DemoIds.partnerTenantId}`,
      sandboxBaseUrl: sandboxUrl,
    }),
  );
  const tokens = new MsalTokenProvider({
    client: msal,
    assertionSource: new SandboxAssertionSource({
      sandboxBaseUrl: sandboxUrl,
      clientId: DemoIds.botClientId,
    }),
    logger,
  });
  return {
    app: new PartnerCenterClient(transport, appCredential(tokens)),
    asAdminAgent: new PartnerCenterClient(
      transport,
      delegatedCredential(tokens, {
        oid: DemoIds.partnerUsers.adminAgent,
        tenantId: DemoIds.partnerTenantId,
      }),
    ),
  };
}

/** Samples this process's resident memory until stopped; returns the peak in MB. */
export function residentMemorySampler(intervalInMs = 50) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalInMs);
  return {
    stop(): number {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return peak / 1024 / 1024;
    },
  };
}

/** JSON body helper for the sandbox admin API. */
export async function sandboxAdmin(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
  return response.json();
}
