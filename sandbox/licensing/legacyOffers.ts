import { LicenseSkuId } from './licenseSkus.js';

/** A legacy (pre new-commerce) offer: readable on existing subscriptions, never buyable through carts. */
export interface LegacyOffer {
  offerId: string;
  name: string;
  licenseSkuId: string;
}

/** Legacy offer ids (shared/reference/partner-center-api.md §12). */
export const LegacyOfferId = {
  office365E4: '8909E28E-5832-42F4-9886-B0A5545F3645',
  office365E4Government: '379DC555-DDCB-4CCB-BEBF-37437333E278',
  office365E3: '796B6B5F-613C-4E24-A17C-EBA730D49C02',
  skypeCloudPbx: '4260988E-990D-479C-AE7B-F01CE8E1BB4D',
  skypePlusCal: 'FC233C3F-25BC-4BBA-8984-860CE561AF86',
} as const;

const legacyOffers: LegacyOffer[] = [
  {
    offerId: LegacyOfferId.office365E4,
    name: 'Office 365 Enterprise E4',
    licenseSkuId: LicenseSkuId.office365E4,
  },
  {
    offerId: LegacyOfferId.office365E4Government,
    name: 'Office 365 Enterprise E4 for Government',
    licenseSkuId: LicenseSkuId.office365E4,
  },
  {
    offerId: LegacyOfferId.office365E3,
    name: 'Office 365 Enterprise E3',
    licenseSkuId: LicenseSkuId.office365E3,
  },
  {
    offerId: LegacyOfferId.skypeCloudPbx,
    name: 'Skype for Business Cloud PBX',
    licenseSkuId: LicenseSkuId.phoneSystem,
  },
  {
    offerId: LegacyOfferId.skypePlusCal,
    name: 'Skype for Business Plus CAL',
    licenseSkuId: LicenseSkuId.skypePlusCal,
  },
];

const legacyById = new Map(legacyOffers.map((offer) => [offer.offerId.toUpperCase(), offer]));

/** A legacy offer by id (case-insensitive). */
export function legacyOffer(offerId: string): LegacyOffer | undefined {
  return legacyById.get(offerId.toUpperCase());
}
