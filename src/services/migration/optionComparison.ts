import type { BillingCycle, Subscription } from '../partner-center/models.js';
import { daysOfServiceLeft, subscriptionEndDate } from '../subscriptions/subscriptionEndDate.js';
import { isPurchasable, type OptionAvailability, type UnsoldProduct } from './optionAvailability.js';
import { priceOption, roundToCents, type OptionPrice } from './optionPricing.js';
import type { PriceList } from './priceList.js';
import {
  featuresOf,
  keepsAllE4Features,
  parityOption,
  type FeatureRow,
  type OptionNumber,
} from './replacementOptions.js';

/**
 * The comparison card's content for one customer and one E4 subscription (DESIGN §6): the customer's
 * own numbers, each option's purchasability, price and features, and the recommendation. Pure.
 */

/** Everything the comparison is built from; the caller reads it from Partner Center. */
export interface OptionComparisonInput {
  customerId: string;
  subscription: Pick<
    Subscription,
    'id' | 'quantity' | 'commitmentEndDate' | 'billingCycleEndDate' | 'contractType'
  >;
  /** Users holding E4 (consumed units or a count of users); undefined when it couldn't be read. */
  usersOnE4: number | undefined;
  /** One entry per option to show, from `OptionAvailabilityResolver`. */
  availabilities: readonly OptionAvailability[];
  /** Absent: no prices are shown. */
  priceList?: PriceList;
  /** Term and billing cycle prices are quoted for. Default `P1Y`, `monthly` (DESIGN §5). */
  termDuration?: string;
  billingCycle?: BillingCycle;
  now: Date;
}

/** One option's column with the customer's numbers. */
export interface ComparedOption {
  option: OptionNumber;
  isPurchasable: boolean;
  /** Why not purchasable: the products not sold in the market. */
  unsold: UnsoldProduct[];
  catalogItemIds: string[];
  /** True when a substitute (Microsoft 365 E3/E5) stands in for an Office 365 product. */
  usesSubstitute: boolean;
  /** Only when the price list has every product of the option. */
  price?: OptionPrice & { monthlyTotal?: number };
  features: FeatureRow;
}

/** Why an option is recommended. */
export type RecommendationReason =
  /** Option 3 is purchasable: the guide's price and feature match for E4. */
  | 'parity'
  /** The cheapest purchasable option keeping all E4 features, by the price list. */
  | 'cheapestKeepingE4Features'
  /** Prices unknown: the first purchasable option keeping all E4 features in `fallbackOrder`. */
  | 'fallbackOrderKeepingE4Features';

export interface OptionComparison {
  customerId: string;
  e4SubscriptionId: string;
  usersOnE4: number | undefined;
  seats: number;
  /** Last day of service (`YYYY-MM-DD`), or undefined when the end date is unknown. */
  lastServiceDay: string | undefined;
  /** Negative once E4 has ended; undefined when the end date is unknown. */
  daysLeft: number | undefined;
  options: ComparedOption[];
  /** Undefined when no option keeping all E4 features can be bought. */
  recommendation: { option: OptionNumber; reason: RecommendationReason } | undefined;
}

/**
 * Order used when prices can't decide: option 2 before 1, because it is the smaller step from E4 (it adds
 * only telephony) and lists cheaper in every market we know of.
 */
export const fallbackOrder: readonly OptionNumber[] = [2, 1];

/** Builds the comparison. */
export function buildOptionComparison(input: OptionComparisonInput): OptionComparison {
  const end = subscriptionEndDate(input.subscription, input.now);
  const terms = { termDuration: input.termDuration ?? 'P1Y', billingCycle: input.billingCycle ?? 'monthly' };
  const options = input.availabilities.map((availability): ComparedOption => {
    const purchasable = isPurchasable(availability);
    // An option that can't be bought gets no price: a partial one would understate it.
    const price = purchasable
      ? priceOption(
          input.priceList,
          availability.products,
          { market: availability.market, ...terms },
          input.now,
        )
      : undefined;
    return {
      option: availability.option,
      isPurchasable: purchasable,
      unsold: availability.unsold,
      catalogItemIds: availability.products.map((product) => product.catalogItemId),
      usesSubstitute: availability.products.some((product) => product.isSubstitute),
      ...(price && {
        price: {
          ...price,
          monthlyTotal:
            input.usersOnE4 === undefined
              ? undefined
              : roundToCents(price.monthlyPricePerUser * input.usersOnE4),
        },
      }),
      features: featuresOf(availability.option),
    };
  });
  return {
    customerId: input.customerId,
    e4SubscriptionId: input.subscription.id,
    usersOnE4: input.usersOnE4,
    seats: input.subscription.quantity,
    lastServiceDay: end.kind === 'known' ? end.lastServiceDay : undefined,
    daysLeft: daysOfServiceLeft(end, input.now),
    options,
    recommendation: recommend(options),
  };
}

/**
 * Option 3 when purchasable; else the cheapest purchasable option keeping all E4 features, when every
 * such option has a price in one currency; else the first of them in `fallbackOrder`.
 */
export function recommend(
  options: readonly ComparedOption[],
): { option: OptionNumber; reason: RecommendationReason } | undefined {
  if (options.some((entry) => entry.option === parityOption && entry.isPurchasable)) {
    return { option: parityOption, reason: 'parity' };
  }
  const candidates = options.filter(
    (entry) => entry.isPurchasable && entry.option !== parityOption && keepsAllE4Features(entry.option),
  );
  if (candidates.length === 0) return undefined;
  const currencies = new Set(candidates.map((entry) => entry.price?.currency));
  if (candidates.every((entry) => entry.price) && currencies.size === 1) {
    const cheapest = [...candidates].sort(
      (a, b) =>
        (a.price?.monthlyPricePerUser ?? 0) - (b.price?.monthlyPricePerUser ?? 0) ||
        rank(a.option) - rank(b.option),
    )[0];
    if (cheapest) return { option: cheapest.option, reason: 'cheapestKeepingE4Features' };
  }
  const first = [...candidates].sort((a, b) => rank(a.option) - rank(b.option))[0];
  return first && { option: first.option, reason: 'fallbackOrderKeepingE4Features' };
}

function rank(option: OptionNumber): number {
  const index = fallbackOrder.indexOf(option);
  return index === -1 ? fallbackOrder.length : index;
}
