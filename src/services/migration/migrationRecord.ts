import type { PartnerUserRef } from '../auth/models.js';
import type { BillingCycle } from '../partner-center/models.js';
import type { PlanTarget } from './migrationPlan.js';
import type { OptionNumber } from './replacementOptions.js';

/**
 * One migration's journal (DESIGN §5): the saga's state, what it bought, how far the users are, and
 * every transition for the audit. Stored as one JSON blob written with eTag compare-and-swap
 * (`MigrationJournal`), so any instance can continue another's work and two writers never both win.
 *
 * The approval's own states (draft, awaiting approval, rejected, expired) live on the approval request;
 * a migration record exists from the moment a plan is approved.
 */

/** Where the saga is. `paused` keeps the state to go back to in `resumeAt`. */
export type MigrationState =
  | 'approved'
  | 'purchasing'
  | 'provisioning'
  | 'moving_users'
  | 'verifying'
  | 'suspending'
  | 'completed'
  | 'paused'
  | 'cancelled'
  | 'failed'
  | 'rolling_back'
  | 'rolled_back';

/** States the worker has nothing more to do in (until a person acts). */
export const restingStates: readonly MigrationState[] = [
  'completed',
  'paused',
  'cancelled',
  'failed',
  'rolled_back',
];

/** States no person can act on any more. */
export const finalStates: readonly MigrationState[] = ['completed', 'cancelled', 'failed', 'rolled_back'];

/** True when a worker should be running this migration. */
export function isActive(state: MigrationState): boolean {
  return !restingStates.includes(state);
}

/** Why a migration paused or failed; codes are message-catalog keys (`migration.reason.<code>`). */
export type MigrationReasonCode =
  /** The acting person's delegated token can't be had: they (or another approver) must sign in and resume. */
  | 'needsSignIn'
  /** Some users couldn't be moved; `userFailures` says who and why. */
  | 'userFailures'
  /** A person pressed Pause. */
  | 'pausedByPerson'
  /** What would be bought changed since approval (products, price, E4 subscription): ask again. */
  | 'planChanged'
  /** Partner Center refused the purchase (`detail` carries its code and description). */
  | 'purchaseRefused'
  /** The new subscription did not become active in time, or was refused. */
  | 'provisioningFailed'
  /** More users hold E4 than the quantity bought. */
  | 'quantityExceeded'
  /** E4 still has holders after every user was moved; nothing was suspended. */
  | 'e4StillHeld'
  /** Partner Center refused or kept failing a call the saga needs; `detail` says which. */
  | 'partnerCenterError'
  /** A roll back could not restore every user; `userFailures` says who. */
  | 'rollbackIncomplete'
  /** E4 was already de-provisioned: nothing can carry the users back. */
  | 'rollbackTooLate';

export interface MigrationReason {
  code: MigrationReasonCode;
  /** Partner Center's code/description or the sign-in reason, for the card and the audit. */
  detail?: string;
}

/** A user who couldn't be moved (or moved back), with what to fix. */
export interface UserFailure {
  userId: string;
  userPrincipalName: string;
  /** Partner Center's error code (e.g. 60010 usage location) or `'unknown'`. */
  code: string;
  description: string;
  /** The move round it happened in (a Retry starts the next round with new request ids). */
  round: number;
}

/** One line of the audit trail. */
export interface MigrationEvent {
  at: string;
  /** The state entered, or the action taken (`'pauseRequested'`, `'userFailures'`, …). */
  event: string;
  /** The person whose click or token caused it; absent for the worker's own steps. */
  actor?: PartnerUserRef;
  /** `MS-RequestId`s of the Partner Center calls this step made that changed something. */
  requestIds?: string[];
  /** Partner Center ids: cart, orders, subscriptions. */
  partnerCenterIds?: string[];
  detail?: string;
}

/** What a person asked the worker to do at its next step boundary. */
export type MigrationControl = 'pause' | 'cancel' | 'rollBack';

/** A Teams message the engine keeps current (the approval card that became the progress card). */
export interface CardLocation {
  conversationId: string;
  activityId: string;
}

/** The new subscription bought for one target product. */
export interface BoughtSubscription {
  role: PlanTarget['role'];
  subscriptionId: string;
  licenseSkuId: string;
  orderId: string;
  /** New-commerce subscriptions can be cancelled until then (a roll back uses it). */
  cancellationAllowedUntil?: string;
}

export interface MigrationRecord {
  /** Derived from the approval (`migrationIdOf`): one approval, one migration. */
  id: string;
  approvalId: string;
  planHash: string;
  /** `MS-CorrelationId` of every Partner Center call the migration makes. */
  correlationId: string;
  customer: { id: string; companyName: string; market: string | undefined };
  e4: { subscriptionId: string; offerName: string; licenseSkuId: string; seats: number };
  option: OptionNumber;
  targets: PlanTarget[];
  quantity: number;
  termDuration: string;
  billingCycle: BillingCycle;
  requester: PartnerUserRef;
  approver: PartnerUserRef;
  /** Whose delegated token the writes use: the approver, or whoever resumed last. */
  actingUser: PartnerUserRef;
  /** Language of the cards and messages this migration posts. */
  language: string;
  /** The conversation the approval was requested in (the requester hears back there, or by DM). */
  requestConversationId: string;
  /** The card that shows progress to everyone (the approval card, replaced). */
  progressCard?: CardLocation;

  state: MigrationState;
  /** While paused: the state to continue from on resume. */
  resumeAt?: MigrationState;
  reason?: MigrationReason;
  /** A person's request the worker honours at its next step boundary. */
  control?: { action: MigrationControl; by: PartnerUserRef; at: string };

  purchase: {
    /** Set before any cart is created: from then on, orders are looked up before buying. */
    intentAt?: string;
    /** Checkout attempts; each has its own deterministic request ids. */
    attempt: number;
    cartId?: string;
    orderIds: string[];
    subscriptions: BoughtSubscription[];
  };
  users: {
    /** Users holding E4 when moving started (absorbs joiners/leavers up to the quantity). */
    total: number;
    moved: number;
    /** Move round: a Retry starts the next one, with new request ids. */
    round: number;
    failures: UserFailure[];
    /** Users moved back to E4 by a roll back. */
    restored: number;
  };
  e4Suspended?: { at: string };
  events: MigrationEvent[];
  createdAt: string;
  updatedAt: string;
}
