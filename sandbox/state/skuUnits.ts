import type { CustomerState } from './customerState.js';

/**
 * Seats per license SKU, summed over the customer's subscriptions, and what state the SKU is in.
 * Status mapping (Entra's prepaid-unit states): `active` seats are active units; `expired` ones are
 * warning units (grace period: licenses still work, none can be added); `suspended` and `disabled`
 * ones are suspended units (licenses stop working). Pending and deleted subscriptions add nothing.
 */
export interface SkuUnits {
  skuId: string;
  activeUnits: number;
  warningUnits: number;
  suspendedUnits: number;
  /** `Enabled` with active units, else `Warning`, else `Suspended`, else `Deleted`. */
  capabilityStatus: 'Enabled' | 'Warning' | 'Suspended' | 'Deleted';
  /** Whether any subscription of the SKU is past `pending` (so the SKU exists in the tenant). */
  isProvisioned: boolean;
  /** Whether any subscription of the SKU is not deleted (the SKU is still the customer's). */
  hasLiveSubscription: boolean;
}

/** Seats of every SKU the customer has a subscription for. Cost: one pass over its subscriptions. */
export function skuUnitsOf(customer: CustomerState): Map<string, SkuUnits> {
  const units = new Map<string, SkuUnits>();
  for (const sub of customer.subscriptions.values()) {
    if (!sub.licenseSkuId) continue;
    const entry = units.get(sub.licenseSkuId) ?? {
      skuId: sub.licenseSkuId,
      activeUnits: 0,
      warningUnits: 0,
      suspendedUnits: 0,
      capabilityStatus: 'Deleted',
      isProvisioned: false,
      hasLiveSubscription: false,
    };
    if (sub.status === 'active') entry.activeUnits += sub.quantity;
    else if (sub.status === 'expired') entry.warningUnits += sub.quantity;
    else if (sub.status === 'suspended' || sub.status === 'disabled') entry.suspendedUnits += sub.quantity;
    if (sub.status !== 'pending') entry.isProvisioned = true;
    if (sub.status !== 'deleted') entry.hasLiveSubscription = true;
    units.set(sub.licenseSkuId, entry);
  }
  for (const entry of units.values()) {
    entry.capabilityStatus =
      entry.activeUnits > 0
        ? 'Enabled'
        : entry.warningUnits > 0
          ? 'Warning'
          : entry.suspendedUnits > 0
            ? 'Suspended'
            : 'Deleted';
  }
  return units;
}

/** Whether a license of the SKU gives its holder service (its SKU is enabled or in grace). */
export function licenseWorks(units: Map<string, SkuUnits>, skuId: string): boolean {
  const status = units.get(skuId.toLowerCase())?.capabilityStatus;
  return status === 'Enabled' || status === 'Warning';
}
