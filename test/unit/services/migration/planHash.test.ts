import assert from 'node:assert/strict';
import type { MigrationPlan } from '../../../../src/services/migration/migrationPlan.js';
import { canonicalJson, planHash } from '../../../../src/services/migration/planHash.js';

function plan(): MigrationPlan {
  return {
    customer: { id: 'cust-1', companyName: 'Contoso', market: 'US' },
    e4Subscription: {
      id: 'sub-1',
      offerId: 'E4',
      offerName: 'Office 365 Enterprise E4',
      status: 'active',
      seats: 45,
      licenseSkuId: 'e4',
      endDate: { kind: 'unknown' },
      daysLeft: undefined,
      addOns: [],
    },
    e4Units: { activeUnits: 45, consumedUnits: 40, warningUnits: 0, suspendedUnits: 0 },
    users: [
      { id: 'u1', userPrincipalName: 'a@x', excludedPlanIds: [] },
      { id: 'u2', userPrincipalName: 'b@x', excludedPlanIds: ['yammer'] },
    ],
    option: 3,
    targets: [
      {
        role: 'base',
        productId: 'E3',
        skuId: '0001',
        licenseSkuId: 'e3',
        catalogItemId: 'E3:0001:A',
        isSubstitute: false,
      },
      {
        role: 'addOn',
        productId: 'CAL',
        skuId: '0001',
        licenseSkuId: 'cal',
        catalogItemId: 'CAL:0001:A',
        isSubstitute: false,
      },
    ],
    quantity: 40,
    termDuration: 'P1Y',
    billingCycle: 'monthly',
    price: {
      currency: 'USD',
      lines: [
        { productId: 'E3', skuId: '0001', catalogItemId: 'E3:0001:A', unitPrice: 23 },
        { productId: 'CAL', skuId: '0001', catalogItemId: 'CAL:0001:A', unitPrice: 2 },
      ],
      unitPricePerBillingPeriod: 25,
      monthlyPricePerUser: 25,
      totalPerBillingPeriod: 1000,
    },
    blockers: [],
    plannedAt: '2026-11-23T10:00:00.000Z',
  };
}

describe('planHash', () => {
  const base = planHash(plan());

  const changes: [string, (p: MigrationPlan) => void][] = [
    ['customer', (p) => (p.customer.id = 'cust-2')],
    ['E4 subscription', (p) => (p.e4Subscription.id = 'sub-2')],
    ['a target catalog item', (p) => p.targets[1] && (p.targets[1].catalogItemId = 'TP:0001:A')],
    ['the targets (an add-on dropped)', (p) => p.targets.pop()],
    ['quantity', (p) => (p.quantity = 41)],
    ['term', (p) => (p.termDuration = 'P1M')],
    ['billing cycle', (p) => (p.billingCycle = 'annual')],
    ['price', (p) => p.price?.lines[0] && (p.price.lines[0].unitPrice = 24)],
    ['currency', (p) => p.price && (p.price.currency = 'EUR')],
    ['price known or not', (p) => (p.price = undefined)],
  ];
  for (const [name, change] of changes) {
    it(`changes when the ${name} changes`, () => {
      const changed = plan();
      change(changed);
      assert.notEqual(planHash(changed), base);
    });
  }

  const irrelevant: [string, (p: MigrationPlan) => void][] = [
    ['user list order', (p) => p.users?.reverse()],
    ['users joining or leaving', (p) => p.users?.pop()],
    ['blockers', (p) => p.blockers.push({ code: 'endDateUnknown', severity: 'info' })],
    ['planning time', (p) => (p.plannedAt = '2026-11-24T00:00:00.000Z')],
    ['consumed units', (p) => p.e4Units && (p.e4Units.consumedUnits = 39)],
    ['company name', (p) => (p.customer.companyName = 'Contoso Ltd')],
    ['id letter case', (p) => (p.customer.id = 'CUST-1')],
  ];
  for (const [name, change] of irrelevant) {
    it(`stays the same when only the ${name} changes`, () => {
      const changed = plan();
      change(changed);
      assert.equal(planHash(changed), base);
    });
  }

  it('is a SHA-256 hex digest over canonical JSON', () => {
    assert.match(base, /^[0-9a-f]{64}$/);
    assert.equal(
      canonicalJson({ b: 1, a: [{ d: 2, c: null }], e: undefined }),
      '{"a":[{"c":null,"d":2}],"b":1}',
    );
  });
});
