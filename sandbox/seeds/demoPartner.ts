import { DemoIds } from './demoIds.js';
import type { PartnerSeed } from './seedTypes.js';

/** The demo partner and its users (one per role, two Admin agents, one without MFA). */
export function demoPartner(): PartnerSeed {
  const upn = (alias: string) => `${alias}@adatumcsp.onmicrosoft.com`;
  const u = DemoIds.partnerUsers;
  return {
    tenantId: DemoIds.partnerTenantId,
    name: 'Adatum CSP',
    adminAgentsGroupId: DemoIds.adminAgentsGroupId,
    salesAgentsGroupId: DemoIds.salesAgentsGroupId,
    users: [
      {
        oid: u.globalAdmin,
        userPrincipalName: upn('greta'),
        displayName: 'Greta Gustafsson',
        roles: ['GlobalAdmin'],
        hasMfa: true,
      },
      {
        oid: u.adminAgent,
        userPrincipalName: upn('anna'),
        displayName: 'Anna Andersson',
        roles: ['AdminAgent'],
        hasMfa: true,
      },
      {
        oid: u.adminAgent2,
        userPrincipalName: upn('adriaan'),
        displayName: 'Adriaan de Wit',
        roles: ['AdminAgent'],
        hasMfa: true,
      },
      {
        oid: u.salesAgent,
        userPrincipalName: upn('sven'),
        displayName: 'Sven Svensson',
        roles: ['SalesAgent'],
        hasMfa: true,
      },
      {
        oid: u.userManagementAdmin,
        userPrincipalName: upn('ulla'),
        displayName: 'Ulla Unger',
        roles: ['UserManagementAdmin'],
        hasMfa: true,
      },
      { oid: u.noRole, userPrincipalName: upn('nils'), displayName: 'Nils Nilsson', roles: [], hasMfa: true },
      {
        oid: u.adminAgentWithoutMfa,
        userPrincipalName: upn('mats'),
        displayName: 'Mats Magnusson',
        roles: ['AdminAgent'],
        hasMfa: false,
      },
    ],
  };
}
