import type { FastifyInstance, FastifyRequest } from 'fastify';

import { licenseSku } from '../licensing/licenseSkus.js';
import { nextLink, pageSize, pageStart } from '../paging.js';
import { customerNotFound, ok, userNotFound, type PcResult } from '../pcErrors.js';
import type { SandboxRuntime } from '../runtime.js';
import { CustomerState } from '../state/customerState.js';
import { applyLicenseUpdate, parseLicenseUpdate } from '../state/licenseUpdates.js';
import type { UserRecord } from '../state/records.js';
import { skuUnitsOf } from '../state/skuUnits.js';
import { collection, link, toCustomerUser, toLicense, toSubscribedSku } from '../state/views.js';
import { registerPcRoute } from './pcRoute.js';
import { header, param, pathOf, query, queryAll, searchParamsOf } from './requestParts.js';

/**
 * The App+User-only routes (customer users, user licenses, license updates, subscribed SKUs). An
 * unknown customer is 404 60003 here, an unknown user 404 60002.
 */

function findCustomer(runtime: SandboxRuntime, request: FastifyRequest): CustomerState | PcResult {
  const customerId = param(request, 'customerId');
  return runtime.customer(customerId) ?? customerNotFound(customerId, true);
}

function findUser(
  runtime: SandboxRuntime,
  request: FastifyRequest,
): { customer: CustomerState; user: UserRecord } | PcResult {
  const customer = findCustomer(runtime, request);
  if (!(customer instanceof CustomerState)) return customer;
  const userId = param(request, 'userId');
  const user = customer.findUser(userId);
  return user ? { customer, user } : userNotFound(userId);
}

/** `?licenseGroupIds=Group1&licenseGroupIds=Group2`, as lower-case group ids; empty = all. */
function licenseGroupFilter(request: FastifyRequest): (skuId: string) => boolean {
  const groups = new Set(queryAll(request, 'licenseGroupIds').map((group) => group.toLowerCase()));
  return (skuId) => groups.size === 0 || groups.has(licenseSku(skuId)?.licenseGroupId ?? 'group1');
}

function listUsers(runtime: SandboxRuntime, request: FastifyRequest): PcResult {
  const customer = findCustomer(runtime, request);
  if (!(customer instanceof CustomerState)) return customer;
  const size = pageSize(query(request, 'size'), 100, 1000);
  if (typeof size !== 'number') return size;
  const start = pageStart(query(request, 'seekOperation'), header(request, 'ms-continuationtoken'));
  if (typeof start !== 'number') return start;
  const end = Math.min(customer.users.length, start + size);
  const items = customer.users.slice(start, end).map((user) => toCustomerUser(customer.id, user));
  const self = link(request.url);
  if (end >= customer.users.length) return ok(collection(items, { self }));
  const params = searchParamsOf(request);
  params.delete('seekOperation');
  return ok(collection(items, { self, next: nextLink(pathOf(request), params, end) }));
}

/** Registers the user-scoped routes. */
export function registerUserRoutes(app: FastifyInstance, runtime: SandboxRuntime): void {
  registerPcRoute(app, runtime, {
    method: 'GET',
    url: '/v1/customers/:customerId/users',
    family: 'reads',
    access: 'userOnly',
    handle: (request) => listUsers(runtime, request),
  });

  registerPcRoute(app, runtime, {
    method: 'GET',
    url: '/v1/customers/:customerId/users/:userId',
    family: 'reads',
    access: 'userOnly',
    handle: (request) => {
      const found = findUser(runtime, request);
      return 'user' in found ? ok(toCustomerUser(found.customer.id, found.user)) : found;
    },
  });

  registerPcRoute(app, runtime, {
    method: 'GET',
    url: '/v1/customers/:customerId/users/:userId/licenses',
    family: 'reads',
    access: 'userOnly',
    handle: (request) => {
      const found = findUser(runtime, request);
      if (!('user' in found)) return found;
      const units = skuUnitsOf(found.customer);
      const wanted = licenseGroupFilter(request);
      const licenses = found.user.licenses.filter((license) => wanted(license.skuId));
      return ok(collection(licenses.map((license) => toLicense(license, units))));
    },
  });

  registerPcRoute(app, runtime, {
    method: 'POST',
    url: '/v1/customers/:customerId/users/:userId/licenseupdates',
    family: 'licenseUpdates',
    access: 'userOnly',
    handle: (request, call) => {
      const found = findUser(runtime, request);
      if (!('user' in found)) return found;
      const input = parseLicenseUpdate(request.body);
      if (!input.ok) return input.error;
      return applyLicenseUpdate(found.customer, found.user, input.value, call, runtime.ledger);
    },
  });

  registerPcRoute(app, runtime, {
    method: 'GET',
    url: '/v1/customers/:customerId/subscribedskus',
    family: 'reads',
    access: 'userOnly',
    handle: (request) => {
      const customer = findCustomer(runtime, request);
      if (!(customer instanceof CustomerState)) return customer;
      const wanted = licenseGroupFilter(request);
      const nowMs = runtime.clock.nowMs();
      const lagMs = runtime.faults.consumedUnitsLagMs;
      const items = [...skuUnitsOf(customer).values()]
        .filter((units) => wanted(units.skuId))
        .map((units) => ({ units, consumed: customer.reportedConsumedUnits(units.skuId, nowMs, lagMs) }))
        // A SKU exists in the tenant once provisioned; a deleted one lingers while licenses still name it.
        .filter(({ units, consumed }) => units.isProvisioned && (units.hasLiveSubscription || consumed > 0))
        .map(({ units, consumed }) => toSubscribedSku(units, consumed));
      return ok(collection(items));
    },
  });
}
