import type { AvailabilityCache } from './availabilityCache.js';
import type { Clock } from '../clock.js';
import { AppError, isPartnerCenterError, type PartnerCenterError } from '../errors.js';
import type { OperationOptions, PartnerCenter } from '../partner-center/partnerCenter.js';
import type {
  Availability,
  BillingCycle,
  Customer,
  SubscribedSku,
  Subscription,
} from '../partner-center/models.js';
import { e4LicenseSkuId, isRetiredOffer } from '../subscriptions/e4Offers.js';
import { byEndThenId } from '../subscriptions/e4SubscriptionFinder.js';
import { describeE4Subscription, type E4Subscription } from '../subscriptions/e4SubscriptionState.js';
import { daysOfServiceLeft, subscriptionEndDate } from '../subscriptions/subscriptionEndDate.js';
import { scanE4Users } from './e4UserScan.js';
import type { Blocker, MigrationPlan, PlanE4Units, PlanRequest, PlanUser } from './migrationPlan.js';
import {
  OptionAvailabilityResolver,
  type OptionAvailability,
  type TermRequest,
} from './optionAvailability.js';
import { optionProductsFor, type OptionCatalog } from './optionCatalog.js';
import { buildOptionComparison, type OptionComparison } from './optionComparison.js';
import { priceOption, roundToCents } from './optionPricing.js';
import { endDateBlockers, subjectBlockers, userBlockers } from './planBlockers.js';
import type { PriceList } from './priceList.js';
import { optionNumbers } from './replacementOptions.js';

/** Settings of the planner, all optional. */
export interface MigrationPlannerSettings {
  /** The partner's price list; without it plans and comparisons carry no price. */
  priceList?: PriceList;
  /** License reads in flight at once while scanning users. Default 8. */
  userReadConcurrency?: number;
  /** Extra offer ids to treat as retired besides E4 (see e4Offers.ts). */
  extraRetiredOfferIds?: readonly string[];
  /** Shared across planners: product availabilities per market, so comparisons skip catalog reads. */
  availabilityCache?: AvailabilityCache;
}

/** What `compareOptions` is asked for. */
export interface CompareRequest {
  customerId: string;
  e4SubscriptionId: string;
  termDuration?: string;
  billingCycle?: BillingCycle;
}

/** GDAP roles Partner Center wants for reading users and changing their licenses (DESIGN §11). */
export const licenseChangeGdapRoles: readonly string[] = ['License Administrator', 'User Administrator'];

/** What the caller already knows of a customer (the directory's cached name and market). */
export interface KnownCustomer {
  companyName: string;
  /** ISO country of the billing address; undefined when unknown (nothing can be bought then). */
  market: string | undefined;
}

/** A customer's E4 subscriptions, and the comparison of any one of them from the same reads. */
export interface CustomerComparison {
  customerName: string;
  /** Retired-offer subscriptions with their state, soonest end first. */
  e4Subscriptions: E4Subscription[];
  /** @throws AppError `subscription_not_found` for an id that isn't one of the customer's subscriptions. */
  compare(e4SubscriptionId: string): OptionComparison & { customerName: string };
}

/** The window in which an E4 subscription counts as "expiring soon" (DESIGN §6's default). */
const expiringSoonWithinDays = 90;

/** The Partner Center reads planning needs (all of them reads: planning never changes anything). */
export type PlannerPartnerCenter = Pick<
  PartnerCenter,
  | 'getCustomer'
  | 'listSubscriptions'
  | 'listSubscribedSkus'
  | 'listCustomerUsers'
  | 'listUserLicenses'
  | 'listCustomerAgreements'
  | 'listAvailabilities'
>;

const defaultTerm = 'P1Y';
const defaultBillingCycle: BillingCycle = 'monthly';

/**
 * Builds preflight plans and option comparisons from Partner Center before any money is spent
 * (DESIGN §5). Give it a delegated client: users, licenses and subscribed SKUs need App+User.
 */
export class MigrationPlanner {
  constructor(
    private readonly partnerCenter: PlannerPartnerCenter,
    private readonly catalog: OptionCatalog,
    private readonly clock: Clock,
    private readonly settings: MigrationPlannerSettings = {},
  ) {}

