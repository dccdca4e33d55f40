import {
  finalStates,
  type MigrationReasonCode,
  type MigrationRecord,
  type MigrationState,
} from './migrationRecord.js';

/**
 * What a person may ask of a migration right now (DESIGN §5 "Pause, cancel, roll back"). The progress card
 * shows a button per action and the server checks the same rule again when one is pressed, so a stale card
 * can't do what the journal no longer allows.
 */

/** A person's request on a migration. */
export type MigrationAction = 'pause' | 'resume' | 'retry' | 'cancel' | 'rollBack';

/** Days Partner Center keeps a suspended legacy subscription before de-provisioning it (E4 guide). */
export const e4ReactivationDays = 120;

/** States a worker is busy in and that can stop at the next step boundary. Suspending is the last, short step. */
const pausableStates: readonly MigrationState[] = [
  'approved',
  'purchasing',
  'provisioning',
  'moving_users',
  'verifying',
];

/** Pauses a person clears by continuing with their own token: the cause is outside the user list. */
const resumableReasons: readonly MigrationReasonCode[] = [
  'needsSignIn',
  'pausedByPerson',
  'partnerCenterError',
  'quantityExceeded',
  'provisioningFailed',
];

/** Pauses that need another move round (new request ids) once the person has fixed the users. */
const retryableReasons: readonly MigrationReasonCode[] = ['userFailures', 'e4StillHeld'];

/** States from which nothing is left to roll back, or a roll back is already under way. */
const notRollBackable: readonly MigrationState[] = ['rolling_back', 'rolled_back', 'cancelled'];

const dayMs = 24 * 60 * 60 * 1000;

/** The actions a person may take on `record` at `now`, in the order the card shows them. */
export function availableActions(record: MigrationRecord, now: Date): MigrationAction[] {
  const actions: MigrationAction[] = [];
  const reason = record.reason?.code;
  if (pausableStates.includes(record.state) && !record.control) actions.push('pause');
  if (record.state === 'paused' && reason && resumableReasons.includes(reason)) actions.push('resume');
  if (record.state === 'paused' && reason && retryableReasons.includes(reason)) actions.push('retry');
  if (canCancel(record)) actions.push('cancel');
  if (canRollBack(record, now)) actions.push('rollBack');
  return actions;
}

/** Cancel only while no cart can exist: once the intent is recorded, an order may have gone through. */
function canCancel(record: MigrationRecord): boolean {
  return (
    record.purchase.intentAt === undefined &&
    !finalStates.includes(record.state) &&
    // Asking twice changes nothing; the card says it is pending instead.
    record.control?.action !== 'cancel'
  );
}

/**
 * Roll back once something may have been bought, while E4 can still carry the users: before its suspension,
 * or after it until Partner Center de-provisions it.
 */
function canRollBack(record: MigrationRecord, now: Date): boolean {
  if (record.purchase.intentAt === undefined) return false;
  if (notRollBackable.includes(record.state)) return false;
  if (record.control?.action === 'rollBack') return false;
  // The engine found E4 already gone: nothing can carry the users back.
  if (record.reason?.code === 'rollbackTooLate') return false;
  if (!record.e4Suspended) return true;
  const suspendedAt = Date.parse(record.e4Suspended.at);
  // An unreadable date can't prove the window is still open.
  if (Number.isNaN(suspendedAt)) return false;
  return now.getTime() - suspendedAt < e4ReactivationDays * dayMs;
}

/** The saga's steps as the progress card lists them, 1-based: purchasing is step 1, completed step 6. */
export const migrationSteps = [
  'purchasing',
  'provisioning',
  'moving_users',
  'verifying',
  'suspending',
  'completed',
] as const satisfies readonly MigrationState[];

/** One of the steps above. */
export type MigrationStep = (typeof migrationSteps)[number];

function stepIndexOf(state: string): number {
  return (migrationSteps as readonly string[]).indexOf(state) + 1;
}

/**
 * The step the migration is at: 1 (purchasing) … 6 (completed); 0 before purchasing starts. A paused
 * migration is at the step it resumes at; one that failed, was cancelled or is rolled back is at the last
 * step its journal entered.
 */
export function stepOf(record: Pick<MigrationRecord, 'state' | 'resumeAt' | 'events'>): number {
  const own = stepIndexOf(record.state);
  if (own > 0) return own;
  if (record.state === 'approved') return 0;
  if (record.state === 'paused' && record.resumeAt && record.resumeAt !== 'paused') {
    return stepOf({ ...record, state: record.resumeAt });
  }
  for (let index = record.events.length - 1; index >= 0; index--) {
    const step = stepIndexOf(record.events[index]?.event ?? '');
    if (step > 0) return step;
  }
  return 0;
}
