import { z } from 'zod';
import { optionNumbers, type OptionNumber } from './replacementOptions.js';

/**
 * Which products make up each replacement option: configuration, per market (DESIGN §11). Production
 * loads its own catalog from JSON (`parseOptionCatalog`); `sandboxOptionCatalog` matches the sandbox's
 * product ids. Whether a product is actually sold to a customer is asked of Partner Center at plan time
 * (optionAvailability.ts), never assumed from this file.
 */

/** One new-commerce product SKU and the Entra license it grants. */
export interface ProductReference {
  productId: string;
  skuId: string;
  /** Entra skuId of the license the purchase grants (what license updates assign). */
  licenseSkuId: string;
  /**
   * Service plan names (`serviceName`) the license carries. A user's disabled E4 plans are kept
   * disabled on the target only where it has a plan of the same name.
   */
  servicePlanNames: readonly string[];
}

/** A product to buy, with the ones allowed to stand in for it, tried in order. */
export interface ProductChoice {
  preferred: ProductReference;
  /** E.g. Microsoft 365 E3 for Office 365 E3, as the guide allows. */
  substitutes: readonly ProductReference[];
}

/** What one option buys: a base product and, for options 2 and 3, an add-on. */
export interface OptionProducts {
  base: ProductChoice;
  addOn?: ProductChoice;
}

/** The catalog: the options everywhere, and per-market overrides (ISO country, upper case). */
export interface OptionCatalog {
  options: Readonly<Record<OptionNumber, OptionProducts>>;
  markets?: Readonly<Record<string, Partial<Record<OptionNumber, OptionProducts>>>>;
}

/** The products an option buys in a market: the market's override, else the default. */
export function optionProductsFor(
  catalog: OptionCatalog,
  market: string,
  option: OptionNumber,
): OptionProducts {
  return catalog.markets?.[market.toUpperCase()]?.[option] ?? catalog.options[option];
}

/** Every product an option may buy (preferred first, then substitutes; base, then add-on). */
export function productsOf(products: OptionProducts): ProductReference[] {
  const choices = products.addOn ? [products.base, products.addOn] : [products.base];
  return choices.flatMap((choice) => [choice.preferred, ...choice.substitutes]);
}

const productReferenceSchema = z.object({
  productId: z.string().min(1),
  skuId: z.string().min(1),
  licenseSkuId: z.string().min(1),
  servicePlanNames: z.array(z.string().min(1)).default([]),
});
const productChoiceSchema = z.object({
  preferred: productReferenceSchema,
  substitutes: z.array(productReferenceSchema).default([]),
});
const optionProductsSchema = z.object({ base: productChoiceSchema, addOn: productChoiceSchema.optional() });
const optionsSchema = z.object({
  '1': optionProductsSchema,
  '2': optionProductsSchema,
  '3': optionProductsSchema,
  '4': optionProductsSchema,
});
const partialOptionsSchema = optionsSchema.partial();

/** JSON shape of a catalog: `{ "options": { "1": {…}, …, "4": {…} }, "markets": { "BE": { "3": {…} } } }`. */
export const optionCatalogSchema = z.object({
  options: optionsSchema,
  markets: z.record(z.string().length(2), partialOptionsSchema).optional(),
});

/**
 * Reads a catalog from parsed JSON.
 * @throws z.ZodError naming the first wrong field.
 */
export function parseOptionCatalog(json: unknown): OptionCatalog {
  const parsed = optionCatalogSchema.parse(json);
  const toOptions = (source: z.infer<typeof partialOptionsSchema>) =>
    Object.fromEntries(
      optionNumbers.flatMap((option) => {
        const products = source[`${option}`];
        return products ? [[option, products]] : [];
      }),
    ) as Partial<Record<OptionNumber, OptionProducts>>;
  const markets = parsed.markets
    ? Object.fromEntries(
        Object.entries(parsed.markets).map(([market, options]) => [market.toUpperCase(), toOptions(options)]),
      )
    : undefined;
  return { options: toOptions(parsed.options) as Record<OptionNumber, OptionProducts>, markets };
}

// Service plan names of the Entra SKUs, as in Microsoft's licensing service plan reference.
const office365E3Plans = [
  'EXCHANGE_S_ENTERPRISE',
  'SHAREPOINTENTERPRISE',
  'SHAREPOINTWAC',
  'MCOSTANDARD',
  'OFFICESUBSCRIPTION',
  'TEAMS1',
  'YAMMER_ENTERPRISE',
  'RMS_S_ENTERPRISE',
];
const office365E5Plans = [
  ...office365E3Plans,
  'MCOMEETADV',
  'MCOEV',
  'LOCKBOX_ENTERPRISE',
  'ATP_ENTERPRISE',
  'THREAT_INTELLIGENCE',
  'BI_AZURE_P2',
  'EQUIVIO_ANALYTICS',
];

const product = (productId: string, licenseSkuId: string, servicePlanNames: string[]): ProductReference => ({
  productId,
  skuId: '0001',
  licenseSkuId,
  servicePlanNames,
});

/** The new-commerce products the sandbox sells (ids copied from sandbox/catalog.ts as data). */
export const SandboxProducts = {
  office365E3: product('CFQ7TTC0LF8Q', '6fd2c87f-b296-42f0-b197-1e91e994b900', office365E3Plans),
  office365E5: product('CFQ7TTC0LF8R', 'c7df2760-2c81-4ef7-b578-5b5392b571df', office365E5Plans),
  microsoft365E3: product('CFQ7TTC0LFLX', '05e9a617-0261-4cee-bb44-138d3ef5d965', [
    ...office365E3Plans,
    'AAD_PREMIUM',
    'INTUNE_A',
  ]),
  microsoft365E5: product('CFQ7TTC0LFLZ', '06ebc4ee-1bb5-47dd-8120-11324bc54e06', [
    ...office365E5Plans,
    'AAD_PREMIUM',
    'AAD_PREMIUM_P2',
    'INTUNE_A',
  ]),
  teamsPhoneStandard: product('CFQ7TTC0J1FV', 'e43b5b99-8dfb-405f-9987-dc307f34bcbd', ['MCOEV']),
  skypePlusCal: product('CFQ7TTC0SPCL', '5b7c0c55-0000-4c2b-9a7e-5f0b0e4e2ca1', ['MCOPLUSCAL']),
} as const;

const S = SandboxProducts;
const e3: ProductChoice = { preferred: S.office365E3, substitutes: [S.microsoft365E3] };

/** The catalog that matches the sandbox: the same products in every market. */
export const sandboxOptionCatalog: OptionCatalog = {
  options: {
    1: { base: { preferred: S.office365E5, substitutes: [S.microsoft365E5] } },
    2: { base: e3, addOn: { preferred: S.teamsPhoneStandard, substitutes: [] } },
    3: { base: e3, addOn: { preferred: S.skypePlusCal, substitutes: [] } },
    4: { base: e3 },
  },
};
