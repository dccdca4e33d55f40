import { ConfidentialClientApplication } from '@azure/msal-node';
import { TokenAuthority } from '../../sandbox/auth/tokenAuthority.js';
import type { FaultConfig, ScriptedFault } from '../../sandbox/faults/faultConfig.js';
import type { LedgerEntry, LedgerKind } from '../../sandbox/ledger.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { buildDemoSeed } from '../../sandbox/seeds/demoSeed.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/server.js';
import { buildMsalConfiguration } from '../../src/services/auth/msalConfiguration.js';
import { MsalTokenProvider } from '../../src/services/auth/msalTokenProvider.js';
import { appCredential, delegatedCredential } from '../../src/services/auth/partnerCenterCredentials.js';
import { SandboxAssertionSource } from '../../src/services/auth/sandboxAssertionSource.js';
import { createSilentLogger } from '../../src/services/logging/logger.js';
import { PartnerCenterClient } from '../../src/services/partner-center/partnerCenterClient.js';
import { PartnerCenterTransport } from '../../src/services/partner-center/partnerCenterTransport.js';
import type { RetryPolicyOptions } from '../../src/services/partner-center/retryPolicy.js';
import {
  RouteRateLimiter,
  type RouteRateLimits,
} from '../../src/services/partner-center/routeRateLimiter.js';

/**
 * The real graph on loopback: the sandbox Partner Center and its token authority over HTTP, msal-node
 * getting tokens from it (on-behalf-of and client credentials), and the product's Partner Center client.
 * Only the composition differs from production.
 */
export interface PartnerCenterHarness {
  sandbox: RunningSandbox;
  authority: TokenAuthority;
  url: string;
  tokens: MsalTokenProvider;
  transport: PartnerCenterTransport;
  /** App-only client. */
  app: PartnerCenterClient;
  /** Delegated client of a demo partner user (an Admin agent unless told). */
  as(oid?: string): PartnerCenterClient;
  /** A client that sends a fixed bearer token (for token-rejection tests). */
  withToken(token: string): PartnerCenterClient;
  ledger(kind?: LedgerKind): LedgerEntry[];
  faults(config: FaultConfig): Promise<void>;
  script(entries: ScriptedFault[]): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export const harnessClientSecret = 'contract-test-secret';

export interface HarnessOptions {
  rateLimits?: RouteRateLimits;
  retry?: RetryPolicyOptions;
}

export async function startPartnerCenterHarness(options: HarnessOptions = {}): Promise<PartnerCenterHarness> {
  const seed = buildDemoSeed(new Date());
  const authority = await TokenAuthority.create({
    partner: seed.partner,
    clients: [{ clientId: DemoIds.botClientId, clientSecret: harnessClientSecret }],
  });
  let url = '';
  const sandbox = await startSandbox({
    port: 0,
    seed,
    verifier: authority,
    registerExtraRoutes: (app) => authority.registerRoutes(app, () => url),
    onSeedChanged: (next) => authority.replacePartner(next.partner),
  });
  url = sandbox.url;

  const logger = createSilentLogger();
  const limiter = new RouteRateLimiter(
    options.rateLimits ?? { perSecond: { subscriptions: 500, licenseUpdates: 500, orders: 500, reads: 500 } },
  );
  const transport = new PartnerCenterTransport({
    baseUrl: url,
    locale: 'en-US',
    limiter,
    logger,
    // Deterministic, short backoff so fault tests stay fast; Retry-After is still honoured exactly.
    random: () => 0.01,
    retry: options.retry,
    attemptTimeoutInMs: 5_000,
  });
  const msal = new ConfidentialClientApplication(
    buildMsalConfiguration({
      clientId: DemoIds.botClientId,
      clientSecret: harnessClientSecret,
      authority: `https://${authority.authorityHost}/${DemoIds.partnerTenantId}`,
      sandboxBaseUrl: url,
    }),
  );
  const tokens = new MsalTokenProvider({
    client: msal,
    assertionSource: new SandboxAssertionSource({ sandboxBaseUrl: url, clientId: DemoIds.botClientId }),
    logger,
  });
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
  };

  return {
    sandbox,
    authority,
    url,
    tokens,
    transport,
    app: new PartnerCenterClient(transport, appCredential(tokens)),
    as: (oid = DemoIds.partnerUsers.adminAgent) =>
      new PartnerCenterClient(
        transport,
        delegatedCredential(tokens, { oid, tenantId: DemoIds.partnerTenantId }),
      ),
    withToken: (token) => new PartnerCenterClient(transport, () => Promise.resolve(token)),
    ledger: (kind) => sandbox.ledger.list({ kind }),
    faults: (config) => admin('PUT', '/_sandbox/faults', config),
    script: (entries) => admin('POST', '/_sandbox/faults/script', entries),
    reset: () => admin('POST', '/_sandbox/reset'),
    close: () => sandbox.close(),
  };
}
