import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { Customer, CustomerAgreement } from '../../src/services/partner-center/models.js';
import { nextLink, pageSize, pageStart } from '../paging.js';
import { customerNotFound, invalidInput, ok, type PcResult } from '../pcErrors.js';
import type { SandboxRuntime } from '../runtime.js';
import type { CustomerState } from '../state/customerState.js';
import { collection, link, toCustomer } from '../state/views.js';
import { lowerKeys } from '../wireInput.js';
import { registerPcRoute } from './pcRoute.js';
import { header, param, pathOf, query, searchParamsOf } from './requestParts.js';

/** Template id the sandbox gives the Microsoft Customer Agreement (its own, not Microsoft's). */
export const customerAgreementTemplateId = '117a32f8-0000-4e32-9ee0-5e0e0f83e1f8';

type CustomerFilter = (customer: CustomerState) => boolean;

/** Reads `filter={"Field":"CompanyName"|"Domain","Value":"…","Operator":"starts_with"}` (case-insensitive). */
function parseFilter(raw: string | undefined): CustomerFilter | undefined | PcResult {
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return invalidInput('filter must be JSON: {"Field":"CompanyName","Value":"…","Operator":"starts_with"}.');
  }
  const fields = lowerKeys(parsed);
  const field = typeof fields?.field === 'string' ? fields.field.toLowerCase() : '';
  const value = typeof fields?.value === 'string' ? fields.value.toLocaleLowerCase() : undefined;
  const operator = typeof fields?.operator === 'string' ? fields.operator.toLowerCase() : '';
  if (value === undefined || operator !== 'starts_with' || (field !== 'companyname' && field !== 'domain')) {
    return invalidInput('filter needs Field CompanyName or Domain, a string Value and Operator starts_with.');
  }
  return field === 'domain'
    ? (customer) => customer.domain.toLocaleLowerCase().startsWith(value)
    : (customer) => customer.companyName.toLocaleLowerCase().startsWith(value);
}

/**
 * One page of customers. The continuation token holds the index in the customer list to continue
 * from, so walking 10,000 customers (filtered or not) scans the list once in total.
 */
function listCustomers(runtime: SandboxRuntime, request: FastifyRequest): PcResult {
  const size = pageSize(query(request, 'size'), 100, 1000);
  if (typeof size !== 'number') return size;
  const filter = parseFilter(query(request, 'filter'));
  if (filter !== undefined && typeof filter !== 'function') return filter;
  const start = pageStart(query(request, 'seekOperation'), header(request, 'ms-continuationtoken'));
  if (typeof start !== 'number') return start;
  const all = runtime.state.customers;
  const items: Customer[] = [];
  let index = start;
  for (; index < all.length; index++) {
    const customer = all[index];
    if (!customer || (filter && !filter(customer))) continue;
    if (items.length === size) break;
    items.push(toCustomer(customer));
  }
  const self = link(request.url);
  if (index >= all.length) return ok(collection(items, { self }));
  const params = searchParamsOf(request);
  params.delete('seekOperation');
  return ok(collection(items, { self, next: nextLink(pathOf(request), params, index) }));
}

/** Customers, one customer, and its agreements. */
export function registerCustomerRoutes(app: FastifyInstance, runtime: SandboxRuntime): void {
  registerPcRoute(app, runtime, {
    method: 'GET',
    url: '/v1/customers',
    family: 'reads',
    access: 'appOrUser',
    handle: (request) => listCustomers(runtime, request),
  });

  registerPcRoute(app, runtime, {
    method: 'GET',
    url: '/v1/customers/:customerId',
    family: 'reads',
    access: 'appOrUser',
    handle: (request) => {
      const customer = runtime.customer(param(request, 'customerId'));
      return customer ? ok(toCustomer(customer)) : customerNotFound(param(request, 'customerId'), false);
    },
  });

  registerPcRoute(app, runtime, {
    method: 'GET',
    url: '/v1/customers/:customerId/agreements',
    family: 'reads',
    access: 'appOrUser',
    handle: (request) => {
      const customer = runtime.customer(param(request, 'customerId'));
      if (!customer) return customerNotFound(param(request, 'customerId'), false);
      const wanted = query(request, 'agreementType');
      const items: CustomerAgreement[] = [];
      const matches = wanted === undefined || wanted.toLowerCase() === 'microsoftcustomeragreement';
      if (customer.hasAcceptedAgreement && matches) {
        items.push({
          templateId: customerAgreementTemplateId,
          agreementType: 'MicrosoftCustomerAgreement',
          dateAgreed: customer.agreementDate,
          primaryContact: { firstName: 'Demo', lastName: 'Contact', email: `it@${customer.domain}` },
          attributes: { objectType: 'Agreement' },
        });
      }
      return ok(collection(items));
    },
  });
}
