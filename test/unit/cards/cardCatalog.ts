import type { AdaptiveCard } from '../../../src/cards/adaptiveCard.js';
import type { CardText } from '../../../src/cards/cardText.js';
import { buildComparisonCard } from '../../../src/cards/comparisonCard.js';
import { buildCustomerChoiceCard } from '../../../src/cards/customerChoiceCard.js';
import { buildExpiringListCard } from '../../../src/cards/expiringListCard.js';
import { buildHelpCard } from '../../../src/cards/helpCard.js';
import { buildMessageCard } from '../../../src/cards/messageCard.js';
import { buildPlanCard } from '../../../src/cards/planCard.js';
import { buildSubscriptionChoiceCard } from '../../../src/cards/subscriptionChoiceCard.js';
import { buildWelcomeCard } from '../../../src/cards/welcomeCard.js';
import {
  blockedPlan,
  closestMatch,
  contosoSubscriptions,
  emptyScan,
  executablePlan,
  expiringScan,
  pricedComparison,
  severalMatches,
  unpricedComparison,
} from './fixtures.js';

/** Every card in every variant worth a snapshot, by name. */
export function everyCard(text: CardText): [string, AdaptiveCard][] {
  return [
    ['welcome', buildWelcomeCard({}, text)],
    ['help', buildHelpCard({ allowed: true, requiredRoles: [] }, text)],
    [
      'help-restricted',
      buildHelpCard({ allowed: false, requiredRoles: ['GlobalAdmin', 'AdminAgent', 'SalesAgent'] }, text),
    ],
    ['customer-choices', buildCustomerChoiceCard({ query: 'contoso', match: severalMatches }, text)],
    ['customer-closest', buildCustomerChoiceCard({ query: 'fabrikm', match: closestMatch }, text)],
    ['customer-none', buildCustomerChoiceCard({ query: 'zzz', match: { kind: 'none' } }, text)],
    [
      'subscription-choice',
      buildSubscriptionChoiceCard(
        { customerName: 'Contoso Nordic AB', subscriptions: contosoSubscriptions },
        text,
      ),
    ],
    [
      'comparison-priced',
      buildComparisonCard({ customerName: 'Contoso Nordic AB', comparison: pricedComparison }, text),
    ],
    [
      'comparison-unpriced',
      buildComparisonCard({ customerName: 'Fabrikam BV', comparison: unpricedComparison }, text),
    ],
    ['plan-executable', buildPlanCard({ plan: executablePlan }, text)],
    ['plan-blocked', buildPlanCard({ plan: blockedPlan }, text)],
    ['expiring-list', buildExpiringListCard({ scan: expiringScan, withinDays: 90 }, text)],
    ['expiring-empty', buildExpiringListCard({ scan: emptyScan, withinDays: 30 }, text)],
    [
      'message-error',
      buildMessageCard({
        title: text.t('no'),
        text: text.t('error.partnerCenterBusy', { seconds: 30 }),
        tone: 'error',
      }),
    ],
  ];
}
