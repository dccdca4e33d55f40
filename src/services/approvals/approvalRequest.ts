import type { PartnerUserRef } from '../auth/models.js';
import type { BillingCycle } from '../partner-center/models.js';
import type { PlanTarget } from '../migration/migrationPlan.js';
import type { CardLocation, MigrationRecord } from '../migration/migrationRecord.js';
import type { OptionNumber } from '../migration/replacementOptions.js';

/** Where an approval request is: waiting, or decided once and for all (until asked again). */
export type ApprovalStatus = 'requested' | 'approved' | 'rejected' | 'expired';

/** The decision, by whom and when; an approval names the migration it started. */
export interface ApprovalDecision {
  status: Exclude<ApprovalStatus, 'requested'>;
  by?: PartnerUserRef;
  at: string;
  reason?: string;
  migrationId?: string;
}

/**
 * A request to approve one migration plan: everything the approval card shows and the migration needs,
 * so approving starts exactly what was shown (DESIGN §5).
 */
export interface ApprovalRequest {
  /** Deterministic: the same plan asked for twice is one request (double clicks, two people). */
  id: string;
  /** The plan's hash (planHash): the approval binds to exactly this. */
  planHash: string;
  customerId: string;
  customerName: string;
  market?: string;
  e4SubscriptionId: string;
  e4: MigrationRecord['e4'];
  /** E4's last day of service and the days left when the plan was made (the approval card shows both). */
  e4End?: { lastServiceDay: string; daysLeft?: number };
  option: OptionNumber;
  targets: PlanTarget[];
  quantity: number;
  usersOnE4?: number;
  termDuration: string;
  billingCycle: BillingCycle;
  price?: { currency: string; totalPerBillingPeriod: number };
  requester: PartnerUserRef;
  requestedAt: string;
  /** After this instant the request can no longer be approved (policy validity, default 24 h). */
  expiresAt: string;
  /** Language of the requester, used for what the bot posts about this request. */
  language: string;
  /** Where the request was made, so the outcome can be reported there. */
  conversationId: string;
  /** The approval card, replaced for everyone when decided. */
  approvalCard?: CardLocation;
  status: ApprovalStatus;
  /** How many times this plan was asked for after an earlier decision (each approval is its own migration). */
  round: number;
  decision?: ApprovalDecision;
}
