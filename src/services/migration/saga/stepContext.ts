import type { Clock } from '../../clock.js';
import type { Logger } from '../../logging/logger.js';
import type { PartnerCenter } from '../../partner-center/partnerCenter.js';
import type { UserMoveLog } from './userMoveLog.js';
import type { MigrationEvent, MigrationReason, MigrationRecord, MigrationState } from '../migrationRecord.js';

/**
 * What a saga step is given and what it answers. Steps are plain functions of this context, so each
 * can be read (and tested) on its own; the runner (`MigrationSaga`) owns the state machine.
 */

/** Tunables of the steps; defaults in `MigrationSaga`. */
export interface SagaSettings {
  /** How often provisioning is polled. */
  provisioningPollInMs: number;
  /** How long a new subscription may stay pending before the migration pauses. */
  provisioningTimeoutInMs: number;
  /** License updates in flight at once (the client's pacing keeps them within Partner Center's limits). */
  userMoveConcurrency: number;
  /** License reads in flight at once while scanning users. */
  userReadConcurrency: number;
  /** Users per page when listing a customer's users. */
  userPageSize: number;
  /** Progress is written to the journal (and shown) at most this often while users move. */
  checkpointEveryInMs: number;
}

export interface StepContext {
  record: MigrationRecord;
  /** Delegated client of the acting person: the approver, or whoever resumed. */
  partnerCenter: PartnerCenter;
  /** Applies a change to the journal (compare-and-swap) and returns the stored record. */
  save(change: (record: MigrationRecord) => void): Promise<MigrationRecord>;
  /** Re-reads the record: a person's Pause or Cancel shows here. */
  reload(): Promise<MigrationRecord>;
  /** Tells watchers (the progress card) about a new version of the record. */
  changed(record: MigrationRecord): void;
  event(event: string, details?: Omit<MigrationEvent, 'at' | 'event'>): MigrationEvent;
  /** Lines written before users are moved, so a roll back knows exactly whom to move back. */
  moveLog: UserMoveLog;
  clock: Clock;
  logger: Logger;
  settings: SagaSettings;
  /** Fires when the worker loses its lease or stops: end the step without deciding anything. */
  signal: AbortSignal;
}

/** What a step decided. `stop` leaves the state as it is (a control to honour, or the worker stopping). */
export type StepOutcome =
  | { kind: 'advance'; to: MigrationState; event?: MigrationEvent; apply?: (record: MigrationRecord) => void }
  | { kind: 'pause'; reason: MigrationReason; event?: MigrationEvent }
  | { kind: 'fail'; reason: MigrationReason; event?: MigrationEvent }
  | { kind: 'stop' };

export function advance(
  to: MigrationState,
  extra: { event?: MigrationEvent; apply?: (record: MigrationRecord) => void } = {},
): StepOutcome {
  return { kind: 'advance', to, ...extra };
}

export function pause(code: MigrationReason['code'], detail?: string): StepOutcome {
  return { kind: 'pause', reason: detail === undefined ? { code } : { code, detail } };
}

export function fail(code: MigrationReason['code'], detail?: string): StepOutcome {
  return { kind: 'fail', reason: detail === undefined ? { code } : { code, detail } };
}

/** Waits `ms`, or less when the signal fires. */
export function pauseFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
