import type { FastifyInstance } from 'fastify';

import { availabilitiesIn, productsIn, skusIn } from '../catalog.js';
import { invalidInput, ok, pcError, PcErrorCode } from '../pcErrors.js';
import type { SandboxRuntime } from '../runtime.js';
import { collection } from '../state/views.js';
import { registerPcRoute } from './pcRoute.js';
import { param, query } from './requestParts.js';

const countryRequired = invalidInput('The country query parameter is required (ISO 3166 alpha-2, e.g. SE).');

/** The new-commerce catalog per market: products, their SKUs, and SKU availabilities. */
export function registerProductRoutes(app: FastifyInstance, runtime: SandboxRuntime): void {
  registerPcRoute(app, runtime, {
    method: 'GET',
    url: '/v1/products',
    family: 'reads',
    access: 'appOrUser',
    handle: (request) => {
      const country = query(request, 'country');
      return country ? ok(collection(productsIn(country))) : countryRequired;
    },
  });

  registerPcRoute(app, runtime, {
    method: 'GET',
    url: '/v1/products/:productId/skus',
    family: 'reads',
    access: 'appOrUser',
    handle: (request) => {
      const country = query(request, 'country');
      if (!country) return countryRequired;
      const skus = skusIn(param(request, 'productId'), country);
      return skus
        ? ok(collection(skus))
        : pcError(404, PcErrorCode.notFound, `Product ${param(request, 'productId')} not found.`);
    },
  });

  registerPcRoute(app, runtime, {
    method: 'GET',
    url: '/v1/products/:productId/skus/:skuId/availabilities',
    family: 'reads',
    access: 'appOrUser',
    handle: (request) => {
      const country = query(request, 'country');
      if (!country) return countryRequired;
      const found = availabilitiesIn(param(request, 'productId'), param(request, 'skuId'), country);
      return found
        ? ok(collection(found))
        : pcError(
            404,
            PcErrorCode.notFound,
            `Product SKU ${param(request, 'productId')}:${param(request, 'skuId')} not found.`,
          );
    },
  });
}
