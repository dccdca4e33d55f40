import type { ApprovalRequest } from '../approvals/approvalRequest.js';
import type { ApprovalRequestStore } from '../approvals/approvalRequestStore.js';
import type { Clock } from '../clock.js';
import { availableActions } from '../migration/migrationActions.js';
import { migrationIdOf, type MigrationJournal } from '../migration/migrationJournal.js';
import { finalStates, type MigrationRecord } from '../migration/migrationRecord.js';
import type { UserMoveLog } from '../migration/saga/userMoveLog.js';

/**
 * Erasing the audit trail (DESIGN §5 "retention configurable, erasable per customer on request"): a
 * migration's record, the move logs that name its users, and the approval request it came from. Only
 * migrations in a final state are ever erased; each removal is a compare-and-swap on what was checked.
 *
 * Order matters. The approval request goes first: while an approved request outlives its migration, a
 * click on the old approval card would create the migration again. The record goes next, and only if it
 * is still erasable. The move logs go last, so a record that changed in between (Roll back pressed on a
 * completed migration) keeps the list of users a roll back needs. A crash in between leaves move logs
 * without a record, which both kinds of erasure look for.
 */

export interface AuditErasureDeps {
  journal: Pick<MigrationJournal, 'list' | 'get' | 'removeIf'>;
  moveLog: Pick<UserMoveLog, 'remove' | 'migrationIds'>;
  approvals: Pick<ApprovalRequestStore, 'list' | 'removeIf'>;
  clock: Clock;
  /** Records whose last change is older than this are erased by `eraseExpired` (default 730). */
  retentionDays: number;
}

/** What a customer's erasure did, or the migration that stopped it. */
export type CustomerErasure =
  | { kind: 'erased'; migrationIds: string[]; approvalRequests: number; moveLogs: number }
  /** A migration still running or paused: its record is what a person resumes or rolls back from. */
  | { kind: 'inProgress'; migration: MigrationRecord };

/** What one retention sweep erased. */
export interface RetentionSweep {
  migrations: number;
  approvalRequests: number;
  /** Move logs left by an erasure that stopped halfway. */
  orphanMoveLogs: number;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * True when the retention sweep may erase the record: in a final state, unchanged for longer than the
 * retention, and not within the time a roll back after E4's suspension is still possible (120 days,
 * which only a retention shorter than that reaches): that roll back needs the record and its move logs.
 */
export function isPastRetention(record: MigrationRecord, now: Date, retentionDays: number): boolean {
  if (!finalStates.includes(record.state)) return false;
  if (record.e4Suspended && availableActions(record, now).includes('rollBack')) return false;
  const changed = Date.parse(record.updatedAt);
  // An unreadable date can't prove the record is old.
  return !Number.isNaN(changed) && now.getTime() - changed > retentionDays * dayMs;
}

/** True when nobody can decide or act on the request any more, and it was decided before `cutoff`. */
function isSettledBefore(request: ApprovalRequest, cutoff: number): boolean {
  // Approved requests go with their migration; a lone one is a decision whose migration is still to be made.
  if (request.status === 'approved') return false;
  const settledAt = Date.parse(
    request.status === 'requested' ? request.expiresAt : (request.decision?.at ?? request.expiresAt),
  );
  return !Number.isNaN(settledAt) && settledAt < cutoff;
}

export class AuditErasure {
  constructor(private readonly deps: AuditErasureDeps) {}

  /**
   * Erases everything recorded about migrating one customer, on the customer's request: every migration
   * (all must be final), every approval request and every move log. Refused while one is running or
   * paused. A request waiting for approval is erased too; a later click on its card says it no longer
   * exists.
   */
  async eraseCustomer(customerId: string): Promise<CustomerErasure> {
    const records: MigrationRecord[] = [];
    for await (const record of this.deps.journal.list(customerId)) records.push(record);
    const inProgress = records.find((record) => !finalStates.includes(record.state));
    if (inProgress) return { kind: 'inProgress', migration: inProgress };

    const isFinal = (record: MigrationRecord) => finalStates.includes(record.state);
    const migrationIds: string[] = [];
    for (const record of records) {
      if (await this.eraseMigration(record, isFinal)) migrationIds.push(record.id);
    }
    let approvalRequests = 0;
    for await (const request of this.deps.approvals.list(customerId)) {
      // An approved request still here has no erased migration: either its migration is running (approved
      // since the check above), which keeps its request, or a crash stopped before creating it.
      const migration =
        request.status === 'approved'
          ? await this.deps.journal.get(migrationIdOf(request.id, request.round))
          : undefined;
      const removable = (current: ApprovalRequest) =>
        current.status !== 'approved' ||
        (request.status === 'approved' && current.round === request.round && migration === undefined);
      if (await this.deps.approvals.removeIf(request.id, removable)) approvalRequests++;
    }
    const moveLogs = await this.eraseOrphanMoveLogs(customerId);
    return { kind: 'erased', migrationIds, approvalRequests, moveLogs };
  }

  /**
   * The retention sweep: erases every migration past retention (`isPastRetention`) with its approval
   * request and move logs, approval requests that never became a migration and were settled before the
   * retention cut-off, and move logs whose migration is gone.
   */
  async eraseExpired(): Promise<RetentionSweep> {
    const { clock, retentionDays } = this.deps;
    const now = clock.now();
    const expired = (record: MigrationRecord) => isPastRetention(record, now, retentionDays);
    let migrations = 0;
    for await (const record of this.deps.journal.list()) {
      if (expired(record) && (await this.eraseMigration(record, expired))) migrations++;
    }
    const cutoff = now.getTime() - retentionDays * dayMs;
    let approvalRequests = 0;
    for await (const request of this.deps.approvals.list()) {
      if (!isSettledBefore(request, cutoff)) continue;
      if (await this.deps.approvals.removeIf(request.id, (current) => isSettledBefore(current, cutoff))) {
        approvalRequests++;
      }
    }
    const orphanMoveLogs = await this.eraseOrphanMoveLogs();
    return { migrations, approvalRequests, orphanMoveLogs };
  }

  /** One migration, in the order the file comment explains. Returns whether its record was removed. */
  private async eraseMigration(
    record: MigrationRecord,
    stillErasable: (current: MigrationRecord) => boolean,
  ): Promise<boolean> {
    await this.deps.approvals.removeIf(
      record.approvalId,
      // Only the request this migration came from: a request re-opened since is a new round's.
      (request) => migrationIdOf(request.id, request.round) === record.id,
    );
    const removed = await this.deps.journal.removeIf(record.id, stillErasable);
    if (removed) await this.deps.moveLog.remove(record.id);
    return removed;
  }

  /**
   * Move logs whose migration record no longer exists. A record is created at approval, before any user
   * is moved, so a log without one is a leftover, never a migration that is just starting.
   */
  private async eraseOrphanMoveLogs(customerId?: string): Promise<number> {
    let erased = 0;
    for (const migrationId of await this.deps.moveLog.migrationIds(customerId)) {
      if (await this.deps.journal.get(migrationId)) continue;
      await this.deps.moveLog.remove(migrationId);
      erased++;
    }
    return erased;
  }
}
