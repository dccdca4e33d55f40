import type { Catalog } from './en.js';

/** Swedish messages. Terms follow the Swedish Partner Center E4 guide (shared/seeds). */
export const sv: Catalog = {
  'option.1.name': 'Alternativ 1: Office 365 E5',
  'option.2.name': 'Alternativ 2: Office 365 E3 + Skype för företag – Cloud PBX',
  'option.3.name': 'Alternativ 3: Office 365 E3 + Skype för företag Plus CAL',
  'option.3.note': 'Pris- och funktionsparitet med E4',
  'option.4.name': 'Alternativ 4: Office 365 E3',
  'feature.allE4Features': 'Alla funktioner som ingår i Office 365 Enterprise E4',
  'feature.phoneNumbersInOffice365': 'Telefonnummer som hanteras i Office 365',
  'feature.hybridPhoneNumbers':
    'Telefonnummer som hanteras både lokalt och i Office 365 (hybriddistribution)',
  'feature.pstnCallingPlan': 'Möjlighet att lägga till en PSTN-plan för röstsamtal',
  'feature.pstnConferencing': 'PSTN-konferens',
  'feature.advancedCollaborationAnalyticsSecurity': 'Avancerade verktyg för samarbete, analys och säkerhet',
  'feature.interactiveReports': 'Interaktiva rapporter, instrumentpaneler och datavisualiseringar',
  'feature.dataSecurityCompliance': 'Mer kontroll över datasäkerhet och efterlevnad',
  'role.GlobalAdmin': 'Global administratör',
  'role.UserManagementAdmin': 'Administratör för användarhantering',
  'role.AdminAgent': 'Administratörsagent',
  'role.SalesAgent': 'Försäljningsagent',
  'step.buy': 'Köp den nya prenumerationen',
  'step.moveUsers': 'Tilldela om användarnas licenser',
  'step.suspend': 'Pausa den gamla prenumerationen',
  yes: 'Ja',
  no: 'Nej',
  'signIn.mfa_required': 'Logga in igen med multifaktorautentisering för att fortsätta.',
  'signIn.consent_required': 'En administratör måste först godkänna appens åtkomst till Partnercenter.',
  'signIn.expired': 'Din inloggning har gått ut. Logga in igen för att fortsätta.',
  'signIn.not_signed_in': 'Logga in för att fortsätta.',
  'signIn.unknown_user': 'Ditt konto är inte känt i Partnercenter för den här partnern.',
  'error.partnerCenterBusy': 'Partnercenter är upptaget just nu. Försök igen om {seconds} sekunder.',
  'error.missingGdapRole':
    'Du saknar en GDAP-roll för {customer}. Be om licensadministratör eller användaradministratör för kunden.',
};
