import { isPartnerCenterError } from '../errors.js';
import type {
  Availability,
  Cart,
  CartCheckoutResult,
  Collection,
  Customer,
  CustomerAgreement,
  CustomerUser,
  License,
  LicenseUpdate,
  Order,
  Product,
  Sku,
  SubscribedSku,
  Subscription,
  SubscriptionPatch,
} from './models.js';
import { nextPageOf, pagedIterable, type NextPage, type PagedAsyncIterable } from './paging.js';
import type {
  LicenseChange,
  ListCustomersOptions,
  ListCustomerUsersOptions,
  NewCartLineItem,
  OperationOptions,
  PartnerCenter,
  SubscriptionProvisioningStatus,
  WriteOptions,
} from './partnerCenter.js';
import { PartnerCenterTransport, type AccessTokenSource } from './partnerCenterTransport.js';
import { RouteFamily } from './routeRateLimiter.js';

const segment = encodeURIComponent;

/**
 * Typed Partner Center v1 client for one credential (app-only, or one person's delegated token).
 * All instances share one transport, so pacing and retries hold across credentials.
 */
export class PartnerCenterClient implements PartnerCenter {
  constructor(
    private readonly transport: PartnerCenterTransport,
    private readonly credential: AccessTokenSource,
  ) {}

  listCustomers(options: ListCustomersOptions = {}): PagedAsyncIterable<Customer> {
    const query = new URLSearchParams({ size: String(options.size ?? 100) });
    if (options.filter) {
      query.set(
        'filter',
        JSON.stringify({ Field: options.filter.field, Value: options.filter.value, Operator: 'starts_with' }),
      );
    }
    return this.paged<Customer>(`/v1/customers?${query.toString()}`, RouteFamily.reads, options);
  }

  async getCustomer(customerId: string, options?: OperationOptions): Promise<Customer | undefined> {
    return this.getOrUndefined<Customer>(`/v1/customers/${segment(customerId)}`, RouteFamily.reads, options);
  }

  async listSubscriptions(customerId: string, options?: OperationOptions): Promise<Subscription[]> {
    return this.collectAll<Subscription>(`/v1/customers/${segment(customerId)}/subscriptions`, options);
  }

  async listSubscriptionsByOrder(
    customerId: string,
    orderId: string,
    options?: OperationOptions,
  ): Promise<Subscription[]> {
    const query = new URLSearchParams({ order_id: orderId });
    return this.collectAll<Subscription>(
      `/v1/customers/${segment(customerId)}/subscriptions?${query.toString()}`,
      options,
    );
  }

  async getSubscription(
    customerId: string,
    subscriptionId: string,
    options?: OperationOptions,
  ): Promise<Subscription | undefined> {
    return this.getOrUndefined<Subscription>(
      `/v1/customers/${segment(customerId)}/subscriptions/${segment(subscriptionId)}`,
      RouteFamily.subscriptions,
      options,
    );
  }

  async updateSubscription(
    customerId: string,
    current: Subscription,
    patch: SubscriptionPatch,
    options: WriteOptions = {},
  ): Promise<Subscription> {
    // Partner Center wants the whole resource back with the change, guarded by its eTag.
    const headers: Record<string, string> = {};
    if (current.attributes.etag) headers['If-Match'] = current.attributes.etag;
    const response = await this.transport.send<Subscription>({
      method: 'PATCH',
      path: `/v1/customers/${segment(customerId)}/subscriptions/${segment(current.id)}`,
      family: RouteFamily.subscriptions,
      body: { ...current, ...patch },
      headers,
      ...this.common(options),
    });
    return response.body;
  }

  async getSubscriptionProvisioningStatus(
    customerId: string,
    subscriptionId: string,
    options?: OperationOptions,
  ): Promise<SubscriptionProvisioningStatus | undefined> {
    return this.getOrUndefined<SubscriptionProvisioningStatus>(
      `/v1/customers/${segment(customerId)}/subscriptions/${segment(subscriptionId)}/provisioningstatus`,
      RouteFamily.subscriptions,
      options,
    );
  }

  async listSubscribedSkus(customerId: string, options?: OperationOptions): Promise<SubscribedSku[]> {
    return this.collectAll<SubscribedSku>(`/v1/customers/${segment(customerId)}/subscribedskus`, options);
  }

  listCustomerUsers(
    customerId: string,
    options: ListCustomerUsersOptions = {},
  ): PagedAsyncIterable<CustomerUser> {
    const query = new URLSearchParams({ size: String(options.size ?? 500) });
    return this.paged<CustomerUser>(
      `/v1/customers/${segment(customerId)}/users?${query.toString()}`,
      RouteFamily.reads,
      options,
    );
  }

  async getCustomerUser(
    customerId: string,
    userId: string,
    options?: OperationOptions,
  ): Promise<CustomerUser | undefined> {
    return this.getOrUndefined<CustomerUser>(
      `/v1/customers/${segment(customerId)}/users/${segment(userId)}`,
      RouteFamily.reads,
      options,
    );
  }

  async listUserLicenses(customerId: string, userId: string, options?: OperationOptions): Promise<License[]> {
    return this.collectAll<License>(
      `/v1/customers/${segment(customerId)}/users/${segment(userId)}/licenses`,
      options,
    );
  }

