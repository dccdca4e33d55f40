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

export const cardActionSchemas = {
  [CardVerb.chooseCustomer]: z.object({ customerId: id }),
  [CardVerb.chooseSubscription]: subscription,
  [CardVerb.migrateExpiring]: subscription,
  [CardVerb.chooseOption]: subscription.extend({ option }),
  [CardVerb.requestApproval]: plan.extend({ quantity: count }),
  [CardVerb.cancelPlan]: plan,
} as const;

export type CardActionData<V extends CardVerb> = z.output<(typeof cardActionSchemas)[V]>;
