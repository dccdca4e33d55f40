import assert from 'node:assert/strict';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import type { ApprovalRequest } from '../../src/services/approvals/approvalRequest.js';
import {
  approvalRequestId,
  BlobApprovalRequestStore,
} from '../../src/services/approvals/approvalRequestStore.js';
import { AuditErasure, isPastRetention } from '../../src/services/audit/auditErasure.js';
import type { Clock } from '../../src/services/clock.js';
import { ConcurrencyError } from '../../src/services/errors.js';
import { MigrationJournal, migrationIdOf } from '../../src/services/migration/migrationJournal.js';
import type { MigrationRecord } from '../../src/services/migration/migrationRecord.js';
import { UserMoveLog } from '../../src/services/migration/saga/userMoveLog.js';
import { BlobAppendLog } from '../../src/services/storage/blobAppendLog.js';
import { BlobJsonStore } from '../../src/services/storage/blobJsonStore.js';
import { startAzurite, type RunningAzurite } from '../helpers/azurite.js';
import { bought, completedEvents, migrationRecord } from '../unit/cards/migrationRecords.js';

const contoso = '5d1b5c3e-0000-4000-8000-00000000c001';
const fabrikam = '5d1b5c3e-0000-4000-8000-00000000c002';
const now = new Date('2028-06-01T12:00:00.000Z');
const clock: Clock = { now: () => now };
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

/** A migration of `customerId` whose plan hash starts with `hash` (16 hex), last changed `days` ago. */
function migration(
  customerId: string,
  hash: string,
  days: number,
  overrides: Partial<MigrationRecord> = {},
  round = 0,
): MigrationRecord {
  const approvalId = approvalRequestId(customerId, hash.repeat(4));
  return migrationRecord({
    id: migrationIdOf(approvalId, round),
    approvalId,
    planHash: hash.repeat(4),
    customer: { id: customerId, companyName: `Customer ${customerId.slice(-4)}`, market: 'SE' },
    state: 'completed',
    purchase: bought,
    events: completedEvents,
    e4Suspended: { at: daysAgo(days) },
    createdAt: daysAgo(days),
    updatedAt: daysAgo(days),
    ...overrides,
  });
}

/** The approval request a migration came from (or another round of it). */
function requestOf(
  record: Pick<MigrationRecord, 'customer' | 'planHash'>,
  overrides: Partial<ApprovalRequest> = {},
): ApprovalRequest {
  return {
    id: approvalRequestId(record.customer.id, record.planHash),
    planHash: record.planHash,
    customerId: record.customer.id,
    customerName: record.customer.companyName,
    e4SubscriptionId: '7a3f0e2b-0000-4000-8000-00000000e401',
    e4: {
      subscriptionId: '7a3f0e2b-0000-4000-8000-00000000e401',
      offerName: 'Office 365 Enterprise E4',
      licenseSkuId: '1392051d-0cb9-4b7a-88d5-621fee5e8711',
      seats: 45,
    },
    targets: [],
    option: 3,
    quantity: 45,
    termDuration: 'P1Y',
    billingCycle: 'monthly',
    requester: { oid: 'u-1', tenantId: 't-1', name: 'Adele Vance' },
    requestedAt: daysAgo(1000),
    expiresAt: daysAgo(999),
    language: 'en',
    round: 0,
    conversationId: '19:a@thread.tacv2',
    status: 'approved',
    decision: { status: 'approved', by: { oid: 'u-2', tenantId: 't-1' }, at: daysAgo(1000) },
    ...overrides,
  };
}

