import PQueue from 'p-queue';
import { catalogItemIdOf } from '../sandbox/catalog.js';
import { LicenseSkuId } from '../sandbox/licensing/licenseSkus.js';
import { DemoIds } from '../sandbox/seeds/demoIds.js';
import type { PartnerCenter } from '../src/services/partner-center/partnerCenter.js';
import { buildBenchGraph, residentMemorySampler, sandboxAdmin } from './benchGraph.js';
import { startAzurite } from '../test/helpers/azurite.js';
import { startSandboxProcess } from './sandboxProcess.js';

/**
 * Issue #3's benchmark: with 50 requests/s per route family and 200 ms latency, read the licenses of the
 * 5,000-user tenant and apply 5,000 license updates. Prints the share of the rate limit reached per
 * family, failures, the speed-up over a one-call-at-a-time client (measured in the same run on a
 * sample), and the bot side's peak resident memory. The sandbox runs in its own process.
 *
 * Options: `--users N` (default all 5,000), `--rate R` (default 50), `--latency MS` (default 200),
 * `--baseline-users N` (default 30).
 */

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

interface FamilyMeter {
  calls: number;
  first: number;
  last: number;
}

const meter = (): FamilyMeter => ({ calls: 0, first: Infinity, last: 0 });
function tick(m: FamilyMeter): void {
  const now = performance.now();
  m.calls++;
  m.first = Math.min(m.first, now);
  m.last = Math.max(m.last, now);
}
/** Calls per second between the first and the last call's completion. */
const rateOf = (m: FamilyMeter) => (m.calls <= 1 ? 0 : ((m.calls - 1) * 1000) / (m.last - m.first));

async function moveUser(
  client: PartnerCenter,
  customerId: string,
  userId: string,
  from: string,
  to: string,
  meters: { reads: FamilyMeter; updates: FamilyMeter },
) {
  const licenses = await client.listUserLicenses(customerId, userId);
  tick(meters.reads);
  const current = licenses.find((license) => license.productSku.id === from);
  if (!current) throw new Error(`user ${userId} does not hold ${from}`);
  await client.updateUserLicenses(customerId, userId, {
    licensesToAssign: [{ skuId: to }],
    licensesToRemove: [from],
  });
  tick(meters.updates);
}

export async function runLicenseThroughputBench(): Promise<Record<string, number>> {
  const rate = option('rate', 50);
  const latencyMs = option('latency', 200);
  const userLimit = option('users', 5000);
  const baselineUsers = option('baseline-users', 30);
  const customerId = DemoIds.customers.northwind;

  const [sandbox, azurite] = await Promise.all([
    startSandboxProcess({ SANDBOX_PROVISIONING_DELAY_MS: '0' }),
    startAzurite(),
  ]);
  try {
    const limit = { perSecond: rate };
    await sandboxAdmin(sandbox.url, 'PUT', '/_sandbox/faults', {
      latencyMs,
      rateLimits: { reads: limit, licenseUpdates: limit, orders: limit, subscriptions: limit },
    });
    const graph = buildBenchGraph(sandbox.url, rate, azurite.connectionString);
    const client = graph.asAdminAgent;

    // The replacement seats come first, as in a migration (not timed).
    const cart = await client.createCart(customerId, [
      {
        catalogItemId: catalogItemIdOf('office365E3', 'US'),
        quantity: 5000,
        billingCycle: 'monthly',
        termDuration: 'P1Y',
      },
    ]);
    await client.checkoutCart(customerId, cart.id);

    const meters = { reads: meter(), updates: meter() };
    let failures = 0;
    const moved: string[] = [];
    const memory = residentMemorySampler();
    const started = performance.now();
    // Bounded work in flight: paging waits while 64 users are queued, so memory stays flat.
    const work = new PQueue({ concurrency: 64 });
    pages: for await (const page of client.listCustomerUsers(customerId, { size: 500 }).byPage()) {
      tick(meters.reads);
      for (const user of page.items) {
        if (moved.length >= userLimit) break pages;
        moved.push(user.id);
        await work.onSizeLessThan(64);
        void work.add(() =>
          moveUser(
            client,
            customerId,
            user.id,
            LicenseSkuId.office365E4,
            LicenseSkuId.office365E3,
            meters,
          ).catch(() => {
            failures++;
          }),
        );
      }
    }
    await work.onIdle();
    const elapsedInMs = performance.now() - started;
    const peakMemoryInMb = memory.stop();

    // The same work one call at a time, on a sample, moving users back (same operations, same costs).
    const baseline = { reads: meter(), updates: meter() };
    const baselineStarted = performance.now();
    for (const userId of moved.slice(0, baselineUsers)) {
      await moveUser(
        client,
        customerId,
        userId,
        LicenseSkuId.office365E3,
        LicenseSkuId.office365E4,
        baseline,
      );
    }
    const baselineCallsPerSecond =
      ((baseline.reads.calls + baseline.updates.calls) * 1000) / (performance.now() - baselineStarted);

    const ledger = (await sandboxAdmin(sandbox.url, 'GET', `/_sandbox/ledger?customerId=${customerId}`)) as {
      entries: { kind: string; fault?: string }[];
    };
    const licenseChanges = ledger.entries.filter((entry) => entry.kind === 'licenseChange').length;
    const throttled = ledger.entries.filter(
      (entry) => entry.kind === 'fault' && entry.fault === 'rateLimit',
    ).length;
    const refused = ledger.entries.filter((entry) => entry.kind === 'refused').length;

    const readsRate = rateOf(meters.reads);
    const updatesRate = rateOf(meters.updates);
    const callsPerSecond = ((meters.reads.calls + meters.updates.calls) * 1000) / elapsedInMs;
    const result = {
      users: moved.length,
      readsPerSecond: readsRate,
      updatesPerSecond: updatesRate,
      readsShareOfLimit: readsRate / rate,
      updatesShareOfLimit: updatesRate / rate,
      failedOperations: failures,
      throttled429: throttled,
      refusedCalls: refused,
      licenseChangesInLedger: licenseChanges - baselineUsers,
      speedUpOverOneAtATime: callsPerSecond / baselineCallsPerSecond,
      peakResidentMemoryMb: peakMemoryInMb,
      elapsedSeconds: elapsedInMs / 1000,
    };
    const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
    console.log(
      `\nLicense throughput — ${moved.length} users, ${rate} req/s per family, ${latencyMs} ms latency`,
    );
    console.log(
      `  license reads:   ${readsRate.toFixed(1)}/s = ${pct(result.readsShareOfLimit)} of the limit (goal ≥ 90%)`,
    );
    console.log(
      `  license updates: ${updatesRate.toFixed(1)}/s = ${pct(result.updatesShareOfLimit)} of the limit (goal ≥ 90%)`,
    );
    console.log(
      `  failed operations: ${failures}; 429s: ${throttled}; refused: ${refused}; ledger license changes: ${result.licenseChangesInLedger}/${moved.length}`,
    );
    console.log(
      `  speed-up over a one-call-at-a-time client: ${result.speedUpOverOneAtATime.toFixed(1)}× (baseline ${baselineCallsPerSecond.toFixed(2)} calls/s on ${baselineUsers} users)`,
    );
    console.log(
      `  bot-side peak resident memory: ${peakMemoryInMb.toFixed(0)} MB (goal < 150 MB); elapsed ${result.elapsedSeconds.toFixed(1)} s`,
    );
    return result;
  } finally {
    await Promise.all([sandbox.stop(), azurite.stop()]);
  }
}
