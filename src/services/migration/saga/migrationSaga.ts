import type { PartnerUserRef } from '../../auth/models.js';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logging/logger.js';
import type { PartnerCenter } from '../../partner-center/partnerCenter.js';
import type { MigrationJournal } from '../migrationJournal.js';
import { isActive, type MigrationRecord, type MigrationState } from '../migrationRecord.js';
import { provisioningStep } from './provisioningStep.js';
import { purchaseStep } from './purchaseStep.js';
import { rollbackStep } from './rollbackStep.js';
import { advance, fail, type SagaSettings, type StepContext, type StepOutcome } from './stepContext.js';
import { suspensionStep, verificationStep } from './suspensionSteps.js';
import type { UserMoveLog } from './userMoveLog.js';
import { outcomeOf, userMovesStep } from './userMovesStep.js';

/**
 * The saga of DESIGN §5, one migration at a time: reads the journal, runs the step of the current state,
 * writes the outcome with compare-and-swap, and goes on until the migration rests (completed, paused,
 * failed, cancelled, rolled back). Between steps it honours a person's Pause, Cancel or Roll back.
 *
 * Whoever runs it must hold the migration's lease (`MigrationWorker`), so one runner writes the saga's
 * state at a time; people only ever write `control`, which the runner reads.
 */

/** Watches records change (the progress card); called often, so it must be cheap and never throw. */
export interface MigrationObserver {
  changed(record: MigrationRecord): void;
}

/**
 * Checks, before anything is bought, that what would be bought today is what was approved.
 * Returns a detail when it isn't (the migration fails with `planChanged` and asks for a new approval).
 */
export type ApprovedPlanCheck = (
  record: MigrationRecord,
  partnerCenter: PartnerCenter,
  signal: AbortSignal,
) => Promise<{ ok: true } | { ok: false; detail: string }>;

export interface MigrationSagaDependencies {
  journal: MigrationJournal;
  moveLog: UserMoveLog;
  /** A delegated client for the acting person (the approver, or whoever resumed). */
  partnerCenterFor(user: PartnerUserRef): PartnerCenter;
  checkApprovedPlan: ApprovedPlanCheck;
  clock: Clock;
  logger: Logger;
  observer?: MigrationObserver;
  settings?: Partial<SagaSettings>;
}

export const defaultSagaSettings: SagaSettings = {
  provisioningPollInMs: 2_000,
  provisioningTimeoutInMs: 60 * 60 * 1000,
  userMoveConcurrency: 32,
  userReadConcurrency: 32,
  userPageSize: 500,
  checkpointEveryInMs: 1_000,
};

type Step = (ctx: StepContext) => Promise<StepOutcome>;

export class MigrationSaga {
  private readonly settings: SagaSettings;
  private readonly steps: Partial<Record<MigrationState, Step>>;

  constructor(private readonly deps: MigrationSagaDependencies) {
    this.settings = { ...defaultSagaSettings, ...deps.settings };
    this.steps = {
      approved: (ctx) => this.approvedStep(ctx),
      purchasing: purchaseStep,
      provisioning: provisioningStep,
      moving_users: userMovesStep,
      verifying: verificationStep,
      suspending: suspensionStep,
      rolling_back: rollbackStep,
    };
  }

  /**
   * Runs the migration until it rests or `signal` fires (lease lost, worker stopping).
   * @throws the error of a step that couldn't finish for a passing reason (Partner Center not answering,
   * storage failing): nothing was decided, and the worker runs the migration again later.
   */
  async run(migrationId: string, signal: AbortSignal): Promise<MigrationRecord | undefined> {
    const { journal, logger } = this.deps;
    const log = logger.child({ migrationId });
    let record = await journal.get(migrationId);
    let client: { oid: string; partnerCenter: PartnerCenter } | undefined;
    while (record && isActive(record.state) && !signal.aborted) {
      if (record.control) {
        record = await this.honourControl(record);
        this.notify(record);
        continue;
      }
      if (client?.oid !== record.actingUser.oid) {
        client = { oid: record.actingUser.oid, partnerCenter: this.deps.partnerCenterFor(record.actingUser) };
      }
      const step = this.steps[record.state];
      if (!step) throw new Error(`No step for state ${record.state}.`);
      const from: MigrationRecord = record;
      const ctx = this.contextFor(from, client.partnerCenter, signal);
      log.info({ state: from.state }, 'migration step');
      let outcome: StepOutcome;
      try {
        outcome = await step(ctx);
      } catch (error) {
        if (signal.aborted) break;
        const decided = outcomeOf(error);
        if (decided instanceof Error) throw decided;
        outcome = decided;
      }
      if (outcome.kind === 'stop') {
        record = await journal.get(migrationId);
        continue;
      }
      record = await journal.update(migrationId, (current) =>
        this.applyOutcome(current, from.state, outcome),
      );
      this.notify(record);
    }
    return record;
  }

