import type { Availability, BillingCycle, Product, Sku } from '../src/services/partner-center/models.js';
import { legacyOffer } from './licensing/legacyOffers.js';
import { LicenseSkuId } from './licensing/licenseSkus.js';

export { LegacyOfferId } from './licensing/legacyOffers.js';

/**
 * The sandbox's product catalog: new-commerce products per market (what carts buy) and the legacy
 * offers existing subscriptions carry. Product ids are shaped like Partner Center's (`CFQ7TTC0…`) and the
 * ones for Office 365 / Microsoft 365 E3/E5 and Teams Phone follow the public catalog as best known, but
 * treat every id here as the sandbox's own. Availability ids are made up (`DZH318Z0` + market + index).
 */

/** Markets the catalog sells in. Any other country buys nothing. */
export type Market = 'SE' | 'NL' | 'US' | 'BE';
/** Every market, in the order the admin catalog lists them. */
export const markets: readonly Market[] = ['SE', 'NL', 'US', 'BE'];

const currencies: Record<Market, string> = { SE: 'SEK', NL: 'EUR', US: 'USD', BE: 'EUR' };

/** Short names of the catalog's products. */
export type CatalogKey =
  | 'office365E3'
  | 'office365E5'
  | 'microsoft365E3'
  | 'microsoft365E5'
  | 'teamsPhoneStandard'
  | 'skypePlusCal'
  | 'office365E4';

/** One new-commerce product with its single SKU (`0001`), as the sandbox models it. */
export interface CatalogEntry {
  key: CatalogKey;
  productId: string;
  skuId: string;
  title: string;
  description: string;
  /** Entra skuId the purchase's licenses carry. */
  licenseSkuId: string;
  isAddOn: boolean;
  /** Entra skuIds of base licenses an add-on goes with. */
  prerequisiteLicenseSkuIds: string[];
  /** Markets where it is sold; a market listed as `false` knows the item but refuses to sell it. */
  sold: Partial<Record<Market, boolean>>;
}

const everywhere = { SE: true, NL: true, US: true, BE: true };
const e3AndUp = [
  LicenseSkuId.office365E3,
  LicenseSkuId.microsoft365E3,
  LicenseSkuId.office365E5,
  LicenseSkuId.microsoft365E5,
];

const entries: CatalogEntry[] = [
  entry('office365E3', 'CFQ7TTC0LF8Q', 'Office 365 E3', LicenseSkuId.office365E3, everywhere),
  entry('office365E5', 'CFQ7TTC0LF8R', 'Office 365 E5', LicenseSkuId.office365E5, everywhere),
  entry('microsoft365E3', 'CFQ7TTC0LFLX', 'Microsoft 365 E3', LicenseSkuId.microsoft365E3, everywhere),
  entry('microsoft365E5', 'CFQ7TTC0LFLZ', 'Microsoft 365 E5', LicenseSkuId.microsoft365E5, everywhere),
  {
    ...entry(
      'teamsPhoneStandard',
      'CFQ7TTC0J1FV',
      'Microsoft Teams Phone Standard',
      LicenseSkuId.phoneSystem,
      everywhere,
    ),
    description:
      'Cloud PBX (formerly Skype for Business Cloud PBX): phone numbers and calling in Microsoft 365.',
    isAddOn: true,
    prerequisiteLicenseSkuIds: e3AndUp,
  },
  {
    // Option 3's add-on. Not sold in Belgium: the demo's BE customer can't take option 3.
    ...entry('skypePlusCal', 'CFQ7TTC0SPCL', 'Skype for Business Plus CAL', LicenseSkuId.skypePlusCal, {
      SE: true,
      NL: true,
      US: true,
      BE: false,
    }),
    isAddOn: true,
    prerequisiteLicenseSkuIds: e3AndUp,
  },
  // Retired 2017: known to the catalog so its purchase is refused with 2091, never listed as buyable.
  entry('office365E4', 'CFQ7TTC0E4RT', 'Office 365 E4', LicenseSkuId.office365E4, {
    SE: false,
    NL: false,
    US: false,
    BE: false,
  }),
];

function entry(
  key: CatalogKey,
  productId: string,
  title: string,
  licenseSkuId: string,
  sold: Partial<Record<Market, boolean>>,
): CatalogEntry {
  return {
    key,
    productId,
    skuId: '0001',
    title,
    description: `${title}, annual or monthly commitment.`,
    licenseSkuId,
    isAddOn: false,
    prerequisiteLicenseSkuIds: [],
    sold,
  };
}

const byKey = new Map(entries.map((item) => [item.key, item]));
const byProductId = new Map(entries.map((item) => [item.productId.toUpperCase(), item]));
const marketIndex = new Map(entries.map((item, index) => [item.key, index + 1]));

/** The catalog entry for a short name. @throws Error for a key that is not in the catalog. */
export function catalogEntry(key: CatalogKey): CatalogEntry {
  const found = byKey.get(key);
  if (!found) throw new Error(`No catalog entry '${key}'.`);
  return found;
}

/** Every catalog entry, retired ones included. */
export function catalogEntries(): readonly CatalogEntry[] {
  return entries;
}

/** Availability id of an entry in a market (made up, stable: `DZH318Z0` + market + two digits). */
export function availabilityIdOf(item: CatalogEntry, market: string): string {
  return `DZH318Z0${market.toUpperCase()}${String(marketIndex.get(item.key) ?? 0).padStart(2, '0')}`;
}

