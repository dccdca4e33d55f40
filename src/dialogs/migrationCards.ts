import {
  buildApprovalCard,
  buildApprovalOutcomeCard,
  buildMessageCard,
  buildProgressCard,
  cardText,
  type AdaptiveCard,
  type CardText,
} from '../cards/index.js';
import type { ApprovalRequest } from '../services/approvals/approvalRequest.js';
import { languageOfLocale } from '../services/i18n/language.js';
import { availableActions } from '../services/migration/migrationActions.js';
import type { MigrationRecord } from '../services/migration/migrationRecord.js';

/**
 * The cards the approval and the migration show to everyone in a conversation, in the requester's
 * language (one card is seen by all; each reader's own language can't be had for a shared message).
 */

export function textOf(language: string): CardText {
  return cardText(languageOfLocale(language));
}

export function approvalCardOf(request: ApprovalRequest, fourEyes: boolean): AdaptiveCard {
  return buildApprovalCard(
    {
      approvalId: request.id,
      planHash: request.planHash,
      customer: { id: request.customerId, companyName: request.customerName },
      e4: {
        subscriptionId: request.e4.subscriptionId,
        offerName: request.e4.offerName,
        seats: request.e4.seats,
        ...request.e4End,
      },
      option: request.option,
      targets: request.targets,
      quantity: request.quantity,
      ...(request.usersOnE4 === undefined ? {} : { usersOnE4: request.usersOnE4 }),
      termDuration: request.termDuration,
      billingCycle: request.billingCycle,
      ...(request.price ? { price: request.price } : {}),
      requester: { ...(request.requester.name ? { name: request.requester.name } : {}) },
      requestedAt: request.requestedAt,
      expiresAt: request.expiresAt,
      fourEyes,
    },
    textOf(request.language),
  );
}

/** A rejected or expired request, as everyone sees it afterwards. */
export function approvalOutcomeCardOf(request: ApprovalRequest): AdaptiveCard {
  const decision = request.decision;
  return buildApprovalOutcomeCard(
    {
      outcome: decision?.status === 'rejected' ? 'rejected' : 'expired',
      customerName: request.customerName,
      option: request.option,
      quantity: request.quantity,
      ...(decision?.by ? { decidedBy: { ...(decision.by.name ? { name: decision.by.name } : {}) } } : {}),
      decidedAt: decision?.at ?? request.expiresAt,
      ...(decision?.reason ? { reason: decision.reason } : {}),
      requester: { ...(request.requester.name ? { name: request.requester.name } : {}) },
    },
    textOf(request.language),
  );
}

export function progressCardOf(record: MigrationRecord, now: Date): AdaptiveCard {
  return buildProgressCard(
    { migration: record, actions: availableActions(record, now), now: now.toISOString() },
    textOf(record.language),
  );
}

/** A short card with a title and one sentence. */
export function noteCard(title: string, text: string, tone?: 'info' | 'warning' | 'error'): AdaptiveCard {
  return buildMessageCard({ title, text, ...(tone ? { tone } : {}) });
}
