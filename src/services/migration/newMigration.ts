import type { PartnerUserRef } from '../auth/models.js';
import type { ApprovalRequest } from '../approvals/approvalRequest.js';
import { deriveRequestId } from '../partner-center/requestIds.js';
import { migrationIdOf, operationKeyOf } from './migrationJournal.js';
import type { MigrationRecord } from './migrationRecord.js';

/** The first version of a migration's record, made from the approved request when it is approved. */
export function newMigrationRecord(
  request: ApprovalRequest,
  approval: { approver: PartnerUserRef; at: string },
): MigrationRecord {
  const id = migrationIdOf(request.id, request.round);
  return {
    id,
    approvalId: request.id,
    planHash: request.planHash,
    correlationId: deriveRequestId(operationKeyOf({ id, createdAt: approval.at }), 'correlation'),
    customer: { id: request.customerId, companyName: request.customerName, market: request.market },
    e4: request.e4,
    option: request.option,
    targets: request.targets,
    quantity: request.quantity,
    termDuration: request.termDuration,
    billingCycle: request.billingCycle,
    requester: request.requester,
    approver: approval.approver,
    actingUser: approval.approver,
    language: request.language,
    requestConversationId: request.conversationId,
    ...(request.approvalCard ? { progressCard: request.approvalCard } : {}),
    state: 'approved',
    purchase: { attempt: 0, orderIds: [], subscriptions: [] },
    users: { total: request.usersOnE4 ?? 0, moved: 0, round: 0, failures: [], restored: 0 },
    events: [{ at: approval.at, event: 'approved', actor: approval.approver }],
    createdAt: approval.at,
    updatedAt: approval.at,
  };
}
