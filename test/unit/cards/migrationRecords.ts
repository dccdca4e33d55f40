import type { ApprovalCardData } from '../../../src/cards/approvalCard.js';
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

/** When the cards are drawn. */
export const cardsDrawnAt = '2026-02-21T10:00:00.000Z';

/** Moving users: 3 of 10 moved, one pending failure-free round. */
export const movingRecord = migrationRecord({
  state: 'moving_users',
  purchase: bought,
  users: { total: 10, moved: 3, round: 1, failures: [], restored: 0 },
  events: completedEvents.slice(0, 5),
  updatedAt: '2026-02-21T09:45:00.000Z',
});

/** Paused with seven users that failed (codes 60010–60013 and one unknown). */
export const failuresRecord = migrationRecord({
  state: 'paused',
  resumeAt: 'moving_users',
  reason: { code: 'userFailures' },
  purchase: bought,
  users: { total: 10, moved: 3, round: 1, failures: userFailures(7), restored: 0 },
  events: [...completedEvents.slice(0, 5), { at: '2026-02-21T09:46:00.000Z', event: 'userFailures' }],
  updatedAt: '2026-02-21T09:46:00.000Z',
});

/** Paused before buying: the approver's token can't be had. */
export const signInRecord = migrationRecord({
  state: 'paused',
  resumeAt: 'purchasing',
  reason: { code: 'needsSignIn', detail: 'mfa_required' },
  events: completedEvents.slice(0, 2),
  updatedAt: '2026-02-21T09:40:10.000Z',
});

/** Done: 10 users moved, E4 suspended. */
export const completedRecord = migrationRecord({
  state: 'completed',
  purchase: bought,
  users: { total: 10, moved: 10, round: 1, failures: [], restored: 0 },
  e4Suspended: { at: '2026-02-21T09:48:45.000Z' },
  events: completedEvents,
  updatedAt: '2026-02-21T09:48:46.000Z',
});

/** Rolled back after moving 4 users. */
export const rolledBackRecord = migrationRecord({
  state: 'rolled_back',
  purchase: bought,
  users: { total: 10, moved: 4, round: 1, failures: [], restored: 4 },
  events: [
    ...completedEvents.slice(0, 5),
    { at: '2026-02-21T09:45:30.000Z', event: 'rollBackRequested', actor: approver },
    { at: '2026-02-21T09:45:31.000Z', event: 'rolling_back' },
    { at: '2026-02-21T09:47:00.000Z', event: 'rolled_back' },
  ],
  updatedAt: '2026-02-21T09:47:00.000Z',
});

/** Failed: Partner Center refused the purchase. */
export const failedRecord = migrationRecord({
  state: 'failed',
  reason: { code: 'purchaseRefused', detail: '2091: offer not available in market' },
  purchase: { ...bought, orderIds: [], subscriptions: [] },
  events: completedEvents.slice(0, 2),
  updatedAt: '2026-02-21T09:41:00.000Z',
});

/** Fabrikam, option 1, just approved: nobody counted yet. */
export const approvedRecord = migrationRecord({
  id: 'mig-9b3e7d21-1',
  customer: { id: '9b3e7d21-5c4a-4f6b-8e2d-1a0c9f8e7d65', companyName: 'Fabrikam BV', market: 'NL' },
  option: 1,
  updatedAt: '2026-02-21T09:59:00.000Z',
});

/** A long journal: the audit card shows 30 and points to the CSV for the rest. */
export const longJournalRecord = migrationRecord({
  state: 'completed',
  purchase: bought,
  users: { total: 40, moved: 40, round: 1, failures: [], restored: 0 },
  e4Suspended: { at: '2026-02-21T09:48:45.000Z' },
  events: [
    ...completedEvents.slice(0, 5),
    ...Array.from({ length: 32 }, (_, index) => ({
      at: `2026-02-21T09:${String(45 + Math.floor(index / 12)).padStart(2, '0')}:${String((index % 12) * 5).padStart(2, '0')}.000Z`,
      event: 'usersMoved',
      actor: approver,
      requestIds: [`${String(index).padStart(8, '0')}-aaaa-4bbb-8ccc-000000000000`],
    })),
    { at: '2026-02-21T09:48:00.000Z', event: 'customStepFromANewerEngine', detail: 'kept as written' },
    ...completedEvents.slice(5),
  ],
});

/** The approval card's data for Contoso's plan: priced, four-eyes on. */
export const approvalData: ApprovalCardData = {
  approvalId: 'apr-4f1c2a6e-3',
  planHash: 'hash-3f9a',
  customer: { id: '4f1c2a6e-1b7d-4c8e-9a1f-3d2b5e6f7a80', companyName: 'Contoso Nordic AB' },
  e4: {
    subscriptionId: 'a1b2c3d4-0000-4e4e-8000-00000000e401',
    offerName: 'Office 365 Enterprise E4',
    seats: 50,
    lastServiceDay: '2026-03-31',
    daysLeft: 38,
  },
  option: 3,
  targets: migrationRecord().targets,
  quantity: 10,
  usersOnE4: 7,
  termDuration: 'P1Y',
  billingCycle: 'monthly',
  price: { currency: 'SEK', totalPerBillingPeriod: 2685 },
  requester,
  requestedAt: '2026-02-21T09:30:00.000Z',
  expiresAt: '2026-02-28T09:30:00.000Z',
  fourEyes: true,
};

function withoutUsersAndPrice(data: ApprovalCardData): ApprovalCardData {
  const { usersOnE4: _users, price: _price, ...rest } = data;
  return rest;
}

/** Fabrikam's: no price, unknown end date and users, four-eyes off, a substitute for option 1. */
export const unpricedApprovalData: ApprovalCardData = {
  ...withoutUsersAndPrice(approvalData),
  approvalId: 'apr-9b3e7d21-1',
  planHash: 'hash-77c1',
  customer: { id: '9b3e7d21-5c4a-4f6b-8e2d-1a0c9f8e7d65', companyName: 'Fabrikam BV' },
  e4: {
    subscriptionId: 'f0e1d2c3-0000-4e4e-8000-00000000e4f1',
    offerName: 'Office 365 Enterprise E4',
    seats: 12,
  },
  option: 1,
  targets: [
    {
      role: 'base',
      productId: 'CFQ7TTC0LFLZ',
      skuId: '0002',
      licenseSkuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
      catalogItemId: 'CFQ7TTC0LFLZ:0002:CFQ7TTC0LFLZ2',
      isSubstitute: true,
    },
  ],
  quantity: 12,
  fourEyes: false,
};