  /**
   * Plans moving one E4 subscription's users to an option. Business obstacles come back as `blockers`.
   * @throws AppError `customer_not_found` / `subscription_not_found` for ids Partner Center doesn't know.
   * @throws PartnerCenterError for failures other than a missing GDAP role on user reads.
   */
  async plan(request: PlanRequest, options?: OperationOptions): Promise<MigrationPlan> {
    const now = this.clock.now();
    const termDuration = request.termDuration ?? defaultTerm;
    const billingCycle = request.billingCycle ?? defaultBillingCycle;
    const { customer, e4, subscriptions } = await this.readSubject(request, options);
    const market = marketOf(customer);
    const [agreements, availability] = await Promise.all([
      this.partnerCenter.listCustomerAgreements(customer.id, 'MicrosoftCustomerAgreement', options),
      market
        ? new OptionAvailabilityResolver(this.availabilitySource, this.catalog).resolve(
            market,
            request.option,
            { termDuration, billingCycle },
            options,
          )
        : undefined,
    ]);
    const blockers = subjectBlockers({
      hasAcceptedAgreement: agreements.length > 0,
      market,
      availability,
      e4,
      extraRetiredOfferIds: this.settings.extraRetiredOfferIds,
    });

    const base = availability?.products.find((product) => product.role === 'base')?.product;
    const targetPlans =
      base?.servicePlanNames ??
      optionProductsFor(this.catalog, market ?? '', request.option).base.preferred.servicePlanNames;
    const { users, e4Units } = request.withoutUsers
      ? { users: undefined, e4Units: undefined }
      : await this.readUsers(customer.id, targetPlans, blockers, options);

    const usersOnE4 = users?.length;
    const quantity = request.quantity ?? usersOnE4 ?? e4Units?.consumedUnits ?? e4.quantity;
    if (usersOnE4 !== undefined && quantity < usersOnE4) {
      blockers.push({ code: 'quantityBelowUsers', severity: 'blocking', requested: quantity, usersOnE4 });
    }
    if (users) blockers.push(...userBlockers(users));

    const endDate = subscriptionEndDate(e4, now);
    const daysLeft = daysOfServiceLeft(endDate, now);
    blockers.push(...endDateBlockers(endDate, daysLeft));

    const price =
      availability && availability.unsold.length === 0
        ? priceOption(
            this.settings.priceList,
            availability.products,
            { market: availability.market, termDuration, billingCycle },
            now,
          )
        : undefined;
    return {
      customer: { id: customer.id, companyName: customer.companyProfile.companyName, market },
      e4Subscription: {
        id: e4.id,
        offerId: e4.offerId,
        offerName: e4.offerName,
        status: e4.status,
        seats: e4.quantity,
        licenseSkuId: e4LicenseSkuId,
        endDate,
        daysLeft,
        addOns: subscriptions
          .filter((subscription) => sameId(subscription.parentSubscriptionId, e4.id))
          .map(({ id, offerName, quantity: seats, status }) => ({ id, offerName, quantity: seats, status })),
      },
      e4Units,
      users,
      option: request.option,
      targets: (availability?.products ?? []).map(({ role, product, catalogItemId, isSubstitute }) => ({
        role,
        productId: product.productId,
        skuId: product.skuId,
        licenseSkuId: product.licenseSkuId,
        catalogItemId,
        isSubstitute,
      })),
      quantity,
      termDuration,
      billingCycle,
      price: price && {
        ...price,
        totalPerBillingPeriod: roundToCents(price.unitPricePerBillingPeriod * quantity),
      },
      blockers,
      plannedAt: now.toISOString(),
    };
  }

  /**
   * The comparison card's content: the four options for this customer's market, with prices when the
   * price list has them. Users on E4 are the E4 SKU's consumed units (one cheap read, no user walk);
   * undefined when the subscribed SKUs can't be read.
   * @throws AppError `customer_not_found` / `subscription_not_found`.
   */
  async compareOptions(
    request: CompareRequest,
    options?: OperationOptions,
  ): Promise<OptionComparison & { customerName: string }> {
    const { customerId, e4SubscriptionId, ...term } = request;
    const found = await this.compareCustomer(customerId, undefined, options, term);
    return found.compare(e4SubscriptionId);
  }

