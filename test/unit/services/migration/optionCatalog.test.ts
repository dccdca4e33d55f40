import assert from 'node:assert/strict';
import {
  SandboxProducts,
  optionProductsFor,
  parseOptionCatalog,
  productsOf,
  sandboxOptionCatalog,
} from '../../../../src/services/migration/optionCatalog.js';

const ref = (productId: string) => ({ productId, skuId: '0001', licenseSkuId: `lic-${productId}` });

describe('optionCatalog', () => {
  it('offers Microsoft 365 E3/E5 as substitutes for Office 365 E3/E5 in the sandbox catalog', () => {
    const S = SandboxProducts;
    assert.deepEqual(productsOf(sandboxOptionCatalog.options[1]), [S.office365E5, S.microsoft365E5]);
    assert.deepEqual(productsOf(sandboxOptionCatalog.options[2]), [
      S.office365E3,
      S.microsoft365E3,
      S.teamsPhoneStandard,
    ]);
    assert.deepEqual(productsOf(sandboxOptionCatalog.options[3]), [
      S.office365E3,
      S.microsoft365E3,
      S.skypePlusCal,
    ]);
    assert.deepEqual(productsOf(sandboxOptionCatalog.options[4]), [S.office365E3, S.microsoft365E3]);
  });

  it('loads a catalog from JSON, with per-market overrides', () => {
    const option = { base: { preferred: ref('E3') } };
    const catalog = parseOptionCatalog({
      options: { '1': { base: { preferred: ref('E5') } }, '2': option, '3': option, '4': option },
      markets: { be: { '3': { base: { preferred: ref('E3-BE') }, addOn: { preferred: ref('CAL') } } } },
    });
    assert.equal(optionProductsFor(catalog, 'SE', 3).base.preferred.productId, 'E3');
    assert.equal(optionProductsFor(catalog, 'be', 3).base.preferred.productId, 'E3-BE');
    assert.equal(optionProductsFor(catalog, 'BE', 1).base.preferred.productId, 'E5');
    assert.deepEqual(optionProductsFor(catalog, 'SE', 1).base.substitutes, []);
    assert.deepEqual(optionProductsFor(catalog, 'SE', 1).base.preferred.servicePlanNames, []);
  });

  it('refuses a catalog missing an option or a product id', () => {
    const option = { base: { preferred: ref('E3') } };
    assert.throws(() => parseOptionCatalog({ options: { '1': option, '2': option, '3': option } }));
    assert.throws(() =>
      parseOptionCatalog({
        options: { '1': option, '2': option, '3': option, '4': { base: { preferred: { skuId: '0001' } } } },
      }),
    );
  });
});