/** `productId:skuId:availabilityId` of an entry in a market. */
export function catalogItemIdOf(key: CatalogKey, market: Market): string {
  const item = catalogEntry(key);
  return `${item.productId}:${item.skuId}:${availabilityIdOf(item, market)}`;
}

/** Currency a market buys in (undefined for a market the catalog does not serve). */
export function currencyOf(country: string): string | undefined {
  return currencies[country.toUpperCase() as Market];
}

function isSoldIn(item: CatalogEntry, country: string): boolean {
  return item.sold[country.toUpperCase() as Market] === true;
}

/** Products a buyer in `country` can buy (`GET /v1/products?country=`). */
export function productsIn(country: string): Product[] {
  return entries
    .filter((item) => isSoldIn(item, country))
    .map((item) => ({
      id: item.productId,
      title: item.title,
      description: item.description,
      productType: { id: 'OnlineServices', displayName: 'OnlineServices' },
      attributes: { objectType: 'Product' },
    }));
}

/** SKUs of a product buyable in `country`; undefined when the product is unknown. */
export function skusIn(productId: string, country: string): Sku[] | undefined {
  const item = byProductId.get(productId.toUpperCase());
  if (!item) return undefined;
  if (!isSoldIn(item, country)) return [];
  return [
    {
      id: item.skuId,
      productId: item.productId,
      title: item.title,
      description: item.description,
      licenseSkuId: item.licenseSkuId,
      isAddOn: item.isAddOn,
      prerequisiteSkus: item.prerequisiteLicenseSkuIds,
      attributes: { objectType: 'Sku' },
    },
  ];
}

/** Terms every sandbox SKU offers: one year billed monthly or annually, or one month billed monthly. */
export const catalogTerms: readonly { duration: string; billingCycle: BillingCycle }[] = [
  { duration: 'P1Y', billingCycle: 'monthly' },
  { duration: 'P1Y', billingCycle: 'annual' },
  { duration: 'P1M', billingCycle: 'monthly' },
];

/** Availabilities of a product SKU in `country`; undefined when product or SKU is unknown. */
export function availabilitiesIn(
  productId: string,
  skuId: string,
  country: string,
): Availability[] | undefined {
  const item = byProductId.get(productId.toUpperCase());
  if (!item || item.skuId !== skuId) return undefined;
  if (!isSoldIn(item, country)) return [];
  const id = availabilityIdOf(item, country);
  return [
    {
      id,
      productId: item.productId,
      skuId: item.skuId,
      catalogItemId: `${item.productId}:${item.skuId}:${id}`,
      country: country.toUpperCase(),
      terms: catalogTerms.map((term) => ({
        duration: term.duration,
        billingCycle: term.billingCycle,
        cancellationPolicies: [{ refunds: [{ type: 'Full', expiresAfter: 'P7D', sequenceId: 1 }] }],
      })),
      attributes: { objectType: 'Availability' },
    },
  ];
}

/** The verdict on buying a catalog item in a market. */
export type PurchaseVerdict =
  | { ok: true; item: CatalogEntry; catalogItemId: string }
  | { ok: false; code: 'retired' | 'notInMarket' | 'unknown'; description: string };

/**
 * Judges whether `catalogItemId` can be bought by a customer in `country`: legacy offer ids (E4 above
 * all) and items not sold in that market are refused; an availability id of another market counts as
 * "not sold here".
 */
export function judgePurchase(catalogItemId: string, country: string): PurchaseVerdict {
  const legacy = legacyOffer(catalogItemId);
  if (legacy) {
    return {
      ok: false,
      code: 'retired',
      description: `The offer ${catalogItemId} (${legacy.name}) is no longer available for purchase.`,
    };
  }
  const [productId = '', skuId = '', availabilityId = ''] = catalogItemId.split(':');
  const item = byProductId.get(productId.toUpperCase());
  if (!item || item.skuId !== skuId || availabilityId === '') {
    return { ok: false, code: 'unknown', description: `The catalog item ${catalogItemId} was not found.` };
  }
  const market = country.toUpperCase();
  if (Object.values(item.sold).every((sold) => !sold)) {
    return {
      ok: false,
      code: 'retired',
      description: `The offer ${catalogItemId} (${item.title}) is no longer available for purchase.`,
    };
  }
  if (!isSoldIn(item, market) || availabilityId.toUpperCase() !== availabilityIdOf(item, market)) {
    return {
      ok: false,
      code: 'notInMarket',
      description: `The offer ${catalogItemId} (${item.title}) is not available for purchase in market ${market}.`,
    };
  }
  return {
    ok: true,
    item,
    catalogItemId: `${item.productId}:${item.skuId}:${availabilityIdOf(item, market)}`,
  };
}

/** The catalog entry a `productId:skuId[:availabilityId]` names, if any. */
export function catalogEntryForItem(catalogItemId: string): CatalogEntry | undefined {
  return byProductId.get((catalogItemId.split(':')[0] ?? '').toUpperCase());
}

/** What an offer id on a subscription (legacy GUID or `productId:skuId[:availabilityId]`) licenses. */
export function offerOf(
  offerId: string,
): { name: string; licenseSkuId: string; isRetired: boolean } | undefined {
  const legacy = legacyOffer(offerId);
  if (legacy) {
    return {
      name: legacy.name,
      licenseSkuId: legacy.licenseSkuId,
      isRetired: legacy.licenseSkuId === LicenseSkuId.office365E4,
    };
  }
  const item = byProductId.get((offerId.split(':')[0] ?? '').toUpperCase());
  if (!item) return undefined;
  return { name: item.title, licenseSkuId: item.licenseSkuId, isRetired: item.key === 'office365E4' };
}
