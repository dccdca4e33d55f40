import type { Subscription } from '../partner-center/models.js';
import { isRetiredOffer } from '../subscriptions/e4Offers.js';
import type { SubscriptionEndDate } from '../subscriptions/subscriptionEndDate.js';
import type { Blocker, PlanUser } from './migrationPlan.js';
import type { OptionAvailability } from './optionAvailability.js';

/** The rules that turn what the planner read into blockers (DESIGN §5). Pure. */

/** What the planner knows about the customer and the E4 subscription before reading users. */
export interface SubjectFacts {
  hasAcceptedAgreement: boolean;
  market: string | undefined;
  /** Undefined when the market is unknown. */
  availability: OptionAvailability | undefined;
  e4: Pick<Subscription, 'offerId' | 'status'>;
  extraRetiredOfferIds?: readonly string[];
}

/** Agreement, market, purchasability and the E4 subscription's own state. */
export function subjectBlockers(facts: SubjectFacts): Blocker[] {
  const blockers: Blocker[] = [];
  if (!facts.hasAcceptedAgreement) {
    blockers.push({
      code: 'agreementNotAccepted',
      severity: 'blocking',
      agreementType: 'MicrosoftCustomerAgreement',
    });
  }
  if (!facts.market) blockers.push({ code: 'marketUnknown', severity: 'blocking' });
  if (facts.availability && facts.availability.unsold.length > 0) {
    blockers.push({
      code: 'notSoldInMarket',
      severity: 'blocking',
      market: facts.availability.market,
      products: facts.availability.unsold,
    });
  }
  if (!isRetiredOffer(facts.e4.offerId, facts.extraRetiredOfferIds)) {
    blockers.push({ code: 'notRetiredOffer', severity: 'blocking', offerId: facts.e4.offerId });
  }
  // Suspended or deleted: already migrated or on its way out; there is nothing to move from.
  if (facts.e4.status === 'suspended' || facts.e4.status === 'deleted') {
    blockers.push({ code: 'subscriptionNotActive', severity: 'blocking', status: facts.e4.status });
  }
  return blockers;
}

/** Users the license update would refuse: no usage location, or a license that comes from a group. */
export function userBlockers(users: readonly PlanUser[]): Blocker[] {
  const blockers: Blocker[] = [];
  const withoutLocation = users.filter((user) => !user.usageLocation);
  if (withoutLocation.length > 0) {
    blockers.push({
      code: 'usageLocationMissing',
      severity: 'blocking',
      users: withoutLocation.map(({ id, userPrincipalName }) => ({ id, userPrincipalName })),
    });
  }
  const byGroup = users.flatMap(({ id, userPrincipalName, assignedByGroup }) =>
    assignedByGroup ? [{ id, userPrincipalName, groupId: assignedByGroup }] : [],
  );
  if (byGroup.length > 0)
    blockers.push({ code: 'groupAssignedLicense', severity: 'blocking', users: byGroup });
  return blockers;
}

/** Informational: E4 already ended (users are in the grace period) or its end can't be told. */
export function endDateBlockers(endDate: SubscriptionEndDate, daysLeft: number | undefined): Blocker[] {
  if (endDate.kind === 'unknown') return [{ code: 'endDateUnknown', severity: 'info' }];
  if (daysLeft !== undefined && daysLeft < 0) {
    return [
      {
        code: 'e4Expired',
        severity: 'info',
        lastServiceDay: endDate.lastServiceDay,
        daysSinceEnd: -daysLeft,
      },
    ];
  }
  return [];
}
