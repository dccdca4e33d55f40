import type { PartnerUserRef } from '../../../src/services/auth/models.js';
import type {
  MigrationEvent,
  MigrationRecord,
  UserFailure,
} from '../../../src/services/migration/migrationRecord.js';

/** Migration journals shaped like the engine's, for the cards and the action rule. */

export const partnerTenantId = '7c1e0000-0000-4000-8000-00000000aaaa';
export const requester: PartnerUserRef = { oid: 'oid-sara', tenantId: partnerTenantId, name: 'Sara Lind' };
export const approver: PartnerUserRef = { oid: 'oid-jan', tenantId: partnerTenantId, name: 'Jan de Vries' };

/** Contoso, option 3, 10 users, approved and about to buy; `overrides` moves it along. */
export function migrationRecord(overrides: Partial<MigrationRecord> = {}): MigrationRecord {
  return {
    id: 'mig-4f1c2a6e-3',
    approvalId: 'apr-4f1c2a6e-3',
    planHash: 'hash-3f9a',
    correlationId: '0b7c9d1e-2f3a-4b5c-8d6e-7f8091a2b3c4',
    customer: { id: '4f1c2a6e-1b7d-4c8e-9a1f-3d2b5e6f7a80', companyName: 'Contoso Nordic AB', market: 'SE' },
    e4: {
      subscriptionId: 'a1b2c3d4-0000-4e4e-8000-00000000e401',
      offerName: 'Office 365 Enterprise E4',
      licenseSkuId: '1392051d-0cb9-4b7a-88d5-621fee5e8711',
      seats: 50,
    },
    option: 3,
    targets: [
      {
        role: 'base',
        productId: 'CFQ7TTC0LF8R',
        skuId: '0001',
        licenseSkuId: '6fd2c87f-b296-42f0-b197-1e91e994b900',
        catalogItemId: 'CFQ7TTC0LF8R:0001:CFQ7TTC0LF8R1',
        isSubstitute: false,
      },
      {
        role: 'addOn',
        productId: 'CFQ7TTC0PLUS',
        skuId: '0001',
        licenseSkuId: 'd9a7ee32-2b47-4a4e-9d7a-9a2d5e6c0f11',
        catalogItemId: 'CFQ7TTC0PLUS:0001:CFQ7TTC0PLUS1',
        isSubstitute: false,
      },
    ],
    quantity: 10,
    termDuration: 'P1Y',
    billingCycle: 'monthly',
    requester,
    approver,
    actingUser: approver,
    language: 'en',
    requestConversationId: 'a:conversation-1',
    state: 'approved',
    purchase: { attempt: 0, orderIds: [], subscriptions: [] },
    users: { total: 0, moved: 0, round: 1, failures: [], restored: 0 },
    events: [{ at: '2026-02-21T09:40:00.000Z', event: 'approved', actor: approver, requestIds: [] }],
    createdAt: '2026-02-21T09:40:00.000Z',
    updatedAt: '2026-02-21T09:40:00.000Z',
    ...overrides,
  };
}

/** A purchase recorded as intended and done (a cart, an order, two subscriptions). */
export const bought: MigrationRecord['purchase'] = {
  intentAt: '2026-02-21T09:41:00.000Z',
  attempt: 1,
  cartId: 'cart-1',
  orderIds: ['order-1'],
  subscriptions: [
    {
      role: 'base',
      subscriptionId: 'sub-new-base',
      licenseSkuId: '6fd2c87f-b296-42f0-b197-1e91e994b900',
      orderId: 'order-1',
    },
    {
      role: 'addOn',
      subscriptionId: 'sub-new-addon',
      licenseSkuId: 'd9a7ee32-2b47-4a4e-9d7a-9a2d5e6c0f11',
      orderId: 'order-1',
    },
  ],
};

/** The journal of a migration that went all the way, in order. */
export const completedEvents: MigrationEvent[] = [
  { at: '2026-02-21T09:40:00.000Z', event: 'approved', actor: approver },
  { at: '2026-02-21T09:40:05.000Z', event: 'purchasing', actor: approver },
  {
    at: '2026-02-21T09:41:12.000Z',
    event: 'purchased',
    actor: approver,
    requestIds: ['9e0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b'],
    partnerCenterIds: ['cart-1', 'order-1'],
  },
  { at: '2026-02-21T09:41:13.000Z', event: 'provisioning' },
  { at: '2026-02-21T09:44:30.000Z', event: 'moving_users' },
  { at: '2026-02-21T09:47:02.000Z', event: 'verifying' },
  { at: '2026-02-21T09:48:40.000Z', event: 'suspending' },
  {
    at: '2026-02-21T09:48:45.000Z',
    event: 'e4Suspended',
    actor: approver,
    requestIds: ['1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'],
  },
  { at: '2026-02-21T09:48:46.000Z', event: 'completed' },
];

/** Users who failed with each Partner Center code the card explains, and one it doesn't. */
export function userFailures(count: number): UserFailure[] {
  const codes: [string, string][] = [
    ['60010', 'Usage location is required.'],
    ['60011', 'License is assigned through a group.'],
    ['60012', 'Not enough licenses available.'],
    ['60013', 'Conflicting service plans.'],
    ['unknown', 'The user was deleted.'],
  ];
  return Array.from({ length: count }, (_, index) => {
    const [code, description] = codes[index % codes.length] ?? ['unknown', ''];
    return {
      userId: `user-${index + 1}`,
      userPrincipalName: `user${index + 1}@contoso.onmicrosoft.com`,
      code,
      description,
      round: 1,
    };
  });
}
