import type { PartnerRole, PartnerUserRef } from '../auth/models.js';
import type { ApprovalRequest } from './approvalRequest.js';

/** Who may approve, and how (DESIGN §11; configured with APPROVAL_* variables). */
export interface ApprovalPolicy {
  /** Approver must not be the requester. On by default. */
  fourEyes: boolean;
  /** How long a request can be approved after it was made. */
  validityInMs: number;
  /** Roles that may approve (a subset of those that may change licenses). */
  approverRoles: readonly PartnerRole[];
}

/** Why a decision is refused; codes are the conversation's message keys' suffixes. */
export type DecisionRefusal =
  'notFound' | 'mismatch' | 'notApprover' | 'fourEyes' | 'expired' | 'alreadyDecided' | 'reasonRequired';

/** What the card's buttons said; checked against the stored request, never trusted. */
export interface DecisionClaim {
  approvalId: string;
  customerId: string;
  planHash: string;
}

/**
 * The checks every click passes before a decision is written (pure, so each rule is tested alone):
 * the card must name the stored request exactly, the person must hold an approver role, must not be the
 * requester when four-eyes is on, and the request must still be waiting and within its validity.
 */
export function refusalOf(
  request: ApprovalRequest | undefined,
  claim: DecisionClaim,
  person: { user: PartnerUserRef; roles: readonly PartnerRole[] },
  policy: ApprovalPolicy,
  now: Date,
): DecisionRefusal | undefined {
  if (!request) return 'notFound';
  if (
    request.customerId.toLowerCase() !== claim.customerId.toLowerCase() ||
    request.planHash !== claim.planHash ||
    request.id !== claim.approvalId.toLowerCase()
  ) {
    return 'mismatch';
  }
  if (!person.roles.some((role) => policy.approverRoles.includes(role))) return 'notApprover';
  if (request.status !== 'requested') return 'alreadyDecided';
  if (policy.fourEyes && request.requester.oid.toLowerCase() === person.user.oid.toLowerCase())
    return 'fourEyes';
  if (Date.parse(request.expiresAt) <= now.getTime()) return 'expired';
  return undefined;
}
