import type { Blocker, UserReference } from '../services/migration/migrationPlan.js';
import type { OptionNumber } from '../services/migration/replacementOptions.js';
import type { CardText } from './cardText.js';
import { productName } from './productNames.js';

/** Users a blocker line names before "…and N more": enough to act on, short enough for a card. */
export const namedUsersPerBlocker = 5;

function userList(text: CardText, users: readonly UserReference[]): string {
  const named = users.slice(0, namedUsersPerBlocker).map((user) => user.userPrincipalName);
  const rest = users.length - named.length;
  return rest > 0
    ? `${named.join(', ')} ${text.t('plan.usersMore', { count: text.number(rest) })}`
    : named.join(', ');
}

/** What to fix (or know), in the reader's language, with the blocker's own data. */
export function blockerText(text: CardText, blocker: Blocker, option: OptionNumber): string {
  switch (blocker.code) {
    case 'usageLocationMissing':
    case 'groupAssignedLicense':
      return text.t(`blocker.${blocker.code}`, { users: userList(text, blocker.users) });
    case 'notSoldInMarket':
      return text.t('blocker.notSoldInMarket', {
        products: blocker.products.map((product) => productName(text, option, product.role)).join(', '),
        market: blocker.market,
      });
    case 'marketUnknown':
    case 'agreementNotAccepted':
    case 'endDateUnknown':
      return text.t(`blocker.${blocker.code}`);
    case 'missingGdapRole':
      return text.t('blocker.missingGdapRole', {
        roles: blocker.requiredRoles.join(', '),
        requestId: blocker.requestId,
      });
    case 'notRetiredOffer':
      return text.t('blocker.notRetiredOffer', { offerId: blocker.offerId });
    case 'subscriptionNotActive':
      return text.t('blocker.subscriptionNotActive', { status: blocker.status });
    case 'quantityBelowUsers':
      return text.t('blocker.quantityBelowUsers', {
        requested: text.number(blocker.requested),
        usersOnE4: text.number(blocker.usersOnE4),
      });
    case 'e4Expired':
      return text.t('blocker.e4Expired', {
        date: text.date(blocker.lastServiceDay),
        days: text.number(blocker.daysSinceEnd),
      });
  }
}
