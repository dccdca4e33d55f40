/**
 * Service plans the sandbox's license SKUs carry. Names and ids follow Microsoft's "Product names and
 * service plan identifiers for licensing" reference (learn.microsoft.com/entra/identity/users/
 * licensing-service-plan-reference); ids marked "made up" are the sandbox's own.
 */

/**
 * Plans in the same conflict group can't be held twice through two different licenses: the directory
 * refuses, for example, two Exchange Online mailboxes for one user. This is why E4 must be removed in
 * the same call that assigns E3 or E5.
 */
export type PlanConflictGroup = 'exchangeMailbox' | 'sharePoint';

/** One service plan. */
export interface ServicePlanDefinition {
  id: string;
  serviceName: string;
  displayName: string;
  conflictGroup?: PlanConflictGroup;
}

const plan = (
  id: string,
  serviceName: string,
  displayName: string,
  conflictGroup?: PlanConflictGroup,
): ServicePlanDefinition =>
  conflictGroup ? { id, serviceName, displayName, conflictGroup } : { id, serviceName, displayName };

/** The plans, by service name. */
export const ServicePlans = {
  EXCHANGE_S_ENTERPRISE: plan(
    'efb87545-963c-4e0d-99df-69c6916d9eb0',
    'EXCHANGE_S_ENTERPRISE',
    'Exchange Online (Plan 2)',
    'exchangeMailbox',
  ),
  SHAREPOINTENTERPRISE: plan(
    '5dbe027f-2339-4123-9542-606e4d348a72',
    'SHAREPOINTENTERPRISE',
    'SharePoint Online (Plan 2)',
    'sharePoint',
  ),
  SHAREPOINTWAC: plan('e95bec33-7c88-4a70-8e19-b10bd9d0c014', 'SHAREPOINTWAC', 'Office for the Web'),
  MCOSTANDARD: plan(
    '0feaeb32-d00e-4d66-bd5a-43b5b83db82c',
    'MCOSTANDARD',
    'Skype for Business Online (Plan 2)',
  ),
  MCOVOICECONF: plan(
    '27216c54-caf8-4d0d-97e2-517afb5c08f6',
    'MCOVOICECONF',
    'Skype for Business Online (Plan 3)',
  ),
  OFFICESUBSCRIPTION: plan(
    '43de0ff5-c92c-492b-9116-175376d08c38',
    'OFFICESUBSCRIPTION',
    'Microsoft 365 Apps for enterprise',
  ),
  TEAMS1: plan('57ff2da0-773e-42df-b2af-ffb7a2317929', 'TEAMS1', 'Microsoft Teams'),
  YAMMER_ENTERPRISE: plan('7547a3fe-08ee-4ccb-b430-5077c5041653', 'YAMMER_ENTERPRISE', 'Yammer Enterprise'),
  RMS_S_ENTERPRISE: plan(
    'bea4c11e-220a-4e6d-8eb8-8ea15d019f90',
    'RMS_S_ENTERPRISE',
    'Azure Rights Management',
  ),
  MCOMEETADV: plan('3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40', 'MCOMEETADV', 'Microsoft 365 Audio Conferencing'),
  MCOEV: plan('4828c8ec-dc2e-4779-b502-87ac9ce28ab7', 'MCOEV', 'Microsoft 365 Phone System'),
  LOCKBOX_ENTERPRISE: plan('9f431833-0334-42de-a7dc-70aa40db46db', 'LOCKBOX_ENTERPRISE', 'Customer Lockbox'),
  ATP_ENTERPRISE: plan(
    'f20fedf3-f3c3-43c3-8267-2bfdd51c0939',
    'ATP_ENTERPRISE',
    'Microsoft Defender for Office 365 (Plan 1)',
  ),
  THREAT_INTELLIGENCE: plan(
    '8e0c0a52-6a6c-4d40-8370-dd62790dcd70',
    'THREAT_INTELLIGENCE',
    'Microsoft Defender for Office 365 (Plan 2)',
  ),
  BI_AZURE_P2: plan('70d33638-9c74-4d01-bfd3-562de28bd4ba', 'BI_AZURE_P2', 'Power BI Pro'),
  EQUIVIO_ANALYTICS: plan(
    '4de31727-a228-4ec3-a5bf-8e45b5ca48cc',
    'EQUIVIO_ANALYTICS',
    'Office 365 Advanced eDiscovery',
  ),
  AAD_PREMIUM: plan('41781fb2-bc02-4b7c-bd55-b576c07bb09d', 'AAD_PREMIUM', 'Microsoft Entra ID P1'),
  AAD_PREMIUM_P2: plan('eec0eb4f-6444-4f95-aba0-50c24d67f998', 'AAD_PREMIUM_P2', 'Microsoft Entra ID P2'),
  INTUNE_A: plan('c1ec4a95-1f05-45b3-a911-aa3fa01094f5', 'INTUNE_A', 'Microsoft Intune Plan 1'),
  /** Made up: the Plus CAL is retired and absent from the current reference. */
  MCOPLUSCAL: plan('5b7c0c55-cafe-4c2b-9a7e-00000000ca11', 'MCOPLUSCAL', 'Skype for Business Plus CAL'),
  /** Made up (group2 example: Minecraft licenses live in another license group). */
  MINECRAFT_EDUCATION_EDITION: plan(
    '4c246bbc-f513-4311-beff-eba54c353256',
    'MINECRAFT_EDUCATION_EDITION',
    'Minecraft Education',
  ),
} as const satisfies Record<string, ServicePlanDefinition>;