  /**
   * A customer's E4 subscriptions and, for any of them, the comparison — everything read in one round of
   * parallel calls (subscriptions, subscribed SKUs, cached availabilities; the customer too unless the
   * caller knows its name and market from the directory), so a "migrate customer X" turn costs about one
   * Partner Center round trip.
   * @throws AppError `customer_not_found` when Partner Center doesn't know the customer.
   */
  async compareCustomer(
    customerId: string,
    known: KnownCustomer | undefined,
    options?: OperationOptions,
    requestedTerm: TermRequest = {},
  ): Promise<CustomerComparison> {
    const now = this.clock.now();
    const term = {
      termDuration: requestedTerm.termDuration ?? defaultTerm,
      billingCycle: requestedTerm.billingCycle ?? defaultBillingCycle,
    };
    const settledUnits = this.readE4Units(customerId, options).then(
      (units) => ({ units }),
      (error: unknown) => ({ error }),
    );
    const subject: Promise<KnownCustomer> = known
      ? Promise.resolve(known)
      : this.partnerCenter.getCustomer(customerId, options).then((customer) => {
          if (!customer) throw new AppError(`Customer ${customerId} not found.`, 'customer_not_found');
          return { companyName: customer.companyProfile.companyName, market: marketOf(customer) };
        });
    const subscriptions = this.partnerCenter
      .listSubscriptions(customerId, options)
      .catch((error: unknown) => {
        if (isPartnerCenterError(error) && error.status === 404) {
          throw new AppError(`Customer ${customerId} not found.`, 'customer_not_found', { cause: error });
        }
        throw error;
      });
    const availabilities = subject.then(({ market }) =>
      market
        ? this.resolveAllOptions(market, term, options)
        : optionNumbers.map((option): OptionAvailability => unknownMarket(this.catalog, option)),
    );
    // Every read is under way; a failure of one doesn't leave the others' rejections unhandled.
    const [customer, all, resolved] = await Promise.all([subject, subscriptions, availabilities]);
    const outcome = await settledUnits;
    if ('error' in outcome && !isForbidden(outcome.error)) throw outcome.error;
    const units = 'units' in outcome ? outcome.units : undefined;
    const retired = all.filter((subscription) =>
      isRetiredOffer(subscription.offerId, this.settings.extraRetiredOfferIds),
    );
    return {
      customerName: customer.companyName,
      e4Subscriptions: retired
        .map((subscription) => describeE4Subscription(customerId, subscription, now, expiringSoonWithinDays))
        .sort(byEndThenId),
      compare: (e4SubscriptionId) => {
        // Any of the customer's subscriptions compares (as compareOptions always did); the conversation
        // only offers the ones listed in `e4Subscriptions`.
        const e4 = all.find((subscription) => sameId(subscription.id, e4SubscriptionId));
        if (!e4) throw new AppError(`Subscription ${e4SubscriptionId} not found.`, 'subscription_not_found');
        const comparison = buildOptionComparison({
          customerId,
          subscription: e4,
          usersOnE4: units?.consumedUnits,
          availabilities: resolved,
          priceList: this.settings.priceList,
          ...term,
          now,
        });
        return { ...comparison, customerName: customer.companyName };
      },
    };
  }

  /**
   * Every option for one market. The resolver asks about an option's add-on only after its base; the
   * preferred products of all bases and add-ons (always asked first) are asked here at once instead, so
   * the comparison waits for one round of availability reads, not two. Substitutes are asked only when
   * needed, as before: no call is added.
   */
  private async resolveAllOptions(
    market: string,
    term: TermRequest,
    options: OperationOptions | undefined,
  ): Promise<OptionAvailability[]> {
    const country = market.toUpperCase();
    const keyOf = (productId: string, skuId: string) =>
      `${country}|${productId.toUpperCase()}|${skuId.toUpperCase()}`;
    const early = new Map<string, Promise<Availability[]>>();
    for (const option of optionNumbers) {
      const products = optionProductsFor(this.catalog, country, option);
      for (const choice of products.addOn ? [products.base, products.addOn] : [products.base]) {
        const { productId, skuId } = choice.preferred;
        const key = keyOf(productId, skuId);
        if (early.has(key)) continue;
        const pending = this.availabilitySource.listAvailabilities(country, productId, skuId, options);
        // Handled by the resolver when it asks; this only keeps an unasked failure from going unhandled.
        pending.catch(() => undefined);
        early.set(key, pending);
      }
    }
    const source: Pick<PartnerCenter, 'listAvailabilities'> = {
      listAvailabilities: (askedCountry, productId, skuId, askedOptions) => {
        const key = keyOf(productId, skuId);
        const pending = askedCountry.toUpperCase() === country ? early.get(key) : undefined;
        if (pending) {
          early.delete(key);
          return pending;
        }
        return this.availabilitySource.listAvailabilities(askedCountry, productId, skuId, askedOptions);
      },
    };
    const resolver = new OptionAvailabilityResolver(source, this.catalog);
    return Promise.all(optionNumbers.map((option) => resolver.resolve(market, option, term, options)));
  }

