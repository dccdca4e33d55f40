import type { FastifyInstance } from 'fastify';

import { customerNotFound, ok, pcError, PcErrorCode } from '../pcErrors.js';
import type { SandboxRuntime } from '../runtime.js';
import { checkoutCart, createCart } from '../state/purchasing.js';
import { collection, link, toOrder } from '../state/views.js';
import { registerPcRoute } from './pcRoute.js';
import { param } from './requestParts.js';

/** Carts (create, checkout) and orders (list, get): the `orders` route family. */
export function registerCommerceRoutes(app: FastifyInstance, runtime: SandboxRuntime): void {
  registerPcRoute(app, runtime, {
    method: 'POST',
    url: '/v1/customers/:customerId/carts',
    family: 'orders',
    access: 'appOrUser',
    handle: (request, call) => {
      const customer = runtime.customer(param(request, 'customerId'));
      if (!customer) return customerNotFound(param(request, 'customerId'), false);
      return createCart(customer, request.body, call, runtime.ledger);
    },
  });

  registerPcRoute(app, runtime, {
    method: 'POST',
    url: '/v1/customers/:customerId/carts/:cartId/checkout',
    family: 'orders',
    access: 'appOrUser',
    handle: (request, call) => {
      const customer = runtime.customer(param(request, 'customerId'));
      if (!customer) return customerNotFound(param(request, 'customerId'), false);
      return checkoutCart(
        customer,
        param(request, 'cartId'),
        call,
        runtime.ledger,
        runtime.faults.provisioningDelayMs,
      );
    },
  });

  registerPcRoute(app, runtime, {
    method: 'GET',
    url: '/v1/customers/:customerId/orders',
    family: 'orders',
    access: 'appOrUser',
    handle: (request) => {
      const customer = runtime.customer(param(request, 'customerId'));
      if (!customer) return customerNotFound(param(request, 'customerId'), false);
      const orders = [...customer.orders.values()].map((order) => toOrder(customer, order));
      return ok(collection(orders, { self: link(request.url) }));
    },
  });

  registerPcRoute(app, runtime, {
    method: 'GET',
    url: '/v1/customers/:customerId/orders/:orderId',
    family: 'orders',
    access: 'appOrUser',
    handle: (request) => {
      const customer = runtime.customer(param(request, 'customerId'));
      if (!customer) return customerNotFound(param(request, 'customerId'), false);
      const orderId = param(request, 'orderId');
      const order = customer.orders.get(orderId.toLowerCase());
      return order
        ? ok(toOrder(customer, order))
        : pcError(404, PcErrorCode.orderNotFound, `Order ${orderId} not found.`);
    },
  });
}
