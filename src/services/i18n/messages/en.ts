/**
 * English messages: the reference catalog. Every key here must exist in sv.ts and nl.ts (the compiler
 * checks the keys, a test the `{placeholders}`). Domain terms follow the Partner Center E4 guide.
 */
export const en = {
  'option.1.name': 'Option 1: Office 365 E5',
  'option.2.name': 'Option 2: Office 365 E3 + Skype for Business Cloud PBX',
  'option.3.name': 'Option 3: Office 365 E3 + Skype for Business Plus CAL',
  'option.3.note': 'Price and feature parity with E4',
  'option.4.name': 'Option 4: Office 365 E3',
  'feature.allE4Features': 'All Office 365 Enterprise E4 features',
  'feature.phoneNumbersInOffice365': 'Phone numbers managed in Office 365',
  'feature.hybridPhoneNumbers': 'Phone numbers managed on-premises and in Office 365 (hybrid)',
  'feature.pstnCallingPlan': 'Option to add a PSTN calling plan',
  'feature.pstnConferencing': 'PSTN conferencing',
  'feature.advancedCollaborationAnalyticsSecurity': 'Advanced collaboration, analytics and security tools',
  'feature.interactiveReports': 'Interactive reports, dashboards and data visualisations',
  'feature.dataSecurityCompliance': 'More control of data security and compliance',
  'role.GlobalAdmin': 'Global admin',
  'role.UserManagementAdmin': 'User management admin',
  'role.AdminAgent': 'Admin agent',
  'role.SalesAgent': 'Sales agent',
  'step.buy': 'Buy the new subscription',
  'step.moveUsers': 'Reassign the users’ licenses',
  'step.suspend': 'Suspend the old subscription',
  yes: 'Yes',
  no: 'No',
  'signIn.mfa_required': 'Sign in again with multi-factor authentication to continue.',
  'signIn.consent_required': 'An administrator must consent to Partner Center access for this app first.',
  'signIn.expired': 'Your sign-in has expired. Sign in again to continue.',
  'signIn.not_signed_in': 'Sign in to continue.',
  'signIn.unknown_user': 'Your account is not known to Partner Center for this partner.',
  'error.partnerCenterBusy': 'Partner Center is busy right now. Try again in {seconds} seconds.',
  'error.missingGdapRole':
    'You lack a GDAP role for {customer}. Ask for License Administrator or User Administrator for this customer.',
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
