import type { BillingCycle } from '../partner-center/models.js';
import type { ResolvedProduct } from './optionAvailability.js';
import { monthsPerBillingPeriod, type PriceList } from './priceList.js';

/** One priced product of an option. */
export interface PricedLine {
  productId: string;
  skuId: string;
  catalogItemId: string;
  /** As listed: per license and billing period. */
  unitPrice: number;
}

/** The price of one seat of an option (base + add-on) in one currency. */
export interface OptionPrice {
  currency: string;
  lines: PricedLine[];
  /** Sum of the lines: what one seat costs per billing period. */
  unitPricePerBillingPeriod: number;
  /** The same, spread over months, rounded to cents: what the comparison shows. */
  monthlyPricePerUser: number;
}

/** Term and market a price is looked up for. */
export interface PriceTerms {
  market: string;
  termDuration: string;
  billingCycle: BillingCycle;
}

/** Rounds an amount to cents (prices in the export have at most two decimals). */
export function roundToCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/**
 * Prices an option's products from the price list. Undefined unless every product has a price in one
 * currency: a partial price would understate the cost.
 */
export function priceOption(
  priceList: PriceList | undefined,
  products: readonly ResolvedProduct[],
  terms: PriceTerms,
  at: Date,
): OptionPrice | undefined {
  const months = monthsPerBillingPeriod(terms.billingCycle);
  if (!priceList || months === undefined || products.length === 0) return undefined;
  const lines: PricedLine[] = [];
  let currency: string | undefined;
  for (const { product, catalogItemId } of products) {
    const price = priceList.find({ ...terms, productId: product.productId, skuId: product.skuId }, at);
    if (!price || (currency !== undefined && price.currency !== currency)) return undefined;
    currency = price.currency;
    lines.push({
      productId: product.productId,
      skuId: product.skuId,
      catalogItemId,
      unitPrice: price.unitPrice,
    });
  }
  if (currency === undefined) return undefined;
  const perPeriod = roundToCents(lines.reduce((sum, line) => sum + line.unitPrice, 0));
  return {
    currency,
    lines,
    unitPricePerBillingPeriod: perPeriod,
    monthlyPricePerUser: roundToCents(perPeriod / months),
  };
}
