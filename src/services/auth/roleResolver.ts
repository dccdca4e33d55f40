import { PARTNER_ROLES } from './models.js';
import type { PartnerRole, TokenClaims } from './models.js';

/** Turns a signed-in partner user's claims into partner roles (DESIGN §11). */
export interface RoleResolver {
  resolve(claims: TokenClaims): PartnerRole[];
}

/** Directory role template ids as Entra emits them in `wids` (the same in every tenant). */
export const DirectoryRoleTemplateId = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
} as const;

/** The partner tenant's security groups that carry Partner Center agent roles (configuration). */
export interface PartnerRoleGroups {
  /** Object id of the "Admin Agents" group. */
  adminAgentsGroupId: string;
  /** Object id of the "Sales Agents" group. */
  salesAgentsGroupId: string;
}

/**
 * Reads roles from the token's `groups` (Admin Agents, Sales Agents) and `wids` (Global Administrator,
 * User Administrator). Production tokens and the sandbox's carry the same claims, so this one
 * implementation serves both. A user in more than ~200 groups gets an overage marker instead of
 * `groups`; such a user resolves without the agent roles (fail closed) until a Graph lookup is added.
 */
export class ClaimsRoleResolver implements RoleResolver {
  constructor(private readonly groups: PartnerRoleGroups) {}

  resolve(claims: TokenClaims): PartnerRole[] {
    const groupIds = new Set(claims.groups ?? []);
    const roleTemplateIds = new Set(claims.wids ?? []);
    const held: Record<PartnerRole, boolean> = {
      GlobalAdmin: roleTemplateIds.has(DirectoryRoleTemplateId.globalAdministrator),
      AdminAgent: groupIds.has(this.groups.adminAgentsGroupId),
      SalesAgent: groupIds.has(this.groups.salesAgentsGroupId),
      UserManagementAdmin: roleTemplateIds.has(DirectoryRoleTemplateId.userAdministrator),
    };
    return PARTNER_ROLES.filter((role) => held[role]);
  }
}
