import assert from 'node:assert/strict';
import type {
  OptionAvailability,
  ResolvedProduct,
} from '../../../../src/services/migration/optionAvailability.js';
import { SandboxProducts } from '../../../../src/services/migration/optionCatalog.js';
import {
  buildOptionComparison,
  type OptionComparisonInput,
} from '../../../../src/services/migration/optionComparison.js';
import { parsePriceList } from '../../../../src/services/migration/priceList.js';
import type { OptionNumber } from '../../../../src/services/migration/replacementOptions.js';
import { customerId, subscription } from './fixtures.js';

const S = SandboxProducts;
const now = new Date('2026-11-23T10:00:00Z');
const productsOf: Record<OptionNumber, (typeof S)[keyof typeof S][]> = {
  1: [S.office365E5],
  2: [S.office365E3, S.teamsPhoneStandard],
  3: [S.office365E3, S.skypePlusCal],
  4: [S.office365E3],
};

/** Availabilities where the listed options are purchasable and the others miss their last product. */
function availabilities(purchasable: OptionNumber[]): OptionAvailability[] {
  return ([1, 2, 3, 4] as const).map((option) => {
    const products: ResolvedProduct[] = productsOf[option].map((product, index) => ({
      role: index === 0 ? 'base' : 'addOn',
      product,
      catalogItemId: `${product.productId}:0001:AVUS`,
      isSubstitute: false,
    }));
    if (purchasable.includes(option)) return { option, market: 'US', products, unsold: [] };
    const missing = products.pop();
    return {
      option,
      market: 'US',
      products,
      unsold: [
        {
          role: missing?.role ?? 'base',
          productId: missing?.product.productId ?? '',
          skuId: '0001',
          reason: 'notSoldInMarket',
        },
      ],
    };
  });
}

/** Monthly (P1Y, monthly billing) US prices per product id. */
function prices(entries: Partial<Record<keyof typeof S, number>>) {
  const rows = Object.entries(entries).map(
    ([key, price]) => `${S[key as keyof typeof S].productId},0001,US,USD,${price},P1Y,Monthly`,
  );
  return parsePriceList(
    ['ProductId,SkuId,Market,Currency,UnitPrice,TermDuration,BillingPlan', ...rows].join('\n'),
  );
}

const allPrices = prices({ office365E3: 23, office365E5: 38, teamsPhoneStandard: 10, skypePlusCal: 2 });

function input(overrides: Partial<OptionComparisonInput>): OptionComparisonInput {
  return {
    customerId,
    subscription: subscription({ quantity: 45, commitmentEndDate: '2026-12-14' }),
    usersOnE4: 40,
    availabilities: availabilities([1, 2, 3, 4]),
    now,
    ...overrides,
  };
}

describe('buildOptionComparison', () => {
  const table: {
    name: string;
    purchasable: OptionNumber[];
    priceList?: ReturnType<typeof prices>;
    expected: unknown;
  }[] = [
    {
      name: 'option 3 when purchasable',
      purchasable: [1, 2, 3, 4],
      priceList: allPrices,
      expected: { option: 3, reason: 'parity' },
    },
    { name: 'option 3 even without prices', purchasable: [3], expected: { option: 3, reason: 'parity' } },
    {
      name: 'the cheaper of 1 and 2 when 3 is not sold',
      purchasable: [1, 2, 4],
      priceList: allPrices,
      expected: { option: 2, reason: 'cheapestKeepingE4Features' },
    },
    {
      name: 'option 1 when it is the cheaper one',
      purchasable: [1, 2, 4],
      priceList: prices({ office365E3: 23, office365E5: 30, teamsPhoneStandard: 10 }),
      expected: { option: 1, reason: 'cheapestKeepingE4Features' },
    },
    {
      name: 'the fallback order when prices are unknown',
      purchasable: [1, 2, 4],
      expected: { option: 2, reason: 'fallbackOrderKeepingE4Features' },
    },
    {
      name: 'the fallback order when only some prices are known',
      purchasable: [1, 2, 4],
      priceList: prices({ office365E5: 30 }),
      expected: { option: 2, reason: 'fallbackOrderKeepingE4Features' },
    },
    {
      name: 'option 1 when it is the only one left',
      purchasable: [1, 4],
      expected: { option: 1, reason: 'fallbackOrderKeepingE4Features' },
    },
    {
      name: 'never option 4 (it drops E4 features)',
      purchasable: [4],
      priceList: allPrices,
      expected: undefined,
    },
  ];
  for (const row of table) {
    it(`recommends ${row.name}`, () => {
      const comparison = buildOptionComparison(
        input({ availabilities: availabilities(row.purchasable), priceList: row.priceList }),
      );
      assert.deepEqual(comparison.recommendation, row.expected);
    });
  }

  it("shows the customer's numbers and each option's price and features", () => {
    const comparison = buildOptionComparison(input({ priceList: allPrices }));
    assert.equal(comparison.usersOnE4, 40);
    assert.equal(comparison.seats, 45);
    assert.equal(comparison.lastServiceDay, '2026-12-13');
    assert.equal(comparison.daysLeft, 20);
    const three = comparison.options[2];
    assert.equal(three?.option, 3);
    assert.equal(three?.price?.monthlyPricePerUser, 25);
    assert.equal(three?.price?.monthlyTotal, 1000);
    assert.equal(three?.price?.currency, 'USD');
    assert.equal(three?.features.allE4Features, true);
    assert.equal(comparison.options[3]?.features.allE4Features, false);
  });

  it('spreads an annual price over twelve months', () => {
    const annual = parsePriceList(
      [
        'ProductId,SkuId,Market,Currency,UnitPrice,TermDuration,BillingPlan',
        `${S.office365E3.productId},0001,US,USD,276,P1Y,Annual`,
      ].join('\n'),
    );
    const comparison = buildOptionComparison(input({ priceList: annual, billingCycle: 'annual' }));
    assert.equal(comparison.options[3]?.price?.monthlyPricePerUser, 23);
    assert.equal(comparison.options[3]?.price?.unitPricePerBillingPeriod, 276);
  });

  it('gives no price to an option that cannot be bought, and no total without a user count', () => {
    const comparison = buildOptionComparison(
      input({ availabilities: availabilities([1, 2, 4]), priceList: allPrices, usersOnE4: undefined }),
    );
    assert.equal(comparison.options[2]?.isPurchasable, false);
    assert.equal(comparison.options[2]?.price, undefined);
    assert.equal(comparison.options[2]?.unsold[0]?.productId, S.skypePlusCal.productId);
    assert.equal(comparison.options[0]?.price?.monthlyTotal, undefined);
  });

  it('says the end date is unknown rather than guessing it', () => {
    const comparison = buildOptionComparison(
      input({
        subscription: subscription({ commitmentEndDate: '9999-12-31', billingCycleEndDate: undefined }),
      }),
    );
    assert.equal(comparison.lastServiceDay, undefined);
    assert.equal(comparison.daysLeft, undefined);
  });
});
