import type { E4Subscription } from '../services/subscriptions/e4SubscriptionState.js';
import { expandTemplate, type AdaptiveCard } from './adaptiveCard.js';
import { daysLeftText, endDateText, type CardText } from './cardText.js';
import { CardVerb } from './cardVerbs.js';
import template from './templates/subscriptionChoiceCard.json' with { type: 'json' };

export interface SubscriptionChoiceCardData {
  customerName: string;
  /** The customer's E4 subscriptions, in the order to show them (the finder's: soonest end first). */
  subscriptions: readonly E4Subscription[];
}

/** Builds the card asking which of a customer's E4 subscriptions to migrate. */
export function buildSubscriptionChoiceCard(data: SubscriptionChoiceCardData, text: CardText): AdaptiveCard {
  return expandTemplate(template, {
    message: text.t('subscriptionChoice.title', {
      customer: data.customerName,
      count: text.number(data.subscriptions.length),
    }),
    verb: CardVerb.chooseSubscription,
    labels: {
      seats: text.t('card.seats'),
      endDate: text.t('card.endDate'),
      daysLeft: text.t('card.daysLeft'),
      choose: text.t('card.choose'),
    },
    subscriptions: data.subscriptions.map((subscription) => ({
      customerId: subscription.customerId,
      subscriptionId: subscription.subscriptionId,
      name: subscription.friendlyName || subscription.offerName,
      seats: text.number(subscription.seats),
      endDate: endDateText(
        text,
        subscription.end.kind === 'known' ? subscription.end.lastServiceDay : undefined,
      ),
      daysLeft: daysLeftText(text, subscription.daysLeft),
    })),
  });
}
