import type { OptionNumber } from '../services/migration/replacementOptions.js';
import { adaptiveCard, factSet, textBlock, type AdaptiveCard, type CardElement } from './adaptiveCard.js';
import type { CardText } from './cardText.js';
import { instantText, personName } from './migrationText.js';

/**
 * What replaces the approval card for everyone once it was rejected or expired (DESIGN §6): the decision,
 * who made it and why, and no buttons — a decided request can't be decided again from an old card.
 */
export interface ApprovalOutcomeCardData {
  outcome: 'rejected' | 'expired';
  customerName: string;
  option: OptionNumber;
  quantity: number;
  /** Who rejected; absent for an expiry. */
  decidedBy?: { name?: string };
  /** ISO 8601: the rejection, or the moment the request expired. */
  decidedAt: string;
  /** The rejection's reason. */
  reason?: string;
  requester: { name?: string };
}

/** Builds the outcome card of a rejected or expired approval request. */
export function buildApprovalOutcomeCard(data: ApprovalOutcomeCardData, text: CardText): AdaptiveCard {
  const rejected = data.outcome === 'rejected';
  const date = instantText(text, data.decidedAt);
  const body: CardElement[] = [
    textBlock(
      text.t(rejected ? 'approvalOutcome.rejected.title' : 'approvalOutcome.expired.title', {
        customer: data.customerName,
      }),
      { weight: 'Bolder', size: 'Medium', color: rejected ? 'Attention' : 'Warning' },
    ),
    textBlock(
      rejected
        ? text.t('approvalOutcome.rejected.text', { name: personName(text, data.decidedBy), date })
        : text.t('approvalOutcome.expired.text', { date }),
      { spacing: 'Small' },
    ),
  ];
  const reason = data.reason?.trim();
  if (rejected && reason)
    body.push(textBlock(text.t('approvalOutcome.reason', { reason }), { spacing: 'Small' }));
  body.push(
    factSet([
      [text.t('plan.option'), text.t(`option.${data.option}.name`)],
      [text.t('plan.quantity'), text.number(data.quantity)],
      [text.t('approvalOutcome.requestedBy'), personName(text, data.requester)],
    ]),
    textBlock(text.t('approvalOutcome.nothingChanged', { name: personName(text, data.requester) }), {
      size: 'Small',
      isSubtle: true,
      spacing: 'Medium',
    }),
  );
  return adaptiveCard(body);
}
