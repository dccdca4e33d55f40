import assert from 'node:assert/strict';
import { PartnerCenterError } from '../../../../src/services/errors.js';
import {
  OptionAvailabilityResolver,
  isPurchasable,
} from '../../../../src/services/migration/optionAvailability.js';
import { SandboxProducts, sandboxOptionCatalog } from '../../../../src/services/migration/optionCatalog.js';
import { FakePartnerCenter } from './fakePartnerCenter.js';
import { customer } from './fixtures.js';

const S = SandboxProducts;

describe('OptionAvailabilityResolver', () => {
  it('returns the catalog item ids to buy when every product is sold', async () => {
    const pc = new FakePartnerCenter(customer());
    pc.sell('SE', S.office365E3.productId);
    pc.sell('SE', S.teamsPhoneStandard.productId);
    const resolved = await new OptionAvailabilityResolver(pc, sandboxOptionCatalog).resolve('se', 2);
    assert.ok(isPurchasable(resolved));
    assert.equal(resolved.market, 'SE');
    assert.deepEqual(
      resolved.products.map((product) => [product.role, product.catalogItemId, product.isSubstitute]),
      [
        ['base', `${S.office365E3.productId}:0001:AVSE`, false],
        ['addOn', `${S.teamsPhoneStandard.productId}:0001:AVSE`, false],
      ],
    );
  });

  it('uses a substitute when the preferred product is not sold, and says what is not sold', async () => {
    const pc = new FakePartnerCenter(customer());
    pc.sell('BE', S.microsoft365E3.productId);
    const resolved = await new OptionAvailabilityResolver(pc, sandboxOptionCatalog).resolve('BE', 3);
    assert.equal(isPurchasable(resolved), false);
    assert.deepEqual(
      resolved.products.map((product) => [product.product.productId, product.isSubstitute]),
      [[S.microsoft365E3.productId, true]],
    );
    assert.deepEqual(resolved.unsold, [
      { role: 'addOn', productId: S.skypePlusCal.productId, skuId: '0001', reason: 'notSoldInMarket' },
    ]);
  });

  it('tells a term that is not offered from a product that is not sold', async () => {
    const pc = new FakePartnerCenter(customer());
    pc.sell('US', S.office365E3.productId);
    pc.sell('US', S.microsoft365E3.productId);
    const resolved = await new OptionAvailabilityResolver(pc, sandboxOptionCatalog).resolve('US', 4, {
      termDuration: 'P3Y',
    });
    assert.deepEqual(
      resolved.unsold.map((product) => product.reason),
      ['termNotOffered'],
    );
  });

  it('asks about each product once per resolver, and reads a 404 as not sold', async () => {
    const pc = new FakePartnerCenter(customer());
    pc.sell('NL', S.office365E3.productId);
    pc.listAvailabilities = (country: string, productId: string) => {
      pc.calls.push(`listAvailabilities ${country} ${productId}`);
      if (productId === S.skypePlusCal.productId) {
        return Promise.reject(
          new PartnerCenterError({
            status: 404,
            description: 'not found',
            requestId: 'r',
            correlationId: 'c',
            method: 'GET',
            path: '/v1/products',
          }),
        );
      }
      return Promise.resolve(pc.availabilities.get(`${country}|${productId}|0001`) ?? []);
    };
    const resolver = new OptionAvailabilityResolver(pc, sandboxOptionCatalog);
    const [three, four] = await Promise.all([resolver.resolve('NL', 3), resolver.resolve('NL', 4)]);
    assert.equal(three.unsold[0]?.productId, S.skypePlusCal.productId);
    assert.ok(isPurchasable(four));
    assert.equal(pc.calls.filter((call) => call.includes(S.office365E3.productId)).length, 1);
  });
});
