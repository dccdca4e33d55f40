import { isExecutable, type Blocker, type MigrationPlan } from '../services/migration/migrationPlan.js';
import { planHash } from '../services/migration/planHash.js';
import type { MessageKey } from '../services/i18n/messages.js';
import {
  adaptiveCard,
  executeAction,
  factSet,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from './adaptiveCard.js';
import { blockerText } from './blockerText.js';
import { daysLeftText, endDateText, type CardText } from './cardText.js';
import { CardVerb, quantityInputId, type PlanActionData } from './cardVerbs.js';
import { productsText } from './productNames.js';

/**
 * The plan card (DESIGN §5–6): what would be bought and moved, what stands in the way, and the buttons to
 * ask for approval or cancel. A typed builder for the same reason as the comparison: its sections appear
 * or not depending on the plan, and blockers are rendered from a union a template can't check.
 */
export interface PlanCardData {
  plan: MigrationPlan;
}

/** Users the card names before "…and N more". */
export const namedUsersOnPlan = 5;

/** Builds the plan card; "Request approval" appears only when no blocker stops the purchase. */
export function buildPlanCard(data: PlanCardData, text: CardText): AdaptiveCard {
  const { plan } = data;
  const executable = isExecutable(plan);
  const body: CardElement[] = [
    textBlock(text.t('plan.title', { customer: plan.customer.companyName }), {
      weight: 'Bolder',
      size: 'Medium',
    }),
    factSet(facts(plan, text)),
    ...quantity(plan, text, executable),
    ...users(plan, text),
    ...blockerSection(plan, 'blocking', text),
    ...blockerSection(plan, 'info', text),
  ];
  const actionData: PlanActionData = {
    customerId: plan.customer.id,
    e4SubscriptionId: plan.e4Subscription.id,
    option: plan.option,
    planHash: planHash(plan),
    plannedQuantity: plan.quantity,
  };
  const actions: CardElement[] = [];
  if (executable) {
    actions.push(
      executeAction(text.t('plan.requestApproval'), CardVerb.requestApproval, { ...actionData }, 'positive'),
    );
  } else {
    body.push(textBlock(text.t('plan.blockedNote'), { color: 'Attention', spacing: 'Medium' }));
  }
  actions.push(executeAction(text.t('plan.cancel'), CardVerb.cancelPlan, { ...actionData }));
  return adaptiveCard(body, actions);
}

function usersOnE4(plan: MigrationPlan): number | undefined {
  return plan.users?.length ?? plan.e4Units?.consumedUnits;
}

const termKeys: Readonly<Record<string, MessageKey>> = { P1M: 'term.P1M', P1Y: 'term.P1Y', P3Y: 'term.P3Y' };

/** "1 year" for `P1Y`; an ISO duration the catalog doesn't name is shown as it is. */
function termText(text: CardText, term: string): string {
  const key = termKeys[term];
  return key ? text.t(key) : term;
}

function facts(plan: MigrationPlan, text: CardText): [string, string][] {
  const e4 = plan.e4Subscription;
  const rows: [string, string][] = [
    [text.t('plan.e4Subscription'), e4.offerName],
    [text.t('card.seats'), text.number(e4.seats)],
    [
      text.t('card.endDate'),
      endDateText(text, e4.endDate.kind === 'known' ? e4.endDate.lastServiceDay : undefined),
    ],
  ];
  if (e4.daysLeft !== undefined) rows.push([text.t('card.daysLeft'), daysLeftText(text, e4.daysLeft)]);
  rows.push([text.t('plan.option'), text.t(`option.${plan.option}.name`)]);
  if (plan.targets.length > 0) {
    rows.push([text.t('plan.products'), productsText(text, plan.option, plan.targets)]);
  }
  rows.push(
    [text.t('plan.term'), termText(text, plan.termDuration)],
    [text.t('plan.billingCycle'), text.t(`billing.${plan.billingCycle}`)],
  );
  if (plan.price) {
    rows.push(
      [text.t('plan.pricePerLicense'), text.money(plan.price.monthlyPricePerUser, plan.price.currency)],
      [text.t('plan.totalPerPeriod'), text.money(plan.price.totalPerBillingPeriod, plan.price.currency)],
    );
  }
  return rows;
}

function quantity(plan: MigrationPlan, text: CardText, executable: boolean): CardElement[] {
  // Without a button to send it, an input would suggest a change the card can't make: show the number.
  if (!executable) return [factSet([[text.t('plan.quantity'), text.number(plan.quantity)]])];
  const min = Math.max(1, usersOnE4(plan) ?? 1);
  return [
    {
      type: 'Input.Number',
      id: quantityInputId,
      label: text.t('plan.quantity'),
      min,
      value: plan.quantity,
      isRequired: true,
      errorMessage: text.t('plan.quantityError', { min: text.number(min) }),
      spacing: 'Medium',
    },
  ];
}

function users(plan: MigrationPlan, text: CardText): CardElement[] {
  if (!plan.users) return [textBlock(text.t('plan.usersUnknown'), { color: 'Warning', spacing: 'Medium' })];
  const named = plan.users.slice(0, namedUsersOnPlan).map((user) => user.userPrincipalName);
  const rest = plan.users.length - named.length;
  const lines = [
    textBlock(
      plan.users.length === 1
        ? text.t('plan.usersMovingOne')
        : text.t('plan.usersMoving', { count: text.number(plan.users.length) }),
      {
        weight: 'Bolder',
        spacing: 'Medium',
      },
    ),
  ];
  if (named.length > 0) lines.push(textBlock(named.join('\n\n'), { size: 'Small', spacing: 'Small' }));
  if (rest > 0) {
    lines.push(
      textBlock(text.t('plan.usersMore', { count: text.number(rest) }), { size: 'Small', isSubtle: true }),
    );
  }
  return lines;
}

function blockerSection(plan: MigrationPlan, severity: Blocker['severity'], text: CardText): CardElement[] {
  const blockers = plan.blockers.filter((blocker) => blocker.severity === severity);
  if (blockers.length === 0) return [];
  const blocking = severity === 'blocking';
  return [
    {
      type: 'Container',
      separator: true,
      spacing: 'Medium',
      ...(blocking ? { style: 'attention' } : {}),
      items: [
        textBlock(text.t(blocking ? 'plan.blocking' : 'plan.info'), {
          weight: 'Bolder',
          ...(blocking ? { color: 'Attention' } : {}),
        }),
        ...blockers.map((blocker) =>
          textBlock(`• ${blockerText(text, blocker, plan.option)}`, { size: 'Small' }),
        ),
      ],
    },
  ];
}