  /** Partner Center's availabilities, through the shared cache when there is one. */
  private readonly availabilitySource: Pick<PartnerCenter, 'listAvailabilities'> = {
    listAvailabilities: (country, productId, skuId, options) => {
      const load = () => this.partnerCenter.listAvailabilities(country, productId, skuId, options);
      const cache = this.settings.availabilityCache;
      return cache ? cache.get(country, productId, skuId, load) : load();
    },
  };

  private async readSubject(
    request: { customerId: string; e4SubscriptionId: string },
    options: OperationOptions | undefined,
  ): Promise<{ customer: Customer; e4: Subscription; subscriptions: Subscription[] }> {
    const [customer, subscriptions] = await Promise.all([
      this.partnerCenter.getCustomer(request.customerId, options),
      this.partnerCenter.listSubscriptions(request.customerId, options).catch((error: unknown) => {
        if (isPartnerCenterError(error) && error.status === 404) return [];
        throw error;
      }),
    ]);
    if (!customer) throw new AppError(`Customer ${request.customerId} not found.`, 'customer_not_found');
    const e4 = subscriptions.find((subscription) => sameId(subscription.id, request.e4SubscriptionId));
    if (!e4) {
      throw new AppError(`Subscription ${request.e4SubscriptionId} not found.`, 'subscription_not_found');
    }
    return { customer, e4, subscriptions };
  }

  /** User-scoped reads; a 403 becomes the `missingGdapRole` blocker instead of an error. */
  private async readUsers(
    customerId: string,
    targetServicePlanNames: readonly string[],
    blockers: Blocker[],
    options: OperationOptions | undefined,
  ): Promise<{ users: PlanUser[] | undefined; e4Units: PlanE4Units | undefined }> {
    try {
      const [e4Units, users] = await Promise.all([
        this.readE4Units(customerId, options),
        scanE4Users(this.partnerCenter, customerId, {
          ...options,
          e4LicenseSkuId,
          targetServicePlanNames,
          concurrency: this.settings.userReadConcurrency,
        }),
      ]);
      return { users, e4Units };
    } catch (error) {
      if (!isForbidden(error)) throw error;
      blockers.push({
        code: 'missingGdapRole',
        severity: 'blocking',
        requiredRoles: licenseChangeGdapRoles,
        requestId: error.requestId,
      });
      return { users: undefined, e4Units: undefined };
    }
  }

  private async readE4Units(customerId: string, options: OperationOptions | undefined): Promise<PlanE4Units> {
    const skus = await this.partnerCenter.listSubscribedSkus(customerId, options);
    return unitsOf(skus.find((sku) => sameId(sku.productSku.id, e4LicenseSkuId)));
  }
}

function unitsOf(sku: SubscribedSku | undefined): PlanE4Units {
  return {
    activeUnits: sku?.activeUnits ?? 0,
    consumedUnits: sku?.consumedUnits ?? 0,
    warningUnits: sku?.warningUnits ?? 0,
    suspendedUnits: sku?.suspendedUnits ?? 0,
  };
}

function marketOf(customer: Customer): string | undefined {
  return customer.billingProfile?.defaultAddress?.country?.toUpperCase() || undefined;
}

/** Without a market nothing can be bought: every option is unsold, naming its base product. */
function unknownMarket(catalog: OptionCatalog, option: OptionAvailability['option']): OptionAvailability {
  const { productId, skuId } = catalog.options[option].base.preferred;
  return {
    option,
    market: '',
    products: [],
    unsold: [{ role: 'base', productId, skuId, reason: 'notSoldInMarket' }],
  };
}

function isForbidden(error: unknown): error is PartnerCenterError {
  return isPartnerCenterError(error) && error.status === 403;
}

function sameId(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}
