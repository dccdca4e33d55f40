import assert from 'node:assert/strict';

import type {
  Availability,
  Collection,
  Customer,
  Product,
  Sku,
} from '../../src/services/partner-center/models.js';
import { catalogItemIdOf } from '../../sandbox/catalog.js';
import { customerAgreementTemplateId } from '../../sandbox/routes/customers.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import type { RunningSandbox } from '../../sandbox/server.js';
import { appToken, call, errorBody, ledger, startTestSandbox } from './helpers.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Walks every page of a collection the way the client does: links.next + MS-ContinuationToken. */
async function walk<T>(
  sandbox: RunningSandbox,
  first: string,
): Promise<{ pages: Collection<T>[]; items: T[] }> {
  const pages: Collection<T>[] = [];
  let path: string | undefined = first;
  let token: string | undefined;
  while (path) {
    const answer: { status: number; body: Collection<T> } = await call<Collection<T>>(sandbox, 'GET', path, {
      token: appToken,
      headers: token ? { 'MS-ContinuationToken': token } : {},
    });
    assert.equal(answer.status, 200);
    pages.push(answer.body);
    const next = answer.body.links?.next;
    path = next?.uri;
    token = next?.headers.find((h) => h.key === 'MS-ContinuationToken')?.value;
  }
  return { pages, items: pages.flatMap((page) => page.items) };
}

const filterQuery = (field: string, value: string) =>
  encodeURIComponent(JSON.stringify({ Field: field, Value: value, Operator: 'starts_with' }));

