import assert from 'node:assert/strict';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { systemClock } from '../../src/services/clock.js';
import { CustomerDirectory } from '../../src/services/customers/customerDirectory.js';
import type { CustomerMatch } from '../../src/services/customers/customerMatcher.js';
import { createSilentLogger } from '../../src/services/logging/logger.js';
import { E4SubscriptionFinder } from '../../src/services/subscriptions/e4SubscriptionFinder.js';
import { startPartnerCenterHarness, type PartnerCenterHarness } from '../helpers/partnerCenterHarness.js';

const ids = DemoIds.customers;

/** The ids a match names: the customer, the candidates in order, or the closest. */
function idsOf(match: CustomerMatch): string[] {
  if (match.kind === 'exact') return [match.customer.id];
  if (match.kind === 'choices') return match.candidates.map((c) => c.id);
  return match.closest ? [match.closest.id] : [];
}

describe('CustomerDirectory and E4SubscriptionFinder, against the sandbox over HTTP', () => {
  let pc: PartnerCenterHarness;
  before(async () => {
    // Reads paced well above the sandbox's speed so the 10,000-customer scan measures our code.
    pc = await startPartnerCenterHarness({
      rateLimits: { perSecond: { subscriptions: 500, licenseUpdates: 500, orders: 500, reads: 5_000 } },
    });
  });
  after(async () => pc.close());

  describe('the directory over the demo seed', () => {
    let directory: CustomerDirectory;
    before(() => {
      directory = new CustomerDirectory({
        partnerCenter: pc.app,
        clock: systemClock,
        logger: createSilentLogger(),
      });
    });

    const table: [string, CustomerMatch['kind'], string[]][] = [
      ['Contoso', 'exact', [ids.contoso]],
      ['Contosso', 'exact', [ids.contoso]],
      ['Fabrikam', 'exact', [ids.fabrikam]],
      ['fabri', 'choices', [ids.fabrikam, ids.fabrikamNordic]],
      ['Fabrikm', 'choices', [ids.fabrikam, ids.fabrikamNordic]],
      ['nordic', 'exact', [ids.fabrikamNordic]],
      ['alands strom', 'exact', [ids.alandsStrom]],
      ['backstrom', 'exact', [ids.backstromBygg]],
      ['van der berg', 'exact', [ids.vanDerBerg]],
      ['Hoogeveen Zorg BV', 'exact', [ids.hoogeveenZorg]],
      ['brouwerij de klok', 'exact', [ids.brouwerijDeKlok]],
      ['Northwind', 'exact', [ids.northwind]],
      ['tailspintoys.onmicrosoft.com', 'exact', [ids.tailspinToys]],
    ];
    for (const [query, kind, expected] of table) {
      it(`finds "${query}" as ${kind}`, async () => {
        const match = await directory.find(query);
        assert.equal(match.kind, kind, JSON.stringify(match));
        assert.deepEqual(idsOf(match), expected);
      });
    }

    it('keeps every demo customer with its market', async () => {
      await directory.refresh();
      assert.equal(directory.size, pc.sandbox.state.customers.length);
      assert.equal(directory.get(ids.alandsStrom)?.companyName, 'Ålands Ström AB');
      assert.equal(directory.get(ids.brouwerijDeKlok)?.country, 'BE');
      assert.equal(directory.get(ids.alandsStrom)?.country, 'SE');
    });

    it('answers "none" for a name nobody has', async () => {
      const match = await directory.find('Woodgrove Bank');
      assert.equal(match.kind, 'none');
    });
  });

  describe('listExpiring', () => {
    it('lists the demo customers whose E4 ends within 90 days, soonest first', async () => {
      const finder = new E4SubscriptionFinder({
        partnerCenter: pc.app,
        clock: systemClock,
        logger: createSilentLogger(),
      });
      const scan = await finder.listExpiring({ withinDays: 90 });
      assert.deepEqual(scan.unreadCustomers, []);
      assert.deepEqual(
        scan.subscriptions.map((s) => s.subscriptionId),
        [
          DemoIds.subscriptions.contosoE4,
          DemoIds.subscriptions.vanDerBergE4First,
          DemoIds.subscriptions.fabrikamNordicE4,
          DemoIds.subscriptions.hoogeveenZorgE4,
          DemoIds.subscriptions.brouwerijDeKlokE4,
          DemoIds.subscriptions.fabrikamE4,
        ],
      );
      const customers = new Set(scan.subscriptions.map((s) => s.customerId));
      for (const excluded of [ids.tailspinToys, ids.backstromBygg, ids.alandsStrom, ids.northwind]) {
        assert.ok(!customers.has(excluded), `${excluded} is not listed`);
      }
      const contoso = scan.subscriptions[0];
      assert.equal(contoso?.customerName, 'Contoso Ltd');
      assert.equal(contoso?.seats, 45);
      assert.equal(contoso?.autoRenewEnabled, false);
      assert.equal(contoso?.state, 'expiringSoon');
    });

    it('shows Ålands Ström as suspended and Bäckström as expired when asked per customer', async () => {
      const finder = new E4SubscriptionFinder({
        partnerCenter: pc.app,
        clock: systemClock,
        logger: createSilentLogger(),
      });
      const alands = await finder.listForCustomer(ids.alandsStrom);
      assert.deepEqual(
        alands.map((s) => [s.subscriptionId, s.state]),
        [[DemoIds.subscriptions.alandsStromE4, 'suspended']],
      );
      const backstrom = await finder.listForCustomer(ids.backstromBygg);
      assert.deepEqual(
        backstrom.map((s) => s.state),
        ['expired'],
      );
      assert.deepEqual(await finder.listForCustomer(ids.tailspinToys), []);
    });

    it('scans 10,000 generated customers and returns a sorted list', async function () {
      this.timeout(120_000);
      const response = await fetch(`${pc.url}/_sandbox/seed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'generated', customers: 10_000 }),
      });
      assert.equal(response.ok, true, await response.text());
      try {
        const finder = new E4SubscriptionFinder({
          partnerCenter: pc.app,
          clock: systemClock,
          logger: createSilentLogger(),
          concurrency: 16,
        });
        const scan = await finder.listExpiring({ withinDays: 90 });
        assert.equal(scan.customersScanned, 10_000);
        assert.deepEqual(scan.unreadCustomers, []);
        assert.ok(scan.subscriptions.length > 0);
        const days = scan.subscriptions.map((s) => s.daysLeft ?? Number.NaN);
        assert.ok(days.every((d) => d >= 0 && d <= 90));
        assert.deepEqual(
          days,
          [...days].sort((a, b) => a - b),
        );
      } finally {
        await pc.reset();
      }
    });
  });
});
