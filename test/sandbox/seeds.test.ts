import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { catalogEntries, currencyOf, LegacyOfferId, markets } from '../../sandbox/catalog.js';
import { LicenseSkuId } from '../../sandbox/licensing/licenseSkus.js';
import { buildDemoSeed, DemoIds } from '../../sandbox/seeds/demoSeed.js';
import { generateSeed } from '../../sandbox/seeds/largeSeedGenerator.js';
import { sandboxSeedSchema } from '../../sandbox/seeds/seedSchema.js';
import type { CustomerSeed, SubscriptionSeed } from '../../sandbox/seeds/seedTypes.js';
import { dayMs } from './helpers.js';

const now = new Date('2026-03-10T09:30:00Z');
const seed = buildDemoSeed(now);
const byId = (id: string): CustomerSeed => {
  const found = seed.customers.find((c) => c.id === id);
  assert.ok(found, `customer ${id} is in the demo seed`);
  return found;
};
const endOf = (sub: SubscriptionSeed | undefined) =>
  Date.parse(
    sub?.commitmentEndDate.startsWith('9999')
      ? (sub.billingCycleEndDate ?? '')
      : (sub?.commitmentEndDate ?? ''),
  );
const daysLeft = (sub: SubscriptionSeed | undefined) => Math.round((endOf(sub) - now.getTime()) / dayMs);
const holdsE4 = (customer: CustomerSeed) =>
  customer.users.filter((u) => u.licenses.some((l) => l.skuId === LicenseSkuId.office365E4));

