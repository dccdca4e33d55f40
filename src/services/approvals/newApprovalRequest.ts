import type { PartnerUserRef } from '../auth/models.js';
import type { MigrationPlan } from '../migration/migrationPlan.js';
import { planHash } from '../migration/planHash.js';
import type { ApprovalRequest } from './approvalRequest.js';
import { approvalRequestId } from './approvalRequestStore.js';

/** The request to approve `plan` as it stands: what the approval card shows and the migration buys. */
export function newApprovalRequest(
  plan: MigrationPlan,
  request: {
    requester: PartnerUserRef;
    conversationId: string;
    language: string;
    now: Date;
    /** How long the request can be approved (policy, default 24 h). */
    validityInMs: number;
  },
): ApprovalRequest {
  const hash = planHash(plan);
  return {
    id: approvalRequestId(plan.customer.id, hash),
    planHash: hash,
    customerId: plan.customer.id,
    customerName: plan.customer.companyName,
    ...(plan.customer.market ? { market: plan.customer.market } : {}),
    e4SubscriptionId: plan.e4Subscription.id,
    e4: {
      subscriptionId: plan.e4Subscription.id,
      offerName: plan.e4Subscription.offerName,
      licenseSkuId: plan.e4Subscription.licenseSkuId,
      seats: plan.e4Subscription.seats,
    },
    ...(plan.e4Subscription.endDate.kind === 'known'
      ? {
          e4End: {
            lastServiceDay: plan.e4Subscription.endDate.lastServiceDay,
            ...(plan.e4Subscription.daysLeft === undefined ? {} : { daysLeft: plan.e4Subscription.daysLeft }),
          },
        }
      : {}),
    option: plan.option,
    targets: plan.targets,
    quantity: plan.quantity,
    ...(plan.users ? { usersOnE4: plan.users.length } : {}),
    termDuration: plan.termDuration,
    billingCycle: plan.billingCycle,
    ...(plan.price
      ? { price: { currency: plan.price.currency, totalPerBillingPeriod: plan.price.totalPerBillingPeriod } }
      : {}),
    requester: request.requester,
    requestedAt: request.now.toISOString(),
    expiresAt: new Date(request.now.getTime() + request.validityInMs).toISOString(),
    language: request.language,
    conversationId: request.conversationId,
    status: 'requested',
    round: 0,
  };
}
