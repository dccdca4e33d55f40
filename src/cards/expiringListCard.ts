import type { ExpiringScan } from '../services/subscriptions/e4SubscriptionFinder.js';
import { expandTemplate, type AdaptiveCard } from './adaptiveCard.js';
import { daysLeftText, endDateText, type CardText } from './cardText.js';
import { CardVerb } from './cardVerbs.js';
import template from './templates/expiringListCard.json' with { type: 'json' };

export interface ExpiringListCardData {
  scan: ExpiringScan;
  /** The window the scan covered ("within 90 days"). */
  withinDays: number;
}

/**
 * Builds the list of E4 subscriptions ending soon, soonest first, one "Migrate" button per line, with an
 * empty state. A row's details line (end date · days left · licenses) keeps it to two lines at ~430 px.
 */
export function buildExpiringListCard(data: ExpiringListCardData, text: CardText): AdaptiveCard {
  const { scan, withinDays } = data;
  // The finder sorts already; sorting again keeps the card right if a caller merges scans.
  const rows = [...scan.subscriptions].sort(
    (a, b) => (a.daysLeft ?? Number.POSITIVE_INFINITY) - (b.daysLeft ?? Number.POSITIVE_INFINITY),
  );
  const days = text.number(withinDays);
  return expandTemplate(template, {
    title: text.t('expiring.title', { days }),
    empty: rows.length === 0 ? text.t('expiring.empty', { days }) : '',
    migrate: text.t('expiring.migrate'),
    verb: CardVerb.migrateExpiring,
    rows: rows.map((subscription) => ({
      customerId: subscription.customerId,
      subscriptionId: subscription.subscriptionId,
      customerName: subscription.customerName,
      details: [
        endDateText(text, subscription.end.kind === 'known' ? subscription.end.lastServiceDay : undefined),
        // Unknown end: the date already says so; a second "unknown" would only repeat it.
        ...(subscription.daysLeft === undefined ? [] : [daysLeftText(text, subscription.daysLeft)]),
        `${text.t('card.seats')}: ${text.number(subscription.seats)}`,
      ].join(' · '),
    })),
    scanned: text.t('expiring.scanned', { customers: text.number(scan.customersScanned) }),
    unread:
      scan.unreadCustomers.length === 0
        ? ''
        : scan.unreadCustomers.length === 1
          ? text.t('expiring.unreadOne')
          : text.t('expiring.unread', { count: text.number(scan.unreadCustomers.length) }),
  });
}
