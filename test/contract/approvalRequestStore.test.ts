import assert from 'node:assert/strict';
import { BlobServiceClient } from '@azure/storage-blob';
import type { ApprovalRequest } from '../../src/services/approvals/approvalRequest.js';
import {
  approvalRequestId,
  BlobApprovalRequestStore,
} from '../../src/services/approvals/approvalRequestStore.js';
import { BlobJsonStore } from '../../src/services/storage/blobJsonStore.js';
import { startAzurite, type RunningAzurite } from '../helpers/azurite.js';

const customerId = '5D1B5C3E-0000-4000-8000-00000000C001';

function request(planHash: string, overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return {
    id: approvalRequestId(customerId, planHash),
    planHash,
    customerId,
    customerName: 'Contoso',
    e4SubscriptionId: '7a3f0e2b-0000-4000-8000-00000000e401',
    e4: {
      subscriptionId: '7a3f0e2b-0000-4000-8000-00000000e401',
      offerName: 'Office 365 Enterprise E4',
      licenseSkuId: '1392051d-0cb9-4b7a-88d5-621fee5e8711',
      seats: 45,
    },
    targets: [],
    option: 2,
    quantity: 45,
    termDuration: 'P1Y',
    billingCycle: 'monthly',
    requester: { oid: 'u-1', tenantId: 't-1', name: 'Adele Vance' },
    requestedAt: '2026-11-23T10:00:00.000Z',
    expiresAt: '2026-11-24T10:00:00.000Z',
    language: 'en',
    round: 0,
    conversationId: '19:a@thread.tacv2',
    status: 'requested',
    ...overrides,
  };
}

describe('BlobApprovalRequestStore against Azurite', () => {
  let azurite: RunningAzurite;
  let store: BlobApprovalRequestStore;
  before(async () => {
    azurite = await startAzurite();
    const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
    store = new BlobApprovalRequestStore(new BlobJsonStore(service.getContainerClient('approvals-test')));
  });
  after(async () => azurite.stop());

  it('records a request once and reads it back', async () => {
    const first = request('a1'.repeat(32));
    assert.deepEqual(await store.record(first), { request: first, created: true });
    assert.deepEqual(await store.get(approvalRequestId(customerId, first.planHash)), first);
    assert.deepEqual(await store.get(approvalRequestId(customerId.toUpperCase(), first.planHash)), first);
  });

  it('answers a second request for the same plan with the first one, not a new record', async () => {
    const first = request('b2'.repeat(32));
    await store.record(first);
    const second = request(first.planHash, {
      requester: { oid: 'u-2', tenantId: 't-1', name: 'Megan Bowen' },
      requestedAt: '2026-11-23T10:05:00.000Z',
    });
    assert.deepEqual(await store.record(second), { request: first, created: false });
    assert.deepEqual(await store.get(approvalRequestId(customerId, first.planHash)), first);
  });

  it('keeps plans of one customer apart', async () => {
    const one = request('c3'.repeat(32));
    const other = request('d4'.repeat(32), { option: 3 });
    assert.equal((await store.record(one)).created, true);
    assert.equal((await store.record(other)).created, true);
    assert.equal((await store.get(approvalRequestId(customerId, other.planHash)))?.option, 3);
    assert.equal(await store.get(approvalRequestId(customerId, 'e5'.repeat(32))), undefined);
  });

  it('of ten concurrent requests for one plan, exactly one creates the record and all see it', async () => {
    const planHash = 'f6'.repeat(32);
    const requests = Array.from({ length: 10 }, (_, n) =>
      request(planHash, { requester: { oid: `u-${n}`, tenantId: 't-1' } }),
    );
    const results = await Promise.all(requests.map((each) => store.record(each)));
    const created = results.filter((result) => result.created);
    assert.equal(created.length, 1);
    const winner = created[0]?.request;
    for (const result of results) assert.deepEqual(result.request, winner);
    assert.deepEqual(await store.get(approvalRequestId(customerId, planHash)), winner);
  });

  it('names a plan with a stable request id: same customer and plan, same id, whatever the case', () => {
    const planHash = '0123456789abcdef'.repeat(4);
    const id = approvalRequestId(customerId, planHash);
    assert.equal(id, approvalRequestId(customerId.toLowerCase(), planHash));
    assert.equal(id, `${customerId.toLowerCase()}.0123456789abcdef`);
    assert.notEqual(id, approvalRequestId(customerId, 'f'.repeat(64)));
  });

  it('re-opens a plan only when the earlier request may be asked again, as the next round', async () => {
    const first = request('a7'.repeat(32));
    await store.record(first);
    await store.update(first.id, (current) => ({
      ...current,
      status: 'rejected',
      decision: { status: 'rejected', at: '2026-11-23T11:00:00.000Z', reason: 'Wrong option' },
    }));
    const again = request(first.planHash, { requestedAt: '2026-11-23T12:00:00.000Z' });
    const kept = await store.record(again);
    assert.equal(kept.created, false);
    assert.equal(kept.request.status, 'rejected');
    const reopened = await store.record(again, (existing) => existing.status === 'rejected');
    assert.equal(reopened.created, true);
    assert.equal(reopened.request.round, 1);
    assert.equal((await store.get(first.id))?.status, 'requested');
  });

  it('of ten concurrent decisions, exactly one changes a waiting request', async () => {
    const first = request('b8'.repeat(32));
    await store.record(first);
    const winners: string[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        store
          .update(first.id, (current) => {
            if (current.status !== 'requested') return undefined;
            return {
              ...current,
              status: 'approved',
              decision: { status: 'approved', at: `t${n}`, by: { oid: `a-${n}`, tenantId: 't-1' } },
            };
          })
          .then((stored) => {
            if (stored.decision?.at === `t${n}`) winners.push(`a-${n}`);
          }),
      ),
    );
    assert.equal(winners.length, 1);
    assert.equal((await store.get(first.id))?.decision?.by?.oid, winners[0]);
  });
});