describe('sandbox seeds', () => {
  it('has every partner role, two Admin agents, and one without MFA', () => {
    const users = seed.partner.users;
    for (const role of ['GlobalAdmin', 'AdminAgent', 'SalesAgent', 'UserManagementAdmin'] as const) {
      assert.ok(
        users.some((u) => u.roles.includes(role)),
        role,
      );
    }
    assert.equal(users.filter((u) => u.roles.includes('AdminAgent') && u.hasMfa).length, 2);
    assert.ok(users.some((u) => u.roles.length === 0));
    assert.deepEqual(
      users.filter((u) => !u.hasMfa).map((u) => u.oid),
      [DemoIds.partnerUsers.adminAgentWithoutMfa],
    );
  });

  it('covers the situations of DESIGN §9', () => {
    const contoso = byId(DemoIds.customers.contoso);
    assert.ok(daysLeft(contoso.subscriptions[0]) < 30);
    assert.ok(holdsE4(contoso).length >= 20);
    assert.equal(
      contoso.subscriptions[0]?.commitmentEndDate,
      '9999-12-31T00:00:00Z',
      'legacy end-date shape',
    );

    const fabrikam = byId(DemoIds.customers.fabrikam);
    assert.equal(daysLeft(fabrikam.subscriptions[0]), 75);
    assert.equal(fabrikam.subscriptions[0]?.billingCycleEndDate, undefined, 'plain end-date shape');
    assert.ok(fabrikam.users.filter((u) => !u.usageLocation).length >= 2);
    assert.equal(fabrikam.users.filter((u) => u.licenses.some((l) => l.assignedByGroup)).length, 1);

    const migrated = byId(DemoIds.customers.alandsStrom);
    assert.deepEqual(
      migrated.subscriptions.map((s) => s.status),
      ['suspended', 'active', 'active'],
    );
    assert.equal(holdsE4(migrated).length, 0);
    assert.equal(byId(DemoIds.customers.backstromBygg).subscriptions[0]?.status, 'expired');
    assert.ok(daysLeft(byId(DemoIds.customers.backstromBygg).subscriptions[0]) < 0);
    assert.equal(
      byId(DemoIds.customers.vanDerBerg).subscriptions.filter((s) => s.offerId === LegacyOfferId.office365E4)
        .length,
      2,
    );
    assert.equal(byId(DemoIds.customers.hoogeveenZorg).hasAcceptedAgreement, false);
    assert.equal(byId(DemoIds.customers.brouwerijDeKlok).country, 'BE');
    assert.equal(holdsE4(byId(DemoIds.customers.northwind)).length, 5000);
    assert.deepEqual([...new Set(seed.customers.map((c) => c.culture))].sort(), [
      'en-US',
      'nl-BE',
      'nl-NL',
      'sv-SE',
    ]);
    const names = seed.customers.map((c) => c.companyName);
    assert.ok(names.includes('Fabrikam') && names.includes('Fabrikam Nordic AB'));
    assert.ok(names.includes('Ålands Ström AB') && names.includes('Bäckström Bygg AB'));
  });

  it('never assigns more licenses than the seats of a SKU, and has unique ids', () => {
    for (const customer of seed.customers) {
      const seats = new Map<string, number>();
      for (const sub of customer.subscriptions) {
        const sku = sub.offerId === LegacyOfferId.office365E4 ? LicenseSkuId.office365E4 : sub.offerId;
        seats.set(sku, (seats.get(sku) ?? 0) + sub.quantity);
      }
      assert.ok(holdsE4(customer).length <= (seats.get(LicenseSkuId.office365E4) ?? 0), customer.companyName);
    }
    const ids = seed.customers.flatMap((c) => [
      c.id,
      ...c.subscriptions.map((s) => s.id),
      ...c.users.map((u) => u.id),
    ]);
    assert.equal(new Set(ids).size, ids.length);
    const upns = seed.customers.flatMap((c) => c.users.map((u) => u.userPrincipalName));
    assert.equal(new Set(upns).size, upns.length);
    assert.ok(
      upns.every((upn) => /^[a-z0-9.]+@[a-z0-9.]+$/.test(upn)),
      'UPNs are ASCII',
    );
    assert.ok(sandboxSeedSchema.safeParse(seed).success, 'the demo seed passes the custom-seed schema');
  });

  it('generates 10,000 customers quickly and deterministically', () => {
    const started = performance.now();
    const large = generateSeed({ customers: 10_000, rngSeed: 11, now });
    const elapsed = performance.now() - started;
    assert.equal(large.customers.length, 10_000);
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
    const small = generateSeed({ customers: 50, rngSeed: 11, now });
    assert.deepEqual(small.customers, large.customers.slice(0, 50));
    assert.notDeepEqual(generateSeed({ customers: 50, rngSeed: 12, now }).customers, small.customers);
    const ends = large.customers.map((c) => daysLeft(c.subscriptions[0]));
    assert.ok(Math.min(...ends) < 0 && Math.max(...ends) > 300, 'end dates spread over past and future');
    assert.ok(large.customers.every((c) => c.users.length === 2));
    assert.equal(
      generateSeed({ customers: 3, e4UsersPerCustomer: 0, rngSeed: 1, now }).customers[0]?.users.length,
      0,
    );
  });

  it('ships a demo price list for every purchasable catalog item per market', async () => {
    const text = await readFile(new URL('../../sandbox/seeds/demo-price-list.csv', import.meta.url), 'utf8');
    const [header = '', ...lines] = text.trim().split('\n');
    const columns = header.split(',');
    for (const column of [
      'ProductTitle',
      'ProductId',
      'SkuId',
      'SkuTitle',
      'Publisher',
      'SkuDescription',
      'UnitOfMeasure',
      'TermDuration',
      'BillingPlan',
      'Market',
      'Currency',
      'UnitPrice',
    ]) {
      assert.ok(columns.includes(column), column);
    }
    const rows = lines.map((line): Record<string, string> =>
      Object.fromEntries(line.split(',').map((value, i) => [columns[i] ?? '', value])),
    );
    for (const market of markets) {
      for (const entry of catalogEntries()) {
        const sold = entry.sold[market] === true;
        const priced = rows.filter((r) => r.Market === market && r.ProductId === entry.productId);
        assert.equal(priced.length > 0, sold, `${entry.title} in ${market}`);
        assert.ok(priced.every((r) => r.Currency === currencyOf(market) && Number(r.UnitPrice) > 0));
      }
    }
  });
});
