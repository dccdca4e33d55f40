import type { PartnerRole, PartnerSeed, PartnerUserSeed } from '../seeds/seedTypes.js';
import { DirectoryRoleTemplateId } from './entraConstants.js';

/** The role-bearing claims of a partner user's token, as Entra emits them. */
export interface RoleClaims {
  /** Security group object ids (Admin Agents, Sales Agents). */
  groups: string[];
  /** Directory role template ids (Global Administrator, User Administrator). */
  wids: string[];
}

/**
 * Translates seed roles into the claims production reads (DESIGN §11), so the bot's one
 * `ClaimsRoleResolver` serves both the sandbox and a real partner tenant.
 */
export function roleClaimsFor(roles: readonly PartnerRole[], partner: PartnerSeed): RoleClaims {
  const groups = new Set<string>();
  const wids = new Set<string>();
  for (const role of roles) {
    switch (role) {
      case 'AdminAgent':
        groups.add(partner.adminAgentsGroupId);
        break;
      case 'SalesAgent':
        groups.add(partner.salesAgentsGroupId);
        break;
      case 'GlobalAdmin':
        wids.add(DirectoryRoleTemplateId.globalAdministrator);
        break;
      case 'UserManagementAdmin':
        wids.add(DirectoryRoleTemplateId.userAdministrator);
        break;
    }
  }
  return { groups: [...groups], wids: [...wids] };
}

/** Authentication methods as Entra lists them in `amr`; Partner Center looks for `mfa` (App+User). */
export function amrFor(hasMfa: boolean): string[] {
  return hasMfa ? ['pwd', 'mfa'] : ['pwd'];
}

/** Finds a partner user by object id or user principal name (case-insensitive, as Entra matches UPNs). */
export function findPartnerUser(
  partner: PartnerSeed,
  by: { oid?: string; userPrincipalName?: string },
): PartnerUserSeed | undefined {
  if (by.oid !== undefined) return partner.users.find((user) => user.oid === by.oid);
  const upn = by.userPrincipalName?.toLowerCase();
  if (upn === undefined) return undefined;
  return partner.users.find((user) => user.userPrincipalName.toLowerCase() === upn);
}