  private async approvedStep(ctx: StepContext): Promise<StepOutcome> {
    const check = await this.deps.checkApprovedPlan(ctx.record, ctx.partnerCenter, ctx.signal);
    return check.ok ? advance('purchasing') : fail('planChanged', check.detail);
  }

  private applyOutcome(
    current: MigrationRecord,
    from: MigrationState,
    outcome: StepOutcome,
  ): MigrationRecord | undefined {
    // Only the lease holder moves the saga; a state other than the one the step ran from means the step's
    // outcome is stale (it can't happen while the lease holds) and is dropped rather than applied twice.
    if (current.state !== from || outcome.kind === 'stop') return undefined;
    const { journal } = this.deps;
    if (outcome.kind === 'advance') {
      outcome.apply?.(current);
      if (outcome.event) current.events.push(outcome.event);
      current.state = outcome.to;
      current.events.push(journal.event(outcome.to));
      delete current.reason;
      return current;
    }
    if (outcome.event) current.events.push(outcome.event);
    current.reason = outcome.reason;
    if (outcome.kind === 'pause') {
      current.resumeAt = from;
      current.state = 'paused';
    } else {
      current.state = 'failed';
    }
    current.events.push(
      journal.event(current.state, {
        detail: `${outcome.reason.code}${outcome.reason.detail ? `: ${outcome.reason.detail}` : ''}`,
      }),
    );
    return current;
  }

  /** A person's request, applied at a step boundary. */
  private honourControl(record: MigrationRecord): Promise<MigrationRecord> {
    return this.deps.journal.update(record.id, (current) => {
      const control = current.control;
      if (!control) return undefined;
      delete current.control;
      if (!isActive(current.state)) return current;
      const bought = current.purchase.intentAt !== undefined;
      const actor = control.by;
      if (control.action === 'rollBack' && bought) {
        current.actingUser = actor;
        current.state = 'rolling_back';
        current.events.push(this.deps.journal.event('rolling_back', { actor }));
      } else if (control.action === 'pause' || (control.action === 'cancel' && bought)) {
        // Cancel after the purchase intent: something may have been bought, so it stops and waits for a
        // person to resume or roll back instead of walking away from a purchase.
        current.resumeAt = current.state;
        current.state = 'paused';
        current.reason = {
          code: 'pausedByPerson',
          ...(control.action === 'cancel' ? { detail: 'cancelTooLate' } : {}),
        };
        current.events.push(this.deps.journal.event('paused', { actor }));
      } else {
        current.state = 'cancelled';
        current.events.push(this.deps.journal.event('cancelled', { actor }));
      }
      return current;
    });
  }

  private contextFor(
    record: MigrationRecord,
    partnerCenter: PartnerCenter,
    signal: AbortSignal,
  ): StepContext {
    const { journal } = this.deps;
    return {
      record,
      partnerCenter,
      save: (change) =>
        journal.update(record.id, (current) => {
          change(current);
          return current;
        }),
      reload: async () => (await journal.get(record.id)) ?? record,
      changed: (next) => this.notify(next),
      event: (event, details) => journal.event(event, details),
      moveLog: this.deps.moveLog,
      clock: this.deps.clock,
      logger: this.deps.logger.child({ migrationId: record.id }),
      settings: this.settings,
      signal,
    };
  }

  private notify(record: MigrationRecord): void {
    try {
      this.deps.observer?.changed(record);
    } catch (error) {
      this.deps.logger.warn({ err: error, migrationId: record.id }, 'progress observer failed');
    }
  }
}
