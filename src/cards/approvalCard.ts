import type { BillingCycle } from '../services/partner-center/models.js';
import type { PlanTarget } from '../services/migration/migrationPlan.js';
import type { OptionNumber } from '../services/migration/replacementOptions.js';
import {
  adaptiveCard,
  executeAction,
  factSet,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from './adaptiveCard.js';
import { daysLeftText, endDateText, type CardText } from './cardText.js';
import { CardVerb, rejectReasonInputId, type ApprovalActionData } from './cardVerbs.js';
import { instantText, personName, termText } from './migrationText.js';
import { productsText } from './productNames.js';

/**
 * The approval card (DESIGN §6, §11): the exact plan an approver binds to, who asked and until when, and
 * Approve / Reject. Whether the clicker may approve (role, four-eyes, hash, expiry) is the server's check;
 * the card only says what the rule is.
 */
export interface ApprovalCardData {
  approvalId: string;
  /** The hash the request was made for; the buttons send it back to be compared. */
  planHash: string;
  customer: { id: string; companyName: string };
  e4: {
    subscriptionId: string;
    offerName: string;
    seats: number;
    /** `YYYY-MM-DD`; absent when the end date is unknown. */
    lastServiceDay?: string;
    daysLeft?: number;
  };
  option: OptionNumber;
  targets: PlanTarget[];
  quantity: number;
  /** Undefined when the users couldn't be read at planning. */
  usersOnE4?: number;
  termDuration: string;
  billingCycle: BillingCycle;
  /** Only when the price list priced the plan. */
  price?: { currency: string; totalPerBillingPeriod: number };
  requester: { name?: string };
  /** ISO 8601 instants. */
  requestedAt: string;
  expiresAt: string;
  /** True when the approver must be someone other than the requester. */
  fourEyes: boolean;
}

/** Longest rejection reason the input takes (it ends up in the audit and a direct message). */
export const rejectReasonMaxLength = 500;

/** Builds the approval card: the plan as facts, the request's who and when, Approve and Reject. */
export function buildApprovalCard(data: ApprovalCardData, text: CardText): AdaptiveCard {
  const requester = personName(text, data.requester);
  const body: CardElement[] = [
    textBlock(text.t('approvalCard.title', { customer: data.customer.companyName }), {
      weight: 'Bolder',
      size: 'Medium',
    }),
    textBlock(
      text.t('approvalCard.requestedBy', { name: requester, date: instantText(text, data.requestedAt) }),
      { isSubtle: true, spacing: 'None' },
    ),
    factSet(facts(data, text)),
    textBlock(text.t('approvalCard.whatHappens'), { size: 'Small', spacing: 'Medium' }),
  ];
  if (data.fourEyes) {
    body.push(
      textBlock(text.t('approvalCard.fourEyes', { name: requester }), { size: 'Small', color: 'Accent' }),
    );
  }
  body.push(
    textBlock(text.t('approvalCard.validUntil', { date: instantText(text, data.expiresAt) }), {
      size: 'Small',
      isSubtle: true,
    }),
  );
  const actionData: ApprovalActionData = {
    approvalId: data.approvalId,
    customerId: data.customer.id,
    planHash: data.planHash,
  };
  return adaptiveCard(body, [
    executeAction(text.t('approvalCard.approve'), CardVerb.approve, { ...actionData }, 'positive'),
    rejectAction(actionData, text),
  ]);
}

/**
 * Reject opens a reason field first: a rejection without a reason leaves the requester guessing. The
 * input is required on the card for the reader's sake; the server checks it again.
 */
function rejectAction(actionData: ApprovalActionData, text: CardText): CardElement {
  return {
    type: 'Action.ShowCard',
    title: text.t('approvalCard.reject'),
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.Text',
          id: rejectReasonInputId,
          label: text.t('approvalCard.rejectReason'),
          isMultiline: true,
          maxLength: rejectReasonMaxLength,
          isRequired: true,
          errorMessage: text.t('approvalCard.rejectReasonError'),
        },
      ],
      actions: [
        executeAction(
          text.t('approvalCard.rejectConfirm'),
          CardVerb.reject,
          { ...actionData },
          'destructive',
        ),
      ],
    },
  };
}

function facts(data: ApprovalCardData, text: CardText): [string, string][] {
  const rows: [string, string][] = [
    [text.t('plan.e4Subscription'), data.e4.offerName],
    [text.t('card.seats'), text.number(data.e4.seats)],
    [text.t('card.endDate'), endDateText(text, data.e4.lastServiceDay)],
  ];
  if (data.e4.daysLeft !== undefined)
    rows.push([text.t('card.daysLeft'), daysLeftText(text, data.e4.daysLeft)]);
  rows.push([text.t('plan.option'), text.t(`option.${data.option}.name`)]);
  if (data.targets.length > 0) {
    rows.push([text.t('plan.products'), productsText(text, data.option, data.targets)]);
  }
  rows.push(
    [text.t('plan.quantity'), text.number(data.quantity)],
    [
      text.t('card.usersOnE4'),
      data.usersOnE4 === undefined ? text.t('card.unknown') : text.number(data.usersOnE4),
    ],
    [text.t('plan.term'), termText(text, data.termDuration)],
    [text.t('plan.billingCycle'), text.t(`billing.${data.billingCycle}`)],
  );
  if (data.price) {
    rows.push([
      text.t('plan.totalPerPeriod'),
      text.money(data.price.totalPerBillingPeriod, data.price.currency),
    ]);
  }
  return rows;
}
