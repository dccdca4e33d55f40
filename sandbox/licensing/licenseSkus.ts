import { ServicePlans, type ServicePlanDefinition } from './servicePlans.js';

/**
 * Entra license SKUs (the `productSku.id` / `skuId` of subscribed SKUs and license updates) the sandbox
 * knows, with their service plans. SkuIds are Microsoft's real ones except where marked "made up".
 */

/** A license SKU as the directory knows it. */
export interface LicenseSkuDefinition {
  /** Entra skuId (lower case). */
  skuId: string;
  skuPartNumber: string;
  name: string;
  /** `group1` = Azure AD managed (Office 365 and friends); `group2` = Minecraft and the like. */
  licenseGroupId: 'group1' | 'group2';
  servicePlans: ServicePlanDefinition[];
}

/** The skuIds, by short name. */
export const LicenseSkuId = {
  office365E4: '1392051d-0cb9-4b7a-88d5-621fee5e8711',
  office365E3: '6fd2c87f-b296-42f0-b197-1e91e994b900',
  office365E5: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
  microsoft365E3: '05e9a617-0261-4cee-bb44-138d3ef5d965',
  microsoft365E5: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
  phoneSystem: 'e43b5b99-8dfb-405f-9987-dc307f34bcbd',
  /** Made up: the retired Plus CAL SKU is absent from Microsoft's current reference. */
  skypePlusCal: '5b7c0c55-0000-4c2b-9a7e-5f0b0e4e2ca1',
  /** Made up: a group2 SKU, used to show that license groups can't be mixed in one request. */
  minecraftEducation: '4c2468bc-0000-4311-beff-eba54c35e0ed',
} as const;

const P = ServicePlans;
const office365E3Plans = [
  P.EXCHANGE_S_ENTERPRISE,
  P.SHAREPOINTENTERPRISE,
  P.SHAREPOINTWAC,
  P.MCOSTANDARD,
  P.OFFICESUBSCRIPTION,
  P.TEAMS1,
  P.YAMMER_ENTERPRISE,
  P.RMS_S_ENTERPRISE,
];
const office365E5Plans = [
  ...office365E3Plans,
  P.MCOMEETADV,
  P.MCOEV,
  P.LOCKBOX_ENTERPRISE,
  P.ATP_ENTERPRISE,
  P.THREAT_INTELLIGENCE,
  P.BI_AZURE_P2,
  P.EQUIVIO_ANALYTICS,
];

const definitions: LicenseSkuDefinition[] = [
  {
    skuId: LicenseSkuId.office365E4,
    skuPartNumber: 'ENTERPRISEWITHSCAL',
    name: 'Office 365 Enterprise E4',
    licenseGroupId: 'group1',
    servicePlans: [
      P.EXCHANGE_S_ENTERPRISE,
      P.SHAREPOINTENTERPRISE,
      P.SHAREPOINTWAC,
      P.MCOSTANDARD,
      P.MCOVOICECONF,
      P.OFFICESUBSCRIPTION,
      P.YAMMER_ENTERPRISE,
      P.RMS_S_ENTERPRISE,
    ],
  },
  {
    skuId: LicenseSkuId.office365E3,
    skuPartNumber: 'ENTERPRISEPACK',
    name: 'Office 365 E3',
    licenseGroupId: 'group1',
    servicePlans: office365E3Plans,
  },
  {
    skuId: LicenseSkuId.office365E5,
    skuPartNumber: 'ENTERPRISEPREMIUM',
    name: 'Office 365 E5',
    licenseGroupId: 'group1',
    servicePlans: office365E5Plans,
  },
  {
    skuId: LicenseSkuId.microsoft365E3,
    skuPartNumber: 'SPE_E3',
    name: 'Microsoft 365 E3',
    licenseGroupId: 'group1',
    servicePlans: [...office365E3Plans, P.AAD_PREMIUM, P.INTUNE_A],
  },
  {
    skuId: LicenseSkuId.microsoft365E5,
    skuPartNumber: 'SPE_E5',
    name: 'Microsoft 365 E5',
    licenseGroupId: 'group1',
    servicePlans: [...office365E5Plans, P.AAD_PREMIUM, P.AAD_PREMIUM_P2, P.INTUNE_A],
  },
  {
    skuId: LicenseSkuId.phoneSystem,
    skuPartNumber: 'MCOEV',
    name: 'Microsoft Teams Phone Standard',
    licenseGroupId: 'group1',
    servicePlans: [P.MCOEV],
  },
  {
    skuId: LicenseSkuId.skypePlusCal,
    skuPartNumber: 'MCOPLUSCAL',
    name: 'Skype for Business Plus CAL',
    licenseGroupId: 'group1',
    servicePlans: [P.MCOPLUSCAL],
  },
  {
    skuId: LicenseSkuId.minecraftEducation,
    skuPartNumber: 'MEE_STUDENT',
    name: 'Minecraft Education',
    licenseGroupId: 'group2',
    servicePlans: [P.MINECRAFT_EDUCATION_EDITION],
  },
];

const bySkuId = new Map(definitions.map((definition) => [definition.skuId, definition]));

/** A license SKU by skuId (case-insensitive), or undefined. */
export function licenseSku(skuId: string): LicenseSkuDefinition | undefined {
  return bySkuId.get(skuId.toLowerCase());
}

/** Every license SKU the sandbox knows. */
export function allLicenseSkus(): readonly LicenseSkuDefinition[] {
  return definitions;
}
