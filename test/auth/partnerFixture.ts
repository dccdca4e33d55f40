import type { PartnerSeed } from '../../sandbox/seeds/seedTypes.js';

/** Object ids of the fixture's partner users, by what makes each one interesting. */
export const PartnerUserId = {
  globalAdmin: '11111111-0000-4000-8000-000000000001',
  adminAgent: '11111111-0000-4000-8000-000000000002',
  salesAgent: '11111111-0000-4000-8000-000000000003',
  userManagementAdmin: '11111111-0000-4000-8000-000000000004',
  noRole: '11111111-0000-4000-8000-000000000005',
  adminAgentWithoutMfa: '11111111-0000-4000-8000-000000000006',
} as const;

export const BOT_CLIENT = {
  clientId: 'b0b0b0b0-0000-4000-8000-00000000b0b0',
  clientSecret: 'sandbox-secret',
} as const;

/** A small partner like the demo seed (DESIGN §9): one user per role, plus one without MFA. */
export function partnerFixture(): PartnerSeed {
  return {
    tenantId: 'aaaaaaaa-0000-4000-8000-00000000aaaa',
    name: 'Contoso Partner',
    adminAgentsGroupId: 'a9e0a9e0-0000-4000-8000-0000000000a1',
    salesAgentsGroupId: 'a9e0a9e0-0000-4000-8000-0000000000a2',
    users: [
      user(PartnerUserId.globalAdmin, 'gina', 'Gina Global', ['GlobalAdmin'], true),
      user(PartnerUserId.adminAgent, 'adam', 'Adam Agent', ['AdminAgent'], true),
      user(PartnerUserId.salesAgent, 'sara', 'Sara Sales', ['SalesAgent'], true),
      user(PartnerUserId.userManagementAdmin, 'ulla', 'Ulla Users', ['UserManagementAdmin'], true),
      user(PartnerUserId.noRole, 'nils', 'Nils Nobody', [], true),
      user(PartnerUserId.adminAgentWithoutMfa, 'max', 'Max NoMfa', ['AdminAgent'], false),
    ],
  };
}

function user(
  oid: string,
  alias: string,
  displayName: string,
  roles: PartnerSeed['users'][number]['roles'],
  hasMfa: boolean,
): PartnerSeed['users'][number] {
  return { oid, userPrincipalName: `${alias}@contosopartner.onmicrosoft.com`, displayName, roles, hasMfa };
}
