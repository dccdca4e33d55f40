import type { Catalog } from './en.js';

/** Dutch messages. Terms follow the Dutch Partner Center E4 guide (shared/seeds). */
export const nl: Catalog = {
  'option.1.name': 'Optie 1: Office 365 E5',
  'option.2.name': 'Optie 2: Office 365 E3 + Skype voor Bedrijven Cloud PBX',
  'option.3.name': 'Optie 3: Office 365 E3 + Skype voor Bedrijven Plus CAL',
  'option.3.note': 'Prijs- en functionaliteitspariteit met E4',
  'option.4.name': 'Optie 4: Office 365 E3',
  'feature.allE4Features': 'Alle functies van Office 365 Enterprise E4',
  'feature.phoneNumbersInOffice365': 'Telefoonnummers die worden beheerd in Office 365',
  'feature.hybridPhoneNumbers': 'Telefoonnummers die on-premises en in Office 365 worden beheerd (hybride)',
  'feature.pstnCallingPlan': 'Optie voor het toevoegen van een PSTN-abonnement voor spraakbellen',
  'feature.pstnConferencing': 'PSTN-conferencing',
  'feature.advancedCollaborationAnalyticsSecurity':
    "Geavanceerde hulpprogramma's voor samenwerking, analyse en beveiliging",
  'feature.interactiveReports': 'Interactieve rapporten, dashboards en gegevensvisualisaties',
  'feature.dataSecurityCompliance': 'Meer controle over gegevensbeveiliging en naleving',
  'role.GlobalAdmin': 'Globale beheerder',
  'role.UserManagementAdmin': 'Gebruikersbeheerder',
  'role.AdminAgent': 'Beheeragent',
  'role.SalesAgent': 'Verkoopagent',
  'step.buy': 'Het nieuwe abonnement kopen',
  'step.moveUsers': 'Gebruikerslicenties opnieuw toewijzen',
  'step.suspend': 'Het oude abonnement opschorten',
  yes: 'Ja',
  no: 'Nee',
  'signIn.mfa_required': 'Meld u opnieuw aan met meervoudige verificatie om verder te gaan.',
  'signIn.consent_required': 'Een beheerder moet eerst toestemming geven voor toegang tot Partner Center.',
  'signIn.expired': 'Uw aanmelding is verlopen. Meld u opnieuw aan om verder te gaan.',
  'signIn.not_signed_in': 'Meld u aan om verder te gaan.',
  'signIn.unknown_user': 'Uw account is niet bekend in Partner Center voor deze partner.',
  'error.partnerCenterBusy':
    'Partner Center is op dit moment bezet. Probeer het over {seconds} seconden opnieuw.',
  'error.missingGdapRole':
    'U hebt geen GDAP-rol voor {customer}. Vraag om Licentiebeheerder of Gebruikersbeheerder voor deze klant.',
};
