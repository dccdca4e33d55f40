import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  emptyPriceList,
  monthsPerBillingPeriod,
  parseCsv,
  parsePriceList,
} from '../../../../src/services/migration/priceList.js';

const header =
  'ChangeIndicator,ProductTitle,ProductId,SkuId,SkuTitle,UnitPrice,Market,Currency,TermDuration,BillingPlan,EffectiveStartDate,EffectiveEndDate';

describe('priceList', () => {
  it('parses quoted fields with commas, doubled quotes and line breaks', () => {
    assert.deepEqual(parseCsv('a,"b, c","say ""hi""","two\nlines"\r\nx,,z'), [
      ['a', 'b, c', 'say "hi"', 'two\nlines'],
      ['x', '', 'z'],
    ]);
  });

  it('looks prices up by product, SKU, market, term and billing plan', () => {
    const list = parsePriceList(
      [
        header,
        'Unchanged,"Office 365 E3, annual",CFQ7TTC0LF8Q,0001,"E3 ""plan""",250.30,SE,SEK,P1Y,Monthly,,',
        'Unchanged,Office 365 E3,CFQ7TTC0LF8Q,0001,E3,3003.60,SE,SEK,P1Y,Annual,,',
      ].join('\r\n'),
    );
    const key = { productId: 'cfq7ttc0lf8q', skuId: '0001', market: 'se', termDuration: 'P1Y' };
    assert.deepEqual(list.find({ ...key, billingCycle: 'monthly' }), { unitPrice: 250.3, currency: 'SEK' });
    assert.deepEqual(list.find({ ...key, billingCycle: 'annual' }), { unitPrice: 3003.6, currency: 'SEK' });
    assert.equal(list.find({ ...key, market: 'NL', billingCycle: 'monthly' }), undefined);
    assert.equal(emptyPriceList.find({ ...key, billingCycle: 'monthly' }), undefined);
  });

  it('skips removed rows and picks the row in effect at the given instant', () => {
    const list = parsePriceList(
      [
        header,
        'Removed,E3,P,0001,E3,1.00,US,USD,P1Y,Monthly,,',
        'Unchanged,E3,P,0001,E3,20.00,US,USD,P1Y,Monthly,2025-01-01T00:00:00Z,2025-12-31T23:59:59Z',
        'Changed,E3,P,0001,E3,23.00,US,USD,P1Y,Monthly,2026-01-01T00:00:00Z,9999-12-31T23:59:59Z',
      ].join('\n'),
    );
    const key = {
      productId: 'P',
      skuId: '0001',
      market: 'US',
      termDuration: 'P1Y',
      billingCycle: 'monthly',
    } as const;
    assert.equal(list.find(key, new Date('2025-06-01'))?.unitPrice, 20);
    assert.equal(list.find(key, new Date('2026-06-01'))?.unitPrice, 23);
  });

  it('refuses a file without the columns it needs', () => {
    assert.throws(() => parsePriceList('ProductId,SkuId\nP,0001'), /Market/);
  });

  it('reads the sandbox demo price list', () => {
    const csv = readFileSync(
      new URL('../../../../sandbox/seeds/demo-price-list.csv', import.meta.url),
      'utf8',
    );
    const list = parsePriceList(csv);
    assert.ok(list.size > 0);
    const plusCal = {
      productId: 'CFQ7TTC0SPCL',
      skuId: '0001',
      termDuration: 'P1Y',
      billingCycle: 'monthly',
    } as const;
    assert.deepEqual(list.find({ ...plusCal, market: 'US' }), { unitPrice: 2, currency: 'USD' });
    assert.equal(list.find({ ...plusCal, market: 'BE' }), undefined);
  });

  it('spreads billing periods over months', () => {
    assert.deepEqual((['monthly', 'annual', 'triennial', 'none'] as const).map(monthsPerBillingPeriod), [
      1,
      12,
      36,
      undefined,
    ]);
  });
});
