import type { PartnerUserRef } from '../auth/models.js';
import type { BillingCycle } from '../partner-center/models.js';
import type { OptionNumber } from '../migration/replacementOptions.js';

/**
 * A request to approve one migration plan. The conversation issue records it; the approval card,
 * policy and decision arrive with the engine (issue #5), which reads these records.
 */
export interface ApprovalRequest {
  /** Deterministic: the same plan asked for twice is one request (double clicks, two people). */
  id: string;
  /** The plan's hash (planHash): the approval binds to exactly this. */
  planHash: string;
  customerId: string;
  customerName: string;
  e4SubscriptionId: string;
  option: OptionNumber;
  quantity: number;
  termDuration: string;
  billingCycle: BillingCycle;
  requester: PartnerUserRef;
  requestedAt: string;
  /** Where the request was made, so the outcome can be reported there. */
  conversationId: string;
  status: 'requested';
}