  async updateUserLicenses(
    customerId: string,
    userId: string,
    change: LicenseChange,
    options: WriteOptions = {},
  ): Promise<LicenseUpdate> {
    // Assign and remove in one call: the user never holds neither, and never both conflicting plans.
    const response = await this.transport.send<LicenseUpdate>({
      method: 'POST',
      path: `/v1/customers/${segment(customerId)}/users/${segment(userId)}/licenseupdates`,
      family: RouteFamily.licenseUpdates,
      body: {
        licensesToAssign: change.licensesToAssign,
        licensesToRemove: change.licensesToRemove.length > 0 ? change.licensesToRemove : null,
        attributes: { objectType: 'LicenseUpdate' },
      },
      ...this.common(options),
    });
    return response.body;
  }

  async createCart(
    customerId: string,
    lineItems: NewCartLineItem[],
    options: WriteOptions = {},
  ): Promise<Cart> {
    const response = await this.transport.send<Cart>({
      method: 'POST',
      path: `/v1/customers/${segment(customerId)}/carts`,
      family: RouteFamily.orders,
      body: { lineItems: lineItems.map((item, index) => ({ id: index, ...item })) },
      ...this.common(options),
    });
    return response.body;
  }

  async checkoutCart(
    customerId: string,
    cartId: string,
    options: WriteOptions = {},
  ): Promise<CartCheckoutResult> {
    const response = await this.transport.send<CartCheckoutResult>({
      method: 'POST',
      path: `/v1/customers/${segment(customerId)}/carts/${segment(cartId)}/checkout`,
      family: RouteFamily.orders,
      ...this.common(options),
    });
    return response.body;
  }

  async listOrders(customerId: string, options?: OperationOptions): Promise<Order[]> {
    return this.collectAll<Order>(`/v1/customers/${segment(customerId)}/orders`, options, RouteFamily.orders);
  }

  async getOrder(
    customerId: string,
    orderId: string,
    options?: OperationOptions,
  ): Promise<Order | undefined> {
    return this.getOrUndefined<Order>(
      `/v1/customers/${segment(customerId)}/orders/${segment(orderId)}`,
      RouteFamily.orders,
      options,
    );
  }

  async listCustomerAgreements(
    customerId: string,
    agreementType: CustomerAgreement['agreementType'],
    options?: OperationOptions,
  ): Promise<CustomerAgreement[]> {
    const query = new URLSearchParams({ agreementType });
    return this.collectAll<CustomerAgreement>(
      `/v1/customers/${segment(customerId)}/agreements?${query.toString()}`,
      options,
    );
  }

  async listProducts(country: string, options?: OperationOptions): Promise<Product[]> {
    const query = new URLSearchParams({ country, targetView: 'OnlineServices' });
    return this.collectAll<Product>(`/v1/products?${query.toString()}`, options);
  }

  async listSkus(country: string, productId: string, options?: OperationOptions): Promise<Sku[]> {
    const query = new URLSearchParams({ country });
    return this.collectAll<Sku>(`/v1/products/${segment(productId)}/skus?${query.toString()}`, options);
  }

  async listAvailabilities(
    country: string,
    productId: string,
    skuId: string,
    options?: OperationOptions,
  ): Promise<Availability[]> {
    const query = new URLSearchParams({ country });
    return this.collectAll<Availability>(
      `/v1/products/${segment(productId)}/skus/${segment(skuId)}/availabilities?${query.toString()}`,
      options,
    );
  }

  /** What every request carries; `requestId` only writes set (reads get a fresh one per operation). */
  private common(options: WriteOptions = {}) {
    return {
      credential: this.credential,
      correlationId: options.correlationId,
      abortSignal: options.abortSignal,
      requestId: options.requestId,
    };
  }

  private async getOrUndefined<T>(
    path: string,
    family: RouteFamily,
    options?: OperationOptions,
  ): Promise<T | undefined> {
    try {
      const response = await this.transport.send<T>({ method: 'GET', path, family, ...this.common(options) });
      return response.body;
    } catch (error) {
      if (isPartnerCenterError(error) && error.status === 404) return undefined;
      throw error;
    }
  }

  private fetchPage<T>(family: RouteFamily, options?: OperationOptions) {
    return async (page: NextPage): Promise<{ items: T[]; next?: NextPage }> => {
      const headers: Record<string, string> = {};
      if (page.continuationHeader) headers['MS-ContinuationToken'] = page.continuationHeader;
      const response = await this.transport.send<Collection<T>>({
        method: 'GET',
        path: page.path,
        family,
        headers,
        ...this.common(options),
      });
      return {
        items: response.body.items,
        next: nextPageOf(response.body, (uri) => PartnerCenterTransport.pathOfLink(uri)),
      };
    };
  }

  private paged<T>(path: string, family: RouteFamily, options?: OperationOptions): PagedAsyncIterable<T> {
    return pagedIterable<T>({ path }, this.fetchPage<T>(family, options));
  }

  /** Collections Partner Center returns whole (they may still page; all pages are read). */
  private async collectAll<T>(
    path: string,
    options?: OperationOptions,
    family: RouteFamily = RouteFamily.reads,
  ): Promise<T[]> {
    const all: T[] = [];
    for await (const item of this.paged<T>(path, family, options)) all.push(item);
    return all;
  }
}
