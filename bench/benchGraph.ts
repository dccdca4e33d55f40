import { DemoIds } from '../sandbox/seeds/demoIds.js';
import { loadConfig } from '../src/config.js';
import { composeServices } from '../src/index.js';
import { createSilentLogger } from '../src/services/logging/logger.js';

/**
 * The bot-side graph a benchmark measures: the product's own composition root in local mode against
 * the sandbox, paced at `ratePerSecond` for every route family. Delegated tokens go through the
 * persisted token cache, hence the storage (Azurite).
 */
export function buildBenchGraph(sandboxUrl: string, ratePerSecond: number, storageConnectionString: string) {
  const rate = String(ratePerSecond);
  const services = composeServices(
    loadConfig({
      BOT_MODE: 'local',
      SANDBOX_URL: sandboxUrl,
      AZURE_STORAGE_CONNECTION_STRING: storageConnectionString,
      RATE_LIMIT_SUBSCRIPTIONS_PER_SECOND: rate,
      RATE_LIMIT_LICENSE_UPDATES_PER_SECOND: rate,
      RATE_LIMIT_ORDERS_PER_SECOND: rate,
      RATE_LIMIT_READS_PER_SECOND: rate,
    }),
    createSilentLogger(),
  );
  return {
    app: services.partnerCenter,
    asAdminAgent: services.partnerCenterAs({
      oid: DemoIds.partnerUsers.adminAgent,
      tenantId: DemoIds.partnerTenantId,
    }),
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
