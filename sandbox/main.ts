import { TokenAuthority } from './auth/tokenAuthority.js';
import { DemoIds } from './seeds/demoIds.js';
import { buildDemoSeed } from './seeds/demoSeed.js';
import { startSandbox } from './server.js';

/**
 * `npm run sandbox`: the local Partner Center and its token authority on one loopback port, seeded with
 * the demo data. Environment (all optional):
 * - `PORT` (default 5100), `SANDBOX_HOST` (default 127.0.0.1);
 * - `SANDBOX_CLIENT_ID` / `SANDBOX_CLIENT_SECRET`: the bot's app registration the authority accepts
 *   (default `DemoIds.botClientId` / `DemoIds.botClientSecret`);
 * - `SANDBOX_REDIRECT_URIS`: comma-separated redirect URIs of the bot's fallback sign-in page (default
 *   `/auth/callback` on loopback, any port);
 * - `SANDBOX_AUTHORITY_HOST` (default the authority's `login.sandbox.test`);
 * - `SANDBOX_PROVISIONING_DELAY_MS` (default 5000) and `SANDBOX_CONSUMED_UNITS_LAG_MS` (default 0).
 */

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`${name} must be a non-negative number, got '${raw}'.`);
    process.exit(1);
  }
  return value;
}

const port = numberFromEnv('PORT', 5100);
const seed = buildDemoSeed(new Date());
const authority = await TokenAuthority.create({
  partner: seed.partner,
  clients: [
    {
      clientId: process.env.SANDBOX_CLIENT_ID || DemoIds.botClientId,
      clientSecret: process.env.SANDBOX_CLIENT_SECRET || DemoIds.botClientSecret,
      ...(process.env.SANDBOX_REDIRECT_URIS
        ? { redirectUris: process.env.SANDBOX_REDIRECT_URIS.split(',').map((uri) => uri.trim()) }
        : {}),
    },
  ],
  authorityHost: process.env.SANDBOX_AUTHORITY_HOST || undefined,
});

let baseUrl = '';
const sandbox = await startSandbox({
  port,
  host: process.env.SANDBOX_HOST || '127.0.0.1',
  seed,
  verifier: authority,
  registerExtraRoutes: (app) => authority.registerRoutes(app, () => baseUrl),
  onSeedChanged: (next) => authority.replacePartner(next.partner),
  faults: {
    provisioningDelayMs: numberFromEnv('SANDBOX_PROVISIONING_DELAY_MS', 5000),
    consumedUnitsLagMs: numberFromEnv('SANDBOX_CONSUMED_UNITS_LAG_MS', 0),
  },
});
baseUrl = sandbox.url;

console.log(`Sandbox Partner Center listening on ${sandbox.url} (${seed.customers.length} demo customers).`);
console.log(`  Partner Center API: ${sandbox.url}/v1/…   admin API: ${sandbox.url}/_sandbox/…`);
console.log(
  `  Token authority host: ${authority.authorityHost}, bot client id: ${authority.defaultClientId}`,
);

const stop = () => {
  sandbox.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
