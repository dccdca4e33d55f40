import { z } from 'zod';
import { CardVerb } from '../cards/index.js';

/**
 * Schemas of the data each card verb carries (`src/cards/cardVerbs.ts`). Card data comes from the
 * client and can be edited by anyone who can replay an invoke, so it is parsed here, and the ids it
 * names are re-read from Partner Center by the flow, never trusted (issue #6 adds ownership checks).
 */
const id = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a Partner Center id');
const option = z.coerce.number().int().min(1).max(4);
const subscription = z.object({ customerId: id, e4SubscriptionId: id });
/** Input.Number arrives as text; anything but a whole positive number is refused. */
const count = z.coerce.number().int().positive().max(1_000_000);
const plan = subscription.extend({
  option,
  planHash: z.string().regex(/^[0-9a-f]{64}$/),
  plannedQuantity: count,
});

/** Approval ids are `<customer id>.<16 hex of the plan hash>`; migration ids add `.<round>`. */
const approvalId = z.string().regex(/^[0-9a-f-]{36}\.[0-9a-f]{16}$/i, 'must be an approval id');
const approval = z.object({ approvalId, customerId: id, planHash: z.string().regex(/^[0-9a-f]{64}$/) });
const migration = z.object({
  migrationId: z.string().regex(/^[0-9a-f-]{36}\.[0-9a-f]{16}\.\d{1,4}$/i, 'must be a migration id'),
  customerId: id,
});

/** A reminder digest is named after its scan: the slot's instant, or `now-` and the instant of "check now". */
const reminder = subscription.extend({
  digestId: z
    .string()
    .regex(/^(?:now-)?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'must be a reminder digest id'),
});

export const cardActionSchemas = {
  [CardVerb.chooseCustomer]: z.object({ customerId: id }),
  [CardVerb.chooseSubscription]: subscription,
  [CardVerb.migrateExpiring]: subscription,
  [CardVerb.chooseOption]: subscription.extend({ option }),
  [CardVerb.requestApproval]: plan.extend({ quantity: count }),
  [CardVerb.cancelPlan]: plan,
  [CardVerb.approve]: approval,
  [CardVerb.reject]: approval.extend({ rejectReason: z.string().trim().max(500).optional() }),
  [CardVerb.pauseMigration]: migration,
  [CardVerb.resumeMigration]: migration,
  [CardVerb.retryMigration]: migration,
  [CardVerb.cancelMigration]: migration,
  [CardVerb.rollBackMigration]: migration,
  [CardVerb.refreshMigration]: migration,
  [CardVerb.chooseAuditCustomer]: z.object({ customerId: id }),
  [CardVerb.chooseAuditErasureCustomer]: z.object({ customerId: id }),
  [CardVerb.eraseAudit]: z.object({ customerId: id }),
  [CardVerb.startMigrationFromReminder]: subscription,
  [CardVerb.snoozeReminder]: reminder,
  [CardVerb.assignReminder]: reminder,
} as const;

export type CardActionData<V extends CardVerb> = z.output<(typeof cardActionSchemas)[V]>;
