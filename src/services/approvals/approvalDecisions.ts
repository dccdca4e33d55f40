import type { PartnerRole, PartnerUserRef } from '../auth/models.js';
import type { Clock } from '../clock.js';
import type { MigrationJournal } from '../migration/migrationJournal.js';
import type { MigrationRecord } from '../migration/migrationRecord.js';
import { newMigrationRecord } from '../migration/newMigration.js';
import type { ApprovalRequest } from './approvalRequest.js';
import type { ApprovalRequestStore } from './approvalRequestStore.js';
import {
  refusalOf,
  type ApprovalPolicy,
  type DecisionClaim,
  type DecisionRefusal,
} from './approvalPolicy.js';

/** Who clicks. */
export interface Decider {
  user: PartnerUserRef;
  roles: readonly PartnerRole[];
}

export type DecisionOutcome =
  | { kind: 'approved'; request: ApprovalRequest; migration: MigrationRecord }
  | { kind: 'rejected'; request: ApprovalRequest }
  | { kind: 'refused'; refusal: DecisionRefusal; request?: ApprovalRequest; migration?: MigrationRecord };

/**
 * Approve and Reject (DESIGN §5, §11). Every click is checked against the stored request and the policy;
 * the decision is written by compare-and-swap, so double clicks and two approvers at once give exactly
 * one decision, and the losers are told who decided first. An approval creates the migration (create-only,
 * id derived from the request) and asks a worker to run it; the answer doesn't wait for any of the work.
 */
export class ApprovalDecisions {
  constructor(
    private readonly deps: {
      requests: ApprovalRequestStore;
      journal: MigrationJournal;
      /** Asks a worker to run the migration. */
      start(migrationId: string): Promise<void>;
      policy: ApprovalPolicy;
      clock: Clock;
    },
  ) {}

  async approve(claim: DecisionClaim, decider: Decider): Promise<DecisionOutcome> {
    const refused = await this.check(claim, decider);
    if (refused) return refused;
    const at = this.deps.clock.now().toISOString();
    let won = false;
    const request = await this.deps.requests.update(claim.approvalId, (current) => {
      // Run again after a lost compare-and-swap: only the attempt that is written may claim the win.
      won = current.status === 'requested';
      if (!won) return undefined;
      return { ...current, status: 'approved', decision: { status: 'approved', by: decider.user, at } };
    });
    if (!won) return this.alreadyDecided(request);
    const migration = await this.startMigration(request);
    return { kind: 'approved', request, migration };
  }

  async reject(claim: DecisionClaim, decider: Decider, reason: string | undefined): Promise<DecisionOutcome> {
    const refused = await this.check(claim, decider);
    if (refused) return refused;
    const why = reason?.trim();
    if (!why) return { kind: 'refused', refusal: 'reasonRequired' };
    const at = this.deps.clock.now().toISOString();
    let won = false;
    const request = await this.deps.requests.update(claim.approvalId, (current) => {
      won = current.status === 'requested';
      if (!won) return undefined;
      return {
        ...current,
        status: 'rejected',
        decision: { status: 'rejected', by: decider.user, at, reason: why },
      };
    });
    return won ? { kind: 'rejected', request } : this.alreadyDecided(request);
  }

  private async check(claim: DecisionClaim, decider: Decider): Promise<DecisionOutcome | undefined> {
    const request = await this.deps.requests.get(claim.approvalId.toLowerCase());
    const refusal = refusalOf(request, claim, decider, this.deps.policy, this.deps.clock.now());
    if (!refusal) return undefined;
    if (refusal === 'alreadyDecided' && request) return this.alreadyDecided(request);
    if (refusal === 'expired' && request) {
      // Recorded once, so the card and later clicks all say "expired" rather than re-deciding.
      const expired = await this.deps.requests.update(request.id, (current) =>
        current.status === 'requested'
          ? { ...current, status: 'expired', decision: { status: 'expired', at: current.expiresAt } }
          : undefined,
      );
      return { kind: 'refused', refusal: 'expired', request: expired };
    }
    return { kind: 'refused', refusal, ...(request && refusal !== 'mismatch' ? { request } : {}) };
  }

  /** The loser of a race, or a later click: say who decided; an approval's migration is made sure of. */
  private async alreadyDecided(request: ApprovalRequest): Promise<DecisionOutcome> {
    const migration = request.status === 'approved' ? await this.startMigration(request) : undefined;
    return { kind: 'refused', refusal: 'alreadyDecided', request, ...(migration ? { migration } : {}) };
  }

  /**
   * Creates the approved request's migration if it doesn't exist yet and asks for it to run. Idempotent:
   * a crash between the decision and this leaves the next click (or the sweep) to finish it.
   */
  private async startMigration(request: ApprovalRequest): Promise<MigrationRecord> {
    const approver = request.decision?.by ?? request.requester;
    const { record, created } = await this.deps.journal.create(
      newMigrationRecord(request, {
        approver,
        at: request.decision?.at ?? this.deps.clock.now().toISOString(),
      }),
    );
    if (created) await this.deps.start(record.id);
    return record;
  }
}
