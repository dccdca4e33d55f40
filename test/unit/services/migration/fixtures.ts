import { e4LicenseSkuId } from '../../../../src/services/subscriptions/e4Offers.js';
import type {
  Customer,
  License,
  ServicePlan,
  SubscribedSku,
  Subscription,
} from '../../../../src/services/partner-center/models.js';
import type { FakeUser } from './fakePartnerCenter.js';

/** Small builders of Partner Center shapes for the migration unit tests. */

export const customerId = 'c0000000-0000-4000-8000-000000000001';
export const e4SubscriptionId = '5b000000-0001-4000-8000-000000000001';
export const e4OfferId = '8909E28E-5832-42F4-9886-B0A5545F3645';

export function customer(country = 'US'): Customer {
  return {
    id: customerId,
    companyProfile: { tenantId: 't', domain: 'contoso.example', companyName: 'Contoso' },
    billingProfile: { defaultAddress: { country } },
    relationshipToPartner: 'reseller',
    attributes: { objectType: 'Customer' },
  };
}

export function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: e4SubscriptionId,
    offerId: e4OfferId,
    offerName: 'Office 365 Enterprise E4',
    friendlyName: 'E4',
    quantity: 12,
    unitType: 'Licenses',
    creationDate: '2020-01-01',
    effectiveStartDate: '2020-01-01',
    commitmentEndDate: '2026-12-31',
    status: 'active',
    autoRenewEnabled: false,
    billingType: 'license',
    billingCycle: 'monthly',
    isTrial: false,
    contractType: 'legacy',
    attributes: { objectType: 'Subscription' },
    ...overrides,
  };
}

const plan = (serviceName: string, id: string, capabilityStatus = 'Enabled'): ServicePlan => ({
  serviceName,
  id,
  displayName: serviceName,
  capabilityStatus,
  targetType: 'User',
});

export const yammerPlanId = '7547a3fe-08ee-4ccb-b430-5077c5041653';
export const voiceConfPlanId = '27216c54-caf8-4d0d-97e2-517afb5c08f6';

/** An E4 license; `disabled` lists service names to show as excluded. */
export function e4License(disabled: string[] = [], assignedByGroup?: string): License {
  const plans = [
    plan('EXCHANGE_S_ENTERPRISE', 'efb87545-963c-4e0d-99df-69c6916d9eb0'),
    plan('YAMMER_ENTERPRISE', yammerPlanId),
    plan('MCOVOICECONF', voiceConfPlanId),
  ].map((entry) =>
    disabled.includes(entry.serviceName) ? { ...entry, capabilityStatus: 'Disabled' } : entry,
  );
  const license: License = {
    servicePlans: plans,
    productSku: {
      id: e4LicenseSkuId,
      name: 'E4',
      skuPartNumber: 'ENTERPRISEWITHSCAL',
      licenseGroupId: 'group1',
    },
    attributes: { objectType: 'License' },
  };
  if (assignedByGroup) license.assignedByGroup = assignedByGroup;
  return license;
}

export function otherLicense(): License {
  return {
    servicePlans: [],
    productSku: { id: 'other-sku', name: 'Other', skuPartNumber: 'OTHER', licenseGroupId: 'group1' },
    attributes: { objectType: 'License' },
  };
}

/** User n; `usageLocation` null means none. */
export function user(n: number, licenses: License[], usageLocation: string | null = 'US'): FakeUser {
  const id = `e0000000-0001-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    user: {
      id,
      userPrincipalName: `user${n}@contoso.example`,
      displayName: `User ${n}`,
      userDomainType: 'none',
      state: 'active',
      attributes: { objectType: 'CustomerUser' },
      ...(usageLocation && { usageLocation }),
    },
    licenses,
  };
}

export function e4Sku(consumedUnits: number, activeUnits = 12): SubscribedSku {
  return {
    availableUnits: activeUnits - consumedUnits,
    activeUnits,
    consumedUnits,
    suspendedUnits: 0,
    totalUnits: activeUnits,
    warningUnits: 0,
    productSku: {
      id: e4LicenseSkuId,
      name: 'E4',
      skuPartNumber: 'ENTERPRISEWITHSCAL',
      licenseGroupId: 'group1',
    },
    servicePlans: [],
    capabilityStatus: 'Enabled',
    attributes: { objectType: 'SubscribedSku' },
  };
}