describe('sandbox customers, agreements and catalog', () => {
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());

  it('pages through every customer with links.next and MS-ContinuationToken', async () => {
    const { pages, items } = await walk<Customer>(sandbox, '/v1/customers?size=3');
    assert.equal(items.length, sandbox.state.customers.length);
    assert.deepEqual(
      items.map((c) => c.id),
      sandbox.state.customers.map((c) => c.id),
    );
    assert.equal(pages.length, Math.ceil(items.length / 3));
    for (const page of pages) assert.equal(page.totalCount, page.items.length);
    assert.equal(pages.at(-1)?.links?.next, undefined);
    assert.match(pages[0]?.links?.next?.uri ?? '', /^\/v1\/customers\?size=3&seekOperation=Next$/);
  });

  it('filters by company name prefix, case-insensitively, accents included', async () => {
    const fab = await walk<Customer>(
      sandbox,
      `/v1/customers?size=1&filter=${filterQuery('CompanyName', 'FAB')}`,
    );
    assert.deepEqual(
      fab.items.map((c) => c.companyProfile.companyName),
      ['Fabrikam', 'Fabrikam Nordic AB'],
    );
    assert.equal(fab.pages.length, 2);
    const alands = await walk<Customer>(
      sandbox,
      `/v1/customers?filter=${filterQuery('CompanyName', 'åland')}`,
    );
    assert.deepEqual(
      alands.items.map((c) => c.id),
      [DemoIds.customers.alandsStrom],
    );
    const byDomain = await walk<Customer>(
      sandbox,
      `/v1/customers?filter=${filterQuery('Domain', 'contoso.')}`,
    );
    assert.deepEqual(
      byDomain.items.map((c) => c.id),
      [DemoIds.customers.contoso],
    );
  });

  it('refuses a filter with another operator', async () => {
    const filter = encodeURIComponent(
      JSON.stringify({ Field: 'CompanyName', Value: 'a', Operator: 'contains' }),
    );
    const answer = await call(sandbox, 'GET', `/v1/customers?filter=${filter}`, { token: appToken });
    assert.equal(answer.status, 400);
    assert.deepEqual(
      answer.body,
      errorBody(3000, 'filter needs Field CompanyName or Domain, a string Value and Operator starts_with.'),
    );
  });

  it('gets one customer, and answers 404 code 1000 for an unknown one', async () => {
    const found = await call<Customer>(sandbox, 'GET', `/v1/customers/${DemoIds.customers.fabrikamNordic}`);
    assert.equal(found.status, 200);
    assert.equal(found.body.companyProfile.companyName, 'Fabrikam Nordic AB');
    assert.equal(found.body.billingProfile?.defaultAddress?.country, 'SE');
    assert.equal(found.body.billingProfile?.culture, 'sv-SE');
    assert.equal(found.body.attributes.objectType, 'Customer');
    const unknown = '00000000-0000-4000-8000-000000000999';
    const missing = await call(sandbox, 'GET', `/v1/customers/${unknown}`);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, errorBody(1000, `Customer ${unknown} not found.`));
  });

  it('echoes MS-RequestId and MS-CorrelationId, and makes them up when absent', async () => {
    const echoed = await call(sandbox, 'GET', '/v1/customers?size=1', {
      headers: { 'MS-RequestId': 'req-1', 'MS-CorrelationId': 'corr-1' },
    });
    assert.equal(echoed.headers.get('ms-requestid'), 'req-1');
    assert.equal(echoed.headers.get('ms-correlationid'), 'corr-1');
    const generated = await call(sandbox, 'GET', '/v1/customers?size=1');
    assert.match(generated.headers.get('ms-requestid') ?? '', uuid);
    assert.match(generated.headers.get('ms-correlationid') ?? '', uuid);
  });

  it('lists the Microsoft Customer Agreement only for customers who accepted it', async () => {
    const path = (id: string) => `/v1/customers/${id}/agreements?agreementType=MicrosoftCustomerAgreement`;
    const accepted = await call<Collection<{ agreementType: string; templateId: string }>>(
      sandbox,
      'GET',
      path(DemoIds.customers.contoso),
      { token: appToken },
    );
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.totalCount, 1);
    assert.equal(accepted.body.items[0]?.agreementType, 'MicrosoftCustomerAgreement');
    assert.equal(accepted.body.items[0]?.templateId, customerAgreementTemplateId);
    const notAccepted = await call<Collection<unknown>>(
      sandbox,
      'GET',
      path(DemoIds.customers.hoogeveenZorg),
    );
    assert.deepEqual(notAccepted.body.items, []);
  });

  it('sells the Plus CAL add-on in SE but not in BE', async () => {
    const se = await call<Collection<Product>>(
      sandbox,
      'GET',
      '/v1/products?country=SE&targetView=OnlineServices',
    );
    const be = await call<Collection<Product>>(
      sandbox,
      'GET',
      '/v1/products?country=BE&targetView=OnlineServices',
    );
    const titles = (page: Collection<Product>) => page.items.map((p) => p.title);
    assert.ok(titles(se.body).includes('Skype for Business Plus CAL'));
    assert.ok(!titles(be.body).includes('Skype for Business Plus CAL'));
    assert.ok(!titles(se.body).includes('Office 365 E4'), 'E4 is retired and never listed');
    const [productId] = catalogItemIdOf('skypePlusCal', 'SE').split(':');
    const beSkus = await call<Collection<Sku>>(sandbox, 'GET', `/v1/products/${productId}/skus?country=BE`);
    assert.deepEqual(beSkus.body.items, []);
    const seAvailabilities = await call<Collection<Availability>>(
      sandbox,
      'GET',
      `/v1/products/${productId}/skus/0001/availabilities?country=SE`,
    );
    assert.equal(seAvailabilities.body.items[0]?.catalogItemId, catalogItemIdOf('skypePlusCal', 'SE'));
    const noCountry = await call(sandbox, 'GET', '/v1/products');
    assert.equal(noCountry.status, 400);
  });

  it('refuses a call without a token with 401, WWW-Authenticate, and records it', async () => {
    const answer = await call(sandbox, 'GET', '/v1/customers', {
      token: null,
      headers: { 'MS-RequestId': 'no-token' },
    });
    assert.equal(answer.status, 401);
    assert.deepEqual(answer.body, errorBody(900401, 'A bearer token is required.'));
    assert.equal(
      answer.headers.get('www-authenticate'),
      `OAuth realm=urn:cpsvc:cpid:${DemoIds.partnerTenantId}`,
    );
    const refused = (await ledger(sandbox, { kind: 'refused' })).filter((e) => e.requestId === 'no-token');
    assert.equal(refused.length, 1);
    assert.equal(refused[0]?.kind === 'refused' && refused[0].status, 401);
  });

  it('refuses app-only tokens on App+User routes and users without MFA', async () => {
    const users = `/v1/customers/${DemoIds.customers.contoso}/users`;
    const appOnly = await call(sandbox, 'GET', users, { token: appToken });
    assert.equal(appOnly.status, 403);
    assert.equal((appOnly.body as { code: number }).code, 900411);
    assert.equal(appOnly.headers.get('www-authenticate'), null);
    const noMfa = await call(sandbox, 'GET', users, {
      token: `Bearer user:${DemoIds.partnerUsers.adminAgentWithoutMfa}:nomfa`,
    });
    assert.equal(noMfa.status, 401);
    assert.equal((noMfa.body as { code: number }).code, 900421);
    const subscriptions = await call(
      sandbox,
      'GET',
      `/v1/customers/${DemoIds.customers.contoso}/subscriptions`,
      {
        token: appToken,
      },
    );
    assert.equal(subscriptions.status, 200, 'app-only tokens may read subscriptions');
  });

  it('answers unknown routes with a Partner Center 404 body', async () => {
    const answer = await call(sandbox, 'GET', '/v1/nothing-here');
    assert.equal(answer.status, 404);
    assert.equal((answer.body as { source: string }).source, 'PartnerFD');
  });
});
