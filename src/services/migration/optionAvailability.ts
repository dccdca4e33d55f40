import { isPartnerCenterError } from '../errors.js';
import type { OperationOptions, PartnerCenter } from '../partner-center/partnerCenter.js';
import type { Availability, BillingCycle } from '../partner-center/models.js';
import {
  optionProductsFor,
  type OptionCatalog,
  type ProductChoice,
  type ProductReference,
} from './optionCatalog.js';
import type { OptionNumber } from './replacementOptions.js';

/** Whether the product is the option's base or its add-on. */
export type ProductRole = 'base' | 'addOn';

/** A product Partner Center sells in the market, and the catalog item to put in a cart. */
export interface ResolvedProduct {
  role: ProductRole;
  product: ProductReference;
  catalogItemId: string;
  /** True when a substitute (e.g. Microsoft 365 E3) is bought because the preferred product isn't sold. */
  isSubstitute: boolean;
}

/** A product that can't be bought in the market, and why. */
export interface UnsoldProduct {
  role: ProductRole;
  productId: string;
  skuId: string;
  /** `notSoldInMarket`: no availability there; `termNotOffered`: sold, but not with the requested term. */
  reason: 'notSoldInMarket' | 'termNotOffered';
}

/** What an option buys in one market; purchasable when `unsold` is empty. */
export interface OptionAvailability {
  option: OptionNumber;
  market: string;
  products: ResolvedProduct[];
  unsold: UnsoldProduct[];
}

/** Term to check availabilities against; any term counts when absent. */
export interface TermRequest {
  termDuration?: string;
  billingCycle?: BillingCycle;
}

/**
 * Asks Partner Center which of an option's products are sold in a market, trying each product's
 * substitutes in order. Availabilities are memoised per resolver, so resolving all four options asks
 * about each product once.
 */
export class OptionAvailabilityResolver {
  private readonly cache = new Map<string, Promise<Availability[]>>();

  constructor(
    private readonly partnerCenter: Pick<PartnerCenter, 'listAvailabilities'>,
    private readonly catalog: OptionCatalog,
  ) {}

  /**
   * Resolves one option for a market (ISO country).
   * @throws PartnerCenterError when Partner Center fails for another reason than "unknown product".
   */
  async resolve(
    market: string,
    option: OptionNumber,
    term: TermRequest = {},
    options?: OperationOptions,
  ): Promise<OptionAvailability> {
    const country = market.toUpperCase();
    const products = optionProductsFor(this.catalog, country, option);
    const choices: [ProductRole, ProductChoice][] = products.addOn
      ? [
          ['base', products.base],
          ['addOn', products.addOn],
        ]
      : [['base', products.base]];
    const result: OptionAvailability = { option, market: country, products: [], unsold: [] };
    for (const [role, choice] of choices) {
      const outcome = await this.resolveChoice(country, role, choice, term, options);
      if ('catalogItemId' in outcome) result.products.push(outcome);
      else result.unsold.push(outcome);
    }
    return result;
  }

  private async resolveChoice(
    country: string,
    role: ProductRole,
    choice: ProductChoice,
    term: TermRequest,
    options: OperationOptions | undefined,
  ): Promise<ResolvedProduct | UnsoldProduct> {
    let reason: UnsoldProduct['reason'] = 'notSoldInMarket';
    for (const [index, product] of [choice.preferred, ...choice.substitutes].entries()) {
      const availabilities = await this.availabilities(country, product, options);
      if (availabilities.length === 0) continue;
      const matching = availabilities.find((availability) => offersTerm(availability, term));
      if (!matching) {
        reason = 'termNotOffered';
        continue;
      }
      return { role, product, catalogItemId: matching.catalogItemId, isSubstitute: index > 0 };
    }
    return { role, productId: choice.preferred.productId, skuId: choice.preferred.skuId, reason };
  }

  private availabilities(
    country: string,
    product: ProductReference,
    options: OperationOptions | undefined,
  ): Promise<Availability[]> {
    const key = `${country}|${product.productId.toUpperCase()}|${product.skuId.toUpperCase()}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.partnerCenter
        .listAvailabilities(country, product.productId, product.skuId, options)
        .catch((error: unknown) => {
          // A product the market's catalog doesn't know is, for the partner, simply not sold there.
          if (isPartnerCenterError(error) && error.status === 404) return [];
          this.cache.delete(key);
          throw error;
        });
      this.cache.set(key, pending);
    }
    return pending;
  }
}

function offersTerm(availability: Availability, term: TermRequest): boolean {
  if (!term.termDuration && !term.billingCycle) return true;
  return availability.terms.some(
    (offered) =>
      (!term.termDuration || offered.duration === term.termDuration) &&
      (!term.billingCycle || !offered.billingCycle || offered.billingCycle === term.billingCycle),
  );
}

/** True when every product of the option can be bought. */
export function isPurchasable(availability: OptionAvailability): boolean {
  return availability.unsold.length === 0;
}
