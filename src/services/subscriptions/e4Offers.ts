/**
 * What "Office 365 E4" is in Partner Center's data: the retired legacy offers and the Entra license SKU
 * users hold (shared/reference/partner-center-api.md §12). Other offers can be configured as retired too.
 */

/** Legacy CSP offer ids of Office 365 E4 (commercial and government), upper case. */
export const e4OfferIds: readonly string[] = [
  '8909E28E-5832-42F4-9886-B0A5545F3645',
  '379DC555-DDCB-4CCB-BEBF-37437333E278',
];

/** Entra skuId (`productSku.id`) of Office 365 E4 (`ENTERPRISEWITHSCAL`), lower case. */
export const e4LicenseSkuId = '1392051d-0cb9-4b7a-88d5-621fee5e8711';

/** True when the offer is E4 or one of `extraRetiredOfferIds` (compared case-insensitively). */
export function isRetiredOffer(offerId: string, extraRetiredOfferIds: readonly string[] = []): boolean {
  const id = offerId.toUpperCase();
  return e4OfferIds.includes(id) || extraRetiredOfferIds.some((extra) => extra.toUpperCase() === id);
}
