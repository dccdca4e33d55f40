/**
 * The Action.Execute verbs the cards send (the invoke's routing key). Each action's `data` names what the
 * server must look up and re-check — ids, an option number, a plan hash — never a decision it trusts.
 */
export const CardVerb = {
  /** Data: `CustomerChosenData`. */
  chooseCustomer: 'customer.choose',
  /** Data: `SubscriptionChosenData`. */
  chooseSubscription: 'subscription.choose',
  /** Data: `OptionChosenData`. */
  chooseOption: 'option.choose',
  /** Data: `PlanActionData` plus the `quantity` input. */
  requestApproval: 'plan.requestApproval',
  /** Data: `PlanActionData`. */
  cancelPlan: 'plan.cancel',
  /** Data: `SubscriptionChosenData`. */
  migrateExpiring: 'expiring.migrate',
  /** Data: `ApprovalActionData`. */
  approve: 'approval.approve',
  /** Data: `ApprovalActionData` plus the `rejectReason` input. */
  reject: 'approval.reject',
  /** Data: `MigrationActionData`. */
  pauseMigration: 'migration.pause',
  /** Data: `MigrationActionData`; continues a paused migration with the clicker's token. */
  resumeMigration: 'migration.resume',
  /** Data: `MigrationActionData`; moves the users that failed again (a new round). */
  retryMigration: 'migration.retry',
  /** Data: `MigrationActionData`. */
  cancelMigration: 'migration.cancel',
  /** Data: `MigrationActionData`. */
  rollBackMigration: 'migration.rollBack',
  /** Data: `MigrationActionData`; re-draws the progress card for the clicker. */
  refreshMigration: 'migration.refresh',
  /** Data: `CustomerChosenData`; a customer picked for "audit": its audit card. */
  chooseAuditCustomer: 'audit.chooseCustomer',
  /** Data: `CustomerChosenData`; a customer picked for "erase audit": the confirmation card. */
  chooseAuditErasureCustomer: 'audit.erase.chooseCustomer',
  /** Data: `AuditErasureData`; the confirmed erasure, checked again on the server. */
  eraseAudit: 'audit.erase',
  /** Data: `SubscriptionChosenData`; opens the comparison, as "migrate customer" does. */
  startMigrationFromReminder: 'reminder.startMigration',
  /** Data: `ReminderActionData`; no reminder about it in this channel for 7 days. */
  snoozeReminder: 'reminder.snooze',
  /** Data: `ReminderActionData`; the clicker owns the follow-up, shown to everyone. */
  assignReminder: 'reminder.assign',
} as const;

/** One of the verbs above. */
export type CardVerb = (typeof CardVerb)[keyof typeof CardVerb];

/** Every verb, for routers that check an incoming invoke. */
export const cardVerbs: readonly CardVerb[] = Object.values(CardVerb);

/** Narrows an invoke's verb. */
export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && (cardVerbs as readonly string[]).includes(value);
}

/** A customer picked from a choice card. */
export interface CustomerChosenData {
  customerId: string;
}

/** An E4 subscription picked from a choice card or the expiring list. */
export interface SubscriptionChosenData {
  customerId: string;
  e4SubscriptionId: string;
}

/** An option picked on the comparison card. */
export interface OptionChosenData extends SubscriptionChosenData {
  option: number;
}

/** The plan a button acts on; the server re-plans and compares `planHash` before acting. */
export interface PlanActionData extends OptionChosenData {
  planHash: string;
  /** The quantity `planHash` was computed with; the person may change the quantity input before sending. */
  plannedQuantity: number;
}

/** The `Input.Number` id whose value arrives merged into `PlanActionData`. */
export const quantityInputId = 'quantity';

/** An approval card's buttons: the server re-reads the request and checks the hash and customer. */
export interface ApprovalActionData {
  approvalId: string;
  customerId: string;
  planHash: string;
}

/** The `Input.Text` id whose value arrives merged into `ApprovalActionData` on Reject. */
export const rejectReasonInputId = 'rejectReason';

/** A progress card's buttons: the server re-reads the migration and checks the customer. */
export interface MigrationActionData {
  migrationId: string;
  customerId: string;
}

/** The confirmation card's Erase button: the customer whose migration records go. */
export interface AuditErasureData {
  customerId: string;
}

/** A reminder card's Snooze and Assign: the digest (the scan) and the subscription, checked against the channel's digest. */
export interface ReminderActionData extends SubscriptionChosenData {
  digestId: string;
}
