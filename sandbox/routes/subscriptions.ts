import type { FastifyInstance, FastifyRequest } from 'fastify';

import { customerNotFound, ok, subscriptionNotFound, type PcResult } from '../pcErrors.js';
import type { SandboxRuntime } from '../runtime.js';
import type { CustomerState } from '../state/customerState.js';
import type { SubscriptionRecord } from '../state/records.js';
import { parseSubscriptionPatch, patchSubscription } from '../state/subscriptionUpdates.js';
import { collection, link, toSubscription } from '../state/views.js';
import { registerPcRoute } from './pcRoute.js';
import { header, param, query } from './requestParts.js';

type Found = { customer: CustomerState; sub: SubscriptionRecord };

function findSubscription(runtime: SandboxRuntime, request: FastifyRequest): Found | PcResult {
  const customerId = param(request, 'customerId');
  const customer = runtime.customer(customerId);
  if (!customer) return customerNotFound(customerId, false);
  const subscriptionId = param(request, 'subscriptionId');
  const sub = customer.findSubscription(subscriptionId);
  return sub ? { customer, sub } : subscriptionNotFound(subscriptionId);
}

/** Subscriptions: list (optionally by order), get, PATCH, provisioning status. */
export function registerSubscriptionRoutes(app: FastifyInstance, runtime: SandboxRuntime): void {
  registerPcRoute(app, runtime, {
    method: 'GET',
    url: '/v1/customers/:customerId/subscriptions',
    family: 'reads',
    access: 'appOrUser',
    handle: (request) => {
      const customer = runtime.customer(param(request, 'customerId'));
      if (!customer) return customerNotFound(param(request, 'customerId'), false);
      const orderId = query(request, 'order_id')?.toLowerCase();
      const subs = [...customer.subscriptions.values()].filter(
        (sub) => orderId === undefined || sub.orderId?.toLowerCase() === orderId,
      );
      return ok(
        collection(
          subs.map((sub) => toSubscription(customer.id, sub)),
          { self: link(request.url) },
        ),
      );
    },
  });

  registerPcRoute(app, runtime, {
    method: 'GET',
    url: '/v1/customers/:customerId/subscriptions/:subscriptionId',
    family: 'subscriptions',
    access: 'appOrUser',
    handle: (request) => {
      const found = findSubscription(runtime, request);
      return 'sub' in found ? ok(toSubscription(found.customer.id, found.sub)) : found;
    },
  });

  registerPcRoute(app, runtime, {
    method: 'PATCH',
    url: '/v1/customers/:customerId/subscriptions/:subscriptionId',
    family: 'subscriptions',
    access: 'appOrUser',
    handle: (request, call) => {
      const found = findSubscription(runtime, request);
      if (!('sub' in found)) return found;
      const input = parseSubscriptionPatch(request.body);
      if (!input.ok) return input.error;
      return patchSubscription(
        found.customer,
        found.sub,
        input.value,
        header(request, 'if-match'),
        call,
        runtime.ledger,
      );
    },
  });

  registerPcRoute(app, runtime, {
    method: 'GET',
    url: '/v1/customers/:customerId/subscriptions/:subscriptionId/provisioningstatus',
    family: 'subscriptions',
    access: 'appOrUser',
    handle: (request) => {
      const found = findSubscription(runtime, request);
      if (!('sub' in found)) return found;
      const { sub } = found;
      return ok({
        skuId: (sub.licenseSkuId ?? '').toUpperCase(),
        status: sub.status === 'pending' ? 'pending' : 'success',
        quantity: sub.quantity,
        endDate: sub.commitmentEndDate,
        attributes: { objectType: 'SubscriptionProvisioningStatus' },
      });
    },
  });
}
