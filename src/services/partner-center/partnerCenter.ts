import type {
  Availability,
  Cart,
  CartCheckoutResult,
  CartLineItem,
  Customer,
  CustomerAgreement,
  CustomerUser,
  License,
  LicenseAssignment,
  LicenseUpdate,
  Order,
  Product,
  Sku,
  SubscribedSku,
  Subscription,
  SubscriptionPatch,
} from './models.js';
import type { PagedAsyncIterable } from './paging.js';

/** Options every Partner Center operation takes. */
export interface OperationOptions {
  abortSignal?: AbortSignal;
  /** `MS-CorrelationId`: one per migration, or per conversation turn for reads. */
  correlationId?: string;
}

/** Options of operations that change something. */
export interface WriteOptions extends OperationOptions {
  /**
   * `MS-RequestId`, the operation's idempotency key, reused on every retry. Pass a derived one
   * (`deriveRequestId(migrationId, step, …)`) when the operation must be recognisable after a crash.
   */
  requestId?: string;
}

export interface ListCustomersOptions extends OperationOptions {
  /** Page size. Default 100. */
  size?: number;
  /** Partner Center supports only `starts_with`, case-insensitive. */
  filter?: { field: 'CompanyName' | 'Domain'; value: string };
}

export interface ListCustomerUsersOptions extends OperationOptions {
  /** Page size. Default 500. */
  size?: number;
}

export interface LicenseChange {
  licensesToAssign: LicenseAssignment[];
  /** Entra skuIds to remove in the same call (so the user is never without a license). */
  licensesToRemove: string[];
}

/** New-commerce cart line as the caller describes it; the client numbers the lines. */
export type NewCartLineItem = Omit<CartLineItem, 'id' | 'currencyCode' | 'orderGroup' | 'error'>;

export interface SubscriptionProvisioningStatus {
  skuId: string;
  status: 'success' | 'pending' | 'failed';
  quantity: number;
  endDate?: string;
}

/**
 * The Partner Center operations this product uses (shared/reference/partner-center-api.md).
 * `get…` of something that does not exist returns `undefined`; every other failure throws
 * `PartnerCenterError`. `list…` of a paged collection returns an async iterable.
 */
export interface PartnerCenter {
  listCustomers(options?: ListCustomersOptions): PagedAsyncIterable<Customer>;
  getCustomer(customerId: string, options?: OperationOptions): Promise<Customer | undefined>;
  listSubscriptions(customerId: string, options?: OperationOptions): Promise<Subscription[]>;
  listSubscriptionsByOrder(
    customerId: string,
    orderId: string,
    options?: OperationOptions,
  ): Promise<Subscription[]>;
  getSubscription(
    customerId: string,
    subscriptionId: string,
    options?: OperationOptions,
  ): Promise<Subscription | undefined>;
  /** Sends the full resource with `patch` applied and `If-Match` set to its eTag. */
  updateSubscription(
    customerId: string,
    current: Subscription,
    patch: SubscriptionPatch,
    options?: WriteOptions,
  ): Promise<Subscription>;
  getSubscriptionProvisioningStatus(
    customerId: string,
    subscriptionId: string,
    options?: OperationOptions,
  ): Promise<SubscriptionProvisioningStatus | undefined>;
  listSubscribedSkus(customerId: string, options?: OperationOptions): Promise<SubscribedSku[]>;
  listCustomerUsers(customerId: string, options?: ListCustomerUsersOptions): PagedAsyncIterable<CustomerUser>;
  getCustomerUser(
    customerId: string,
    userId: string,
    options?: OperationOptions,
  ): Promise<CustomerUser | undefined>;
  listUserLicenses(customerId: string, userId: string, options?: OperationOptions): Promise<License[]>;
  updateUserLicenses(
    customerId: string,
    userId: string,
    change: LicenseChange,
    options?: WriteOptions,
  ): Promise<LicenseUpdate>;
  createCart(customerId: string, lineItems: NewCartLineItem[], options?: WriteOptions): Promise<Cart>;
  checkoutCart(customerId: string, cartId: string, options?: WriteOptions): Promise<CartCheckoutResult>;
  listOrders(customerId: string, options?: OperationOptions): Promise<Order[]>;
  getOrder(customerId: string, orderId: string, options?: OperationOptions): Promise<Order | undefined>;
  listCustomerAgreements(
    customerId: string,
    agreementType: CustomerAgreement['agreementType'],
    options?: OperationOptions,
  ): Promise<CustomerAgreement[]>;
  listProducts(country: string, options?: OperationOptions): Promise<Product[]>;
  listSkus(country: string, productId: string, options?: OperationOptions): Promise<Sku[]>;
  listAvailabilities(
    country: string,
    productId: string,
    skuId: string,
    options?: OperationOptions,
  ): Promise<Availability[]>;
}
