import assert from 'node:assert/strict';

import type { PartnerRole, TokenClaims } from '../../src/services/auth/models.js';
import { isPermitted, PartnerAction, rolesPermittedTo } from '../../src/services/auth/permissions.js';
import type { PartnerAction as Action } from '../../src/services/auth/permissions.js';
import { ClaimsRoleResolver, DirectoryRoleTemplateId } from '../../src/services/auth/roleResolver.js';
import { decodeTokenClaimsUnverified } from '../../src/services/auth/tokenClaims.js';

const GROUPS = { adminAgentsGroupId: 'group-admin-agents', salesAgentsGroupId: 'group-sales-agents' };

describe('ClaimsRoleResolver', () => {
  const resolver = new ClaimsRoleResolver(GROUPS);
  const cases: { name: string; claims: TokenClaims; roles: PartnerRole[] }[] = [
    { name: 'Admin Agents group', claims: { groups: ['group-admin-agents'] }, roles: ['AdminAgent'] },
    {
      name: 'Sales Agents group',
      claims: { groups: ['other', 'group-sales-agents'] },
      roles: ['SalesAgent'],
    },
    {
      name: 'Global Administrator role',
      claims: { wids: [DirectoryRoleTemplateId.globalAdministrator] },
      roles: ['GlobalAdmin'],
    },
    {
      name: 'User Administrator role',
      claims: { wids: [DirectoryRoleTemplateId.userAdministrator] },
      roles: ['UserManagementAdmin'],
    },
    {
      name: 'several at once, in a stable order',
      claims: {
        groups: ['group-sales-agents', 'group-admin-agents'],
        wids: [DirectoryRoleTemplateId.userAdministrator, DirectoryRoleTemplateId.globalAdministrator],
      },
      roles: ['GlobalAdmin', 'AdminAgent', 'SalesAgent', 'UserManagementAdmin'],
    },
    {
      name: 'unrelated groups and roles',
      claims: { groups: ['x'], wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509'] },
      roles: [],
    },
    { name: 'no role claims at all', claims: { oid: 'u' }, roles: [] },
    {
      name: 'a group overage (no groups claim) fails closed',
      claims: { _claim_names: { groups: 'src1' }, wids: [] },
      roles: [],
    },
  ];
  for (const { name, claims, roles } of cases) {
    it(`${name} → ${JSON.stringify(roles)}`, () => {
      assert.deepEqual(resolver.resolve(claims), roles);
    });
  }

  it('reads the claims of a JWT it decodes, dropping claims of the wrong type', () => {
    const payload = {
      oid: 'u1',
      groups: ['group-admin-agents'],
      wids: 'not-an-array',
      amr: ['pwd', 'mfa'],
      name: 7,
    };
    const token = `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;
    const claims = decodeTokenClaimsUnverified(token);
    assert.equal(claims.oid, 'u1');
    assert.equal(claims.wids, undefined);
    assert.equal(claims.name, undefined);
    assert.deepEqual(claims.amr, ['pwd', 'mfa']);
    assert.deepEqual(resolver.resolve(claims), ['AdminAgent']);
  });

  it('refuses to decode something that is not a JWT', () => {
    assert.throws(() => decodeTokenClaimsUnverified('nope'), { name: 'AppError', code: 'token_malformed' });
  });
});

describe('isPermitted (DESIGN §11 policy)', () => {
  const Y = true;
  const N = false;
  // Columns: GlobalAdmin, AdminAgent, SalesAgent, UserManagementAdmin, no role.
  const table: Record<Action, [boolean, boolean, boolean, boolean, boolean]> = {
    readCustomers: [Y, Y, Y, N, N],
    plan: [Y, Y, Y, N, N],
    requestApproval: [Y, Y, Y, N, N],
    approve: [Y, Y, N, N, N],
    resume: [Y, Y, N, N, N],
    rollBack: [Y, Y, N, N, N],
    eraseAudit: [Y, Y, N, N, N],
    setApprovalsChannel: [Y, Y, N, N, N],
    changeReminders: [Y, Y, N, N, N],
    help: [Y, Y, Y, Y, Y],
  };
  const columns: PartnerRole[][] = [
    ['GlobalAdmin'],
    ['AdminAgent'],
    ['SalesAgent'],
    ['UserManagementAdmin'],
    [],
  ];

  it('covers every action', () => {
    assert.deepEqual(Object.keys(table).sort(), Object.values(PartnerAction).sort());
  });

  for (const [action, row] of Object.entries(table) as [Action, boolean[]][]) {
    it(`${action}: ${row.map((allowed) => (allowed ? 'Y' : 'N')).join(' ')}`, () => {
      columns.forEach((roles, index) => {
        assert.equal(isPermitted(roles, action), row[index], `${action} for ${JSON.stringify(roles)}`);
      });
    });
  }

  it('lets a user with several roles do what any of them allows', () => {
    assert.equal(isPermitted(['UserManagementAdmin', 'SalesAgent'], 'plan'), true);
    assert.equal(isPermitted(['UserManagementAdmin', 'SalesAgent'], 'approve'), false);
  });

  it('lets Sales agents read the audit trail but not erase it', () => {
    assert.equal(isPermitted(['SalesAgent'], PartnerAction.readCustomers), true);
    assert.equal(isPermitted(['SalesAgent'], PartnerAction.eraseAudit), false);
    assert.deepEqual([...rolesPermittedTo(PartnerAction.eraseAudit)].sort(), ['AdminAgent', 'GlobalAdmin']);
  });

  it('names who may approve, for the "ask an Admin agent" message', () => {
    assert.deepEqual([...rolesPermittedTo('approve')].sort(), ['AdminAgent', 'GlobalAdmin']);
  });
});
