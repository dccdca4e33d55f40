import type { BillingCycle, Subscription } from '../partner-center/models.js';
import type { SubscriptionEndDate } from '../subscriptions/subscriptionEndDate.js';
import type { ProductRole, UnsoldProduct } from './optionAvailability.js';
import type { OptionPrice } from './optionPricing.js';
import type { OptionNumber } from './replacementOptions.js';

/**
 * The preflight plan of one migration (DESIGN §5): what would be bought and moved, and what stands in
 * the way. Built by `MigrationPlanner`; the approval binds to `planHash(plan)`.
 */

/** What the partner asks to plan. */
export interface PlanRequest {
  customerId: string;
  e4SubscriptionId: string;
  option: OptionNumber;
  /** Seats to buy. Default: users holding E4. Never below them (a lower one is a blocker). */
  quantity?: number;
  /** Default `P1Y`. */
  termDuration?: string;
  /** Default `monthly`. */
  billingCycle?: BillingCycle;
  /**
   * Skip walking the users (`users` and `e4Units` stay undefined): what is bought and paid, and so the
   * plan hash, doesn't depend on them. The engine re-checks an approved plan this way before buying.
   */
  withoutUsers?: boolean;
}

/** A user holding E4, kept small: a 5,000-user tenant is planned in memory. */
export interface PlanUser {
  id: string;
  userPrincipalName: string;
  usageLocation?: string;
  /** Service plan ids to keep disabled on the base target: the user's disabled E4 plans it also has. */
  excludedPlanIds: string[];
  /** Group whose license this is; such a license can't be changed per user. */
  assignedByGroup?: string;
}

/** A user named in a blocker. */
export interface UserReference {
  id: string;
  userPrincipalName: string;
}

/**
 * Something to fix before buying (`severity: 'blocking'`) or to know (`'info'`), with the data needed to
 * say what to fix. Codes are message-catalog keys.
 */
export type Blocker =
  | { code: 'usageLocationMissing'; severity: 'blocking'; users: UserReference[] }
  | { code: 'groupAssignedLicense'; severity: 'blocking'; users: (UserReference & { groupId: string })[] }
  | { code: 'notSoldInMarket'; severity: 'blocking'; market: string; products: UnsoldProduct[] }
  | { code: 'marketUnknown'; severity: 'blocking' }
  | { code: 'agreementNotAccepted'; severity: 'blocking'; agreementType: 'MicrosoftCustomerAgreement' }
  | {
      code: 'missingGdapRole';
      severity: 'blocking';
      /** GDAP roles that allow reading users and changing licenses. */
      requiredRoles: readonly string[];
      requestId: string;
    }
  | { code: 'notRetiredOffer'; severity: 'blocking'; offerId: string }
  | { code: 'subscriptionNotActive'; severity: 'blocking'; status: Subscription['status'] }
  | { code: 'quantityBelowUsers'; severity: 'blocking'; requested: number; usersOnE4: number }
  | { code: 'e4Expired'; severity: 'info'; lastServiceDay: string; daysSinceEnd: number }
  | { code: 'endDateUnknown'; severity: 'info' };

/** The code of a blocker. */
export type BlockerCode = Blocker['code'];

/** One product to buy. */
export interface PlanTarget {
  role: ProductRole;
  productId: string;
  skuId: string;
  /** Entra skuId to assign. */
  licenseSkuId: string;
  catalogItemId: string;
  isSubstitute: boolean;
}

/** The E4 subscription as the plan saw it. */
export interface PlanE4Subscription {
  id: string;
  offerId: string;
  offerName: string;
  status: Subscription['status'];
  /** Seats bought. */
  seats: number;
  /** Entra skuId users hold. */
  licenseSkuId: string;
  endDate: SubscriptionEndDate;
  daysLeft: number | undefined;
  /** Subscriptions whose parent is this one (they go when it is suspended). */
  addOns: { id: string; offerName: string; quantity: number; status: Subscription['status'] }[];
}

/** Units of the E4 license SKU as the directory reports them (consumed units lag behind). */
export interface PlanE4Units {
  activeUnits: number;
  consumedUnits: number;
  warningUnits: number;
  suspendedUnits: number;
}

export interface MigrationPlan {
  customer: { id: string; companyName: string; market: string | undefined };
  e4Subscription: PlanE4Subscription;
  /** Undefined when the subscribed SKUs couldn't be read (e.g. no GDAP role). */
  e4Units: PlanE4Units | undefined;
  /** Users holding E4, in the order Partner Center listed them; undefined when they couldn't be read. */
  users: PlanUser[] | undefined;
  option: OptionNumber;
  /** Products to buy, base first; empty when none is sold in the market. */
  targets: PlanTarget[];
  quantity: number;
  termDuration: string;
  billingCycle: BillingCycle;
  /** Only when the price list prices every target. */
  price: (OptionPrice & { totalPerBillingPeriod: number }) | undefined;
  blockers: Blocker[];
  /** When the plan was made (the planner's clock). */
  plannedAt: string;
}

/** True when no blocker stops the purchase. */
export function isExecutable(plan: Pick<MigrationPlan, 'blockers'>): boolean {
  return plan.blockers.every((blocker) => blocker.severity !== 'blocking');
}