describe('AuditErasure against Azurite', function () {
  this.timeout(60_000);
  let azurite: RunningAzurite;
  let service: BlobServiceClient;
  let container: ContainerClient;
  let journal: MigrationJournal;
  let moveLog: UserMoveLog;
  let approvals: BlobApprovalRequestStore;
  let containerCount = 0;

  before(async () => {
    azurite = await startAzurite();
    service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  });
  after(async () => azurite.stop());
  beforeEach(() => {
    // A container per test: each starts from nothing.
    container = service.getContainerClient(`audit-erasure-${++containerCount}`);
    journal = new MigrationJournal(new BlobJsonStore<MigrationRecord>(container), clock);
    moveLog = new UserMoveLog(new BlobAppendLog(container));
    approvals = new BlobApprovalRequestStore(new BlobJsonStore<ApprovalRequest>(container));
  });

  const erasure = (retentionDays = 730) =>
    new AuditErasure({ journal, moveLog, approvals, clock, retentionDays });

  /** Stores the record, its approval request and one move log, as a migration leaves them. */
  async function stored(record: MigrationRecord, request: ApprovalRequest | undefined = requestOf(record)) {
    await journal.create(record);
    if (request) await approvals.record(request);
    await moveLog.record(record.id, 1, [
      { id: 'user-1', userPrincipalName: 'anna@customer.example', disabledE4PlanIds: [] },
    ]);
    return record;
  }

  async function ids(customerId?: string): Promise<string[]> {
    const found: string[] = [];
    for await (const record of journal.list(customerId)) found.push(record.id);
    return found.sort();
  }

  async function requestIds(customerId?: string): Promise<string[]> {
    const found: string[] = [];
    for await (const request of approvals.list(customerId)) found.push(request.id);
    return found.sort();
  }

  describe('the retention sweep', () => {
    it('erases final migrations older than the retention with their approval request and move logs, and nothing else', async () => {
      const old = await stored(migration(contoso, 'a1a1a1a1', 800));
      const oldFailed = await stored(
        migration(contoso, 'a2a2a2a2', 800, { state: 'failed', e4Suspended: undefined }),
      );
      const recent = await stored(migration(contoso, 'b1b1b1b1', 100));
      const pausedLongAgo = await stored(
        migration(contoso, 'c1c1c1c1', 900, {
          state: 'paused',
          resumeAt: 'moving_users',
          reason: { code: 'needsSignIn' },
        }),
      );
      const otherCustomers = await stored(migration(fabrikam, 'd1d1d1d1', 800, { state: 'cancelled' }));

      const swept = await erasure().eraseExpired();

      assert.equal(swept.migrations, 3);
      assert.deepEqual(await ids(), [pausedLongAgo.id, recent.id].sort());
      for (const gone of [old, oldFailed, otherCustomers]) {
        assert.equal(await approvals.get(gone.approvalId), undefined, `${gone.id}'s request`);
        assert.deepEqual(await moveLog.intents(gone.id), [], `${gone.id}'s move log`);
      }
      for (const kept of [recent, pausedLongAgo]) {
        assert.ok(await approvals.get(kept.approvalId), `${kept.id}'s request`);
        assert.equal((await moveLog.intents(kept.id)).length, 1, `${kept.id}'s move log`);
      }
    });

    it('keeps a completed migration while it can still be rolled back after E4 was suspended', async () => {
      const suspended60DaysAgo = await stored(migration(contoso, 'a1a1a1a1', 60));
      const suspended130DaysAgo = await stored(migration(contoso, 'b1b1b1b1', 130));
      const swept = await erasure(30).eraseExpired();
      assert.equal(swept.migrations, 1);
      assert.deepEqual(await ids(), [suspended60DaysAgo.id]);
      assert.equal(await journal.get(suspended130DaysAgo.id), undefined);
    });

    it("keeps a re-opened approval request: it is a later round's, not the erased migration's", async () => {
      const rolledBack = migration(contoso, 'a1a1a1a1', 800, {
        state: 'rolled_back',
        e4Suspended: undefined,
      });
      await stored(
        rolledBack,
        requestOf(rolledBack, {
          round: 1,
          status: 'requested',
          decision: undefined,
          requestedAt: daysAgo(0),
          expiresAt: daysAgo(-1),
        }),
      );
      await erasure().eraseExpired();
      assert.equal(await journal.get(rolledBack.id), undefined);
      assert.equal((await approvals.get(rolledBack.approvalId))?.round, 1);
    });

    it('erases approval requests that never became a migration once they were settled before the retention', async () => {
      const oldRejected = requestOf(migration(contoso, 'a1a1a1a1', 0), {
        status: 'rejected',
        decision: { status: 'rejected', at: daysAgo(800), reason: 'Too expensive' },
      });
      const oldUnanswered = requestOf(migration(contoso, 'a2a2a2a2', 0), {
        status: 'requested',
        decision: undefined,
        expiresAt: daysAgo(799),
      });
      const recentRejected = requestOf(migration(contoso, 'b1b1b1b1', 0), {
        status: 'rejected',
        decision: { status: 'rejected', at: daysAgo(10), reason: 'Wait' },
      });
      // Approved without a migration: the next click on its card makes the migration; never swept.
      const approvedAlone = requestOf(migration(contoso, 'c1c1c1c1', 0));
      for (const request of [oldRejected, oldUnanswered, recentRejected, approvedAlone]) {
        await approvals.record(request);
      }
      const swept = await erasure().eraseExpired();
      assert.equal(swept.approvalRequests, 2);
      assert.deepEqual(await requestIds(), [recentRejected.id, approvedAlone.id].sort());
    });

    it('erases move logs whose migration is gone (an erasure that stopped halfway), never a live one', async () => {
      const live = await stored(migration(contoso, 'a1a1a1a1', 10, { state: 'moving_users' }));
      const orphan = migration(contoso, 'b1b1b1b1', 800);
      await moveLog.record(orphan.id, 1, [
        { id: 'u', userPrincipalName: 'u@x.example', disabledE4PlanIds: [] },
      ]);
      const swept = await erasure().eraseExpired();
      assert.equal(swept.orphanMoveLogs, 1);
      assert.deepEqual(await moveLog.migrationIds(), [live.id]);
    });

    it('reads the retention rule as written: final, older than the retention, rollback window closed', () => {
      const completed = migration(contoso, 'a1a1a1a1', 731);
      assert.equal(isPastRetention(completed, now, 730), true);
      assert.equal(isPastRetention({ ...completed, updatedAt: daysAgo(729) }, now, 730), false);
      assert.equal(isPastRetention({ ...completed, state: 'verifying' }, now, 730), false);
      assert.equal(isPastRetention({ ...completed, updatedAt: 'not a date' }, now, 730), false);
      // Suspended 100 days ago: a roll back is possible for 20 more days, whatever the retention.
      assert.equal(isPastRetention(migration(contoso, 'a1a1a1a1', 100), now, 30), false);
    });
  });

  describe('erasure on the customer’s request', () => {
    it("erases every migration, approval request and move log of the customer and leaves other customers' alone", async () => {
      const completed = await stored(migration(contoso, 'a1a1a1a1', 5));
      const rolledBack = await stored(migration(contoso, 'b1b1b1b1', 3, { state: 'rolled_back' }));
      const rejected = requestOf(migration(contoso, 'c1c1c1c1', 0), {
        status: 'rejected',
        decision: { status: 'rejected', at: daysAgo(1), reason: 'Not now' },
      });
      const waiting = requestOf(migration(contoso, 'c2c2c2c2', 0), {
        status: 'requested',
        decision: undefined,
      });
      await approvals.record(rejected);
      await approvals.record(waiting);
      const orphan = migration(contoso, 'e1e1e1e1', 3);
      await moveLog.record(orphan.id, 1, [
        { id: 'u', userPrincipalName: 'u@x.example', disabledE4PlanIds: [] },
      ]);
      const other = await stored(migration(fabrikam, 'd1d1d1d1', 5));

      const outcome = await erasure().eraseCustomer(contoso.toUpperCase());

      assert.equal(outcome.kind, 'erased');
      if (outcome.kind !== 'erased') return;
      assert.deepEqual(outcome.migrationIds.sort(), [completed.id, rolledBack.id].sort());
      assert.equal(outcome.approvalRequests, 2);
      assert.equal(outcome.moveLogs, 1);
      assert.deepEqual(await ids(contoso), []);
      assert.deepEqual(await requestIds(contoso), []);
      assert.deepEqual(await moveLog.migrationIds(contoso), []);
      assert.deepEqual(await ids(), [other.id]);
      assert.deepEqual(await requestIds(), [other.approvalId]);
      assert.deepEqual(await moveLog.migrationIds(), [other.id]);
    });

    it('refuses while a migration of the customer is running or paused, and erases nothing', async () => {
      const completed = await stored(migration(contoso, 'a1a1a1a1', 5));
      const paused = await stored(
        migration(contoso, 'b1b1b1b1', 1, {
          state: 'paused',
          resumeAt: 'moving_users',
          e4Suspended: undefined,
        }),
      );
      const outcome = await erasure().eraseCustomer(contoso);
      assert.equal(outcome.kind, 'inProgress');
      assert.equal(outcome.kind === 'inProgress' && outcome.migration.id, paused.id);
      assert.deepEqual(await ids(contoso), [completed.id, paused.id].sort());
      assert.equal((await requestIds(contoso)).length, 2);
      assert.equal((await moveLog.migrationIds(contoso)).length, 2);
    });

    it('keeps the request of a migration approved while the erasure ran', async () => {
      // Approved, and its migration created, after the erasure looked at the journal: it is running.
      const running = migration(contoso, 'a1a1a1a1', 0, { state: 'purchasing', e4Suspended: undefined });
      await approvals.record(requestOf(running));
      const listedEmpty = new AuditErasure({
        journal: {
          list: journalListOf([]),
          get: (id) => journal.get(id),
          removeIf: (id, f) => journal.removeIf(id, f),
        },
        moveLog,
        approvals,
        clock,
        retentionDays: 730,
      });
      await journal.create(running);
      const outcome = await listedEmpty.eraseCustomer(contoso);
      assert.equal(outcome.kind, 'erased');
      assert.ok(await approvals.get(running.approvalId), 'the running migration keeps its request');
      assert.ok(await journal.get(running.id));
      assert.equal((await erasure().eraseCustomer(contoso)).kind, 'inProgress');
    });
  });

  describe('conditional removal', () => {
    it('removes a record only if the rule still holds for its latest version', async () => {
      const record = await stored(migration(contoso, 'a1a1a1a1', 5));
      // Roll back pressed since the erasure read it: the record is no longer final.
      await journal.update(record.id, (current) => ({ ...current, state: 'rolling_back' }));
      assert.equal(await journal.removeIf(record.id, (current) => current.state === 'completed'), false);
      assert.equal((await journal.get(record.id))?.state, 'rolling_back');
      assert.equal(await journal.removeIf(record.id, (current) => current.state === 'rolling_back'), true);
      assert.equal(await journal.get(record.id), undefined);
      assert.equal(await journal.removeIf(record.id, () => true), false, 'already gone');
    });

    it('refuses to remove a document by an eTag that is no longer current', async () => {
      const documents = new BlobJsonStore<{ n: number }>(container);
      await documents.write('doc.json', { n: 1 }, { ifNoneExists: true });
      const first = await documents.read('doc.json');
      await documents.write('doc.json', { n: 2 }, { ifMatch: first?.etag ?? '' });
      await assert.rejects(documents.remove('doc.json', { ifMatch: first?.etag ?? '' }), ConcurrencyError);
      assert.deepEqual((await documents.read('doc.json'))?.value, { n: 2 });
    });
  });
});

/** A journal listing that sees the given records only (as if they were listed before others were made). */
function journalListOf(records: MigrationRecord[]) {
  return async function* list(): AsyncIterableIterator<MigrationRecord> {
    await Promise.resolve();
    yield* records;
  };
}
