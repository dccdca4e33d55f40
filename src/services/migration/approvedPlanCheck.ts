import type { PartnerUserRef } from '../auth/models.js';
import type { MigrationPlanner } from './migrationPlanner.js';
import { planHash } from './planHash.js';
import type { ApprovedPlanCheck } from './saga/migrationSaga.js';

/**
 * Before buying, the plan is made again (without walking the users, which don't change what is bought)
 * and its hash compared with the approved one: other products, prices, term or E4 subscription, or a new
 * blocker (agreement withdrawn, offer no longer sold), and the approval no longer holds (DESIGN §5).
 */
export function approvedPlanCheck(
  plannerFor: (user: PartnerUserRef) => Pick<MigrationPlanner, 'plan'>,
): ApprovedPlanCheck {
  return async (record, _partnerCenter, signal) => {
    const plan = await plannerFor(record.actingUser).plan(
      {
        customerId: record.customer.id,
        e4SubscriptionId: record.e4.subscriptionId,
        option: record.option,
        quantity: record.quantity,
        termDuration: record.termDuration,
        billingCycle: record.billingCycle,
        withoutUsers: true,
      },
      { correlationId: record.correlationId, abortSignal: signal },
    );
    const blocking = plan.blockers.filter((blocker) => blocker.severity === 'blocking');
    if (blocking.length > 0) return { ok: false, detail: blocking.map((blocker) => blocker.code).join(', ') };
    if (planHash(plan) !== record.planHash) {
      return { ok: false, detail: 'Products, prices, term or the E4 subscription changed since approval.' };
    }
    return { ok: true };
  };
}
