import assert from 'node:assert/strict';
import type { ApprovalRequest } from '../../../../src/services/approvals/approvalRequest.js';
import {
  approvalRequestId,
  type ApprovalChange,
  type ApprovalRequestStore,
} from '../../../../src/services/approvals/approvalRequestStore.js';
import { ApprovalDecisions } from '../../../../src/services/approvals/approvalDecisions.js';
import type { MigrationJournal } from '../../../../src/services/migration/migrationJournal.js';
import type { MigrationRecord } from '../../../../src/services/migration/migrationRecord.js';

const customerId = 'c0000000-0000-4000-8000-000000000001';
const planHash = 'a'.repeat(64);
const requester = { oid: 'requester', tenantId: 't', name: 'Requester' };
const first = { oid: 'first-approver', tenantId: 't', name: 'First' };
const second = { oid: 'second-approver', tenantId: 't', name: 'Second' };

function pending(): ApprovalRequest {
  return {
    id: approvalRequestId(customerId, planHash),
    planHash,
    customerId,
    customerName: 'Contoso',
    e4SubscriptionId: 'e4',
    e4: { subscriptionId: 'e4', offerName: 'Office 365 Enterprise E4', licenseSkuId: 'sku', seats: 10 },
    targets: [],
    option: 2,
    quantity: 10,
    termDuration: 'P1Y',
    billingCycle: 'monthly',
    requester,
    requestedAt: '2026-11-23T10:00:00.000Z',
    expiresAt: '2026-11-24T10:00:00.000Z',
    language: 'en',
    round: 0,
    conversationId: 'a:chat',
    status: 'requested',
  };
}

/**
 * A store whose first write loses the compare-and-swap to another instance's decision, as Azure Blob's
 * 412 makes it: the change runs again on what the other instance wrote.
 */
function storeLosingTheFirstWriteTo(decidedElsewhere: (request: ApprovalRequest) => ApprovalRequest) {
  let stored = pending();
  let writes = 0;
  const store: Pick<ApprovalRequestStore, 'get' | 'update'> = {
    get: () => Promise.resolve(structuredClone(stored)),
    update: (_id: string, change: ApprovalChange) => {
      const attempt = change(structuredClone(stored));
      if (attempt && writes++ === 0) {
        stored = decidedElsewhere(stored); // our write lost: someone else's is there now
        const retried = change(structuredClone(stored));
        if (retried) stored = retried;
      } else if (attempt) {
        stored = attempt;
      }
      return Promise.resolve(structuredClone(stored));
    },
  };
  return { store, stored: () => stored };
}

function decisions(store: Pick<ApprovalRequestStore, 'get' | 'update'>) {
  const started: string[] = [];
  const journal: Pick<MigrationJournal, 'create'> = {
    create: (record: MigrationRecord) => Promise.resolve({ record, created: true }),
  };
  return {
    started,
    decisions: new ApprovalDecisions({
      requests: store as ApprovalRequestStore,
      journal: journal as MigrationJournal,
      start: (id) => {
        started.push(id);
        return Promise.resolve();
      },
      policy: { fourEyes: true, validityInMs: 86_400_000, approverRoles: ['AdminAgent', 'GlobalAdmin'] },
      clock: { now: () => new Date('2026-11-23T11:00:00.000Z') },
    }),
  };
}

const claim = { approvalId: approvalRequestId(customerId, planHash), customerId, planHash };

describe('ApprovalDecisions: the loser of a compare-and-swap race', () => {
  it('an Approve whose write lost to another approval is refused as already decided, not approved a second time', async () => {
    const { store, stored } = storeLosingTheFirstWriteTo((request) => ({
      ...request,
      status: 'approved',
      decision: { status: 'approved', by: first, at: '2026-11-23T10:59:59.000Z' },
    }));
    const { decisions: approvals, started } = decisions(store);
    const outcome = await approvals.approve(claim, { user: second, roles: ['AdminAgent'] });
    assert.equal(outcome.kind, 'refused');
    assert.equal(outcome.kind === 'refused' && outcome.refusal, 'alreadyDecided');
    assert.equal(stored().decision?.by?.oid, first.oid);
    assert.equal(started.length, 1, 'the winner’s migration is made sure of once, by the loser');
  });

  it('a Reject whose write lost to an approval is refused as already decided', async () => {
    const { store, stored } = storeLosingTheFirstWriteTo((request) => ({
      ...request,
      status: 'approved',
      decision: { status: 'approved', by: first, at: '2026-11-23T10:59:59.000Z' },
    }));
    const { decisions: approvals } = decisions(store);
    const outcome = await approvals.reject(claim, { user: second, roles: ['AdminAgent'] }, 'too expensive');
    assert.equal(outcome.kind, 'refused');
    assert.equal(stored().status, 'approved');
  });

  it('an Approve whose write is not contested wins', async () => {
    let stored = pending();
    const store: Pick<ApprovalRequestStore, 'get' | 'update'> = {
      get: () => Promise.resolve(structuredClone(stored)),
      update: (_id, change) => {
        stored = change(structuredClone(stored)) ?? stored;
        return Promise.resolve(structuredClone(stored));
      },
    };
    const { decisions: approvals, started } = decisions(store);
    const outcome = await approvals.approve(claim, { user: second, roles: ['AdminAgent'] });
    assert.equal(outcome.kind, 'approved');
    assert.equal(stored.decision?.by?.oid, second.oid);
    assert.equal(started.length, 1);
  });
});
