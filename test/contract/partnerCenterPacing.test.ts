import assert from 'node:assert/strict';
import type { FaultEntry } from '../../sandbox/ledger.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { startPartnerCenterHarness, type PartnerCenterHarness } from '../helpers/partnerCenterHarness.js';

// 25 ms windows: one call at a time, evenly spread, as a server that allows bursts of only 2 needs.
const rate = (perSecond: number) => ({
  perSecond: { subscriptions: perSecond, licenseUpdates: perSecond, orders: perSecond, reads: perSecond },
  burstWindowInMs: 25,
});

async function readSubscriptionsConcurrently(pc: PartnerCenterHarness, count: number): Promise<void> {
  // Warm the token cache first, so the burst below is all Partner Center calls.
  await pc.app.listSubscriptions(DemoIds.customers.contoso);
  await Promise.all(
    Array.from({ length: count }, () =>
      pc.app.getSubscription(DemoIds.customers.contoso, DemoIds.subscriptions.contosoE4),
    ),
  );
}

describe('PartnerCenterClient pacing against the sandbox rate limits', () => {
  let pc: PartnerCenterHarness | undefined;
  afterEach(async () => pc?.close());

  it('paced at the limit, a burst of calls draws no 429 (the limit is the plan, not the backstop)', async () => {
    pc = await startPartnerCenterHarness({ rateLimits: rate(40) });
    await pc.faults({ rateLimits: { subscriptions: { perSecond: 40, burst: 2 } } });
    await readSubscriptionsConcurrently(pc, 60);
    const throttled = (pc.ledger('fault') as FaultEntry[]).filter((entry) => entry.fault === 'rateLimit');
    assert.equal(throttled.length, 0);
  });

  it('with the default half-second window, a burst within a one-second bucket draws no 429', async () => {
    pc = await startPartnerCenterHarness({
      rateLimits: { perSecond: { subscriptions: 40, licenseUpdates: 40, orders: 40, reads: 40 } },
    });
    await pc.faults({ rateLimits: { subscriptions: { perSecond: 40 } } });
    await readSubscriptionsConcurrently(pc, 60);
    const throttled = (pc.ledger('fault') as FaultEntry[]).filter((entry) => entry.fault === 'rateLimit');
    assert.equal(throttled.length, 0);
  });

  it('paced at twice the limit (another instance, a wrong setting), 429s happen and every call still succeeds', async () => {
    pc = await startPartnerCenterHarness({ rateLimits: rate(80) });
    await pc.faults({ rateLimits: { subscriptions: { perSecond: 40 } } });
    await readSubscriptionsConcurrently(pc, 120);
    const throttled = (pc.ledger('fault') as FaultEntry[]).filter((entry) => entry.fault === 'rateLimit');
    assert.ok(throttled.length > 0, 'the sandbox pushed back');
  });
});
