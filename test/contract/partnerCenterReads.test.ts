import assert from 'node:assert/strict';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import type { Customer } from '../../src/services/partner-center/models.js';
import type { PagedResult } from '../../src/services/partner-center/paging.js';
import { subscriptionEndDate } from '../../src/services/subscriptions/subscriptionEndDate.js';
import { startPartnerCenterHarness, type PartnerCenterHarness } from '../helpers/partnerCenterHarness.js';

const E4_SKU = '1392051d-0cb9-4b7a-88d5-621fee5e8711';

describe('PartnerCenterClient reads, against the sandbox over HTTP', () => {
  let pc: PartnerCenterHarness;
  before(async () => {
    pc = await startPartnerCenterHarness();
  });
  after(async () => pc.close());

  it('walks every customer page by page and resumes from a continuation token', async () => {
    const all: Customer[] = [];
    for await (const customer of pc.app.listCustomers({ size: 3 })) all.push(customer);
    assert.equal(all.length, pc.sandbox.state.customers.length);
    assert.equal(new Set(all.map((c) => c.id)).size, all.length);
    assert.ok(all.some((c) => c.id === DemoIds.customers.contoso));

    const pages = pc.app.listCustomers({ size: 3 }).byPage();
    const first = await pages.next();
    assert.equal(first.done, false);
    const token = first.value.continuationToken;
    assert.ok(token, 'a first page of 3 has a continuation token');
    const resumed = await pc.app.listCustomers({ size: 3 }).byPage({ continuationToken: token }).next();
    assert.deepEqual(
      (resumed.value as PagedResult<Customer>).items.map((c) => c.id),
      all.slice(3, 6).map((c) => c.id),
    );
  });

  it('filters customers by name prefix, case-insensitively', async () => {
    const names: string[] = [];
    for await (const customer of pc.app.listCustomers({ filter: { field: 'CompanyName', value: 'fabri' } })) {
      names.push(customer.companyProfile.companyName);
    }
    assert.deepEqual(names.sort(), ['Fabrikam', 'Fabrikam Nordic AB'].sort());
  });

  it('gets a customer, and undefined for one that does not exist', async () => {
    const contoso = await pc.app.getCustomer(DemoIds.customers.contoso);
    assert.equal(contoso?.companyProfile.companyName.startsWith('Contoso'), true);
    assert.equal(await pc.app.getCustomer('00000000-0000-4000-8000-00000000dead'), undefined);
  });

  it("lists a customer's subscriptions with the fields the end-date rule needs", async () => {
    const subscriptions = await pc.app.listSubscriptions(DemoIds.customers.contoso);
    const e4 = subscriptions.find((s) => s.id === DemoIds.subscriptions.contosoE4);
    assert.ok(e4);
    assert.equal(e4.autoRenewEnabled, false);
    assert.ok(e4.attributes.etag);
    const end = subscriptionEndDate(e4, new Date());
    assert.equal(end.kind, 'known');
    const single = await pc.app.getSubscription(DemoIds.customers.contoso, e4.id);
    assert.equal(single?.id, e4.id);
    assert.equal(
      await pc.app.getSubscription(DemoIds.customers.contoso, '5b000000-0000-4000-8000-00000000dead'),
      undefined,
    );
  });

  it('reads subscribed SKUs, users page by page, one user and their licenses with a delegated token', async () => {
    const admin = pc.as();
    const skus = await admin.listSubscribedSkus(DemoIds.customers.contoso);
    const e4 = skus.find((sku) => sku.productSku.id === E4_SKU);
    assert.ok(e4, 'Contoso has E4 seats');
    assert.ok(e4.consumedUnits > 0);

    let count = 0;
    const pageSizes: number[] = [];
    for await (const page of admin.listCustomerUsers(DemoIds.customers.contoso, { size: 15 }).byPage()) {
      pageSizes.push(page.items.length);
      count += page.items.length;
    }
    assert.ok(pageSizes.length >= 2, 'more than one page');
    assert.ok(pageSizes.slice(0, -1).every((size) => size === 15));
    assert.equal(count, pc.sandbox.state.customer(DemoIds.customers.contoso)?.users.length);

    const user = await admin.getCustomerUser(
      DemoIds.customers.contoso,
      DemoIds.users.contosoWithExcludedPlan,
    );
    assert.equal(user?.id, DemoIds.users.contosoWithExcludedPlan);
    const licenses = await admin.listUserLicenses(
      DemoIds.customers.contoso,
      DemoIds.users.contosoWithExcludedPlan,
    );
    assert.deepEqual(
      licenses.map((license) => license.productSku.id),
      [E4_SKU],
    );
    assert.equal(
      await admin.getCustomerUser(DemoIds.customers.contoso, 'e0000000-0000-4000-8000-00000000dead'),
      undefined,
    );
  });

  it('tells whether a customer accepted the Microsoft Customer Agreement', async () => {
    const accepted = await pc.app.listCustomerAgreements(
      DemoIds.customers.contoso,
      'MicrosoftCustomerAgreement',
    );
    assert.ok(accepted.length >= 1);
    const missing = await pc.app.listCustomerAgreements(
      DemoIds.customers.hoogeveenZorg,
      'MicrosoftCustomerAgreement',
    );
    assert.deepEqual(missing, []);
  });

  it("reads products, SKUs and availabilities for a customer's market", async () => {
    const products = await pc.app.listProducts('SE');
    assert.ok(products.length >= 4);
    const product = products[0];
    assert.ok(product);
    const skus = await pc.app.listSkus('SE', product.id);
    const sku = skus[0];
    assert.ok(sku);
    const availabilities = await pc.app.listAvailabilities('SE', product.id, sku.id);
    assert.ok(availabilities.length >= 1);
    assert.match(availabilities[0]?.catalogItemId ?? '', new RegExp(`^${product.id}:${sku.id}:`));
  });

  it('reads a subscription provisioning status', async () => {
    const status = await pc.app.getSubscriptionProvisioningStatus(
      DemoIds.customers.contoso,
      DemoIds.subscriptions.contosoE4,
    );
    assert.equal(status?.status, 'success');
  });
});
