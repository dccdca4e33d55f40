import { createHash } from 'node:crypto';
import type { MigrationPlan } from './migrationPlan.js';

/**
 * The approval binds to this hash (DESIGN §5): customer, E4 subscription, target catalog items,
 * quantity, term, billing cycle and price. Users joining or leaving E4 don't change it (they are
 * absorbed while they fit the quantity); anything that changes what is bought or paid does.
 */
export function planHash(
  plan: Pick<
    MigrationPlan,
    'customer' | 'e4Subscription' | 'targets' | 'quantity' | 'termDuration' | 'billingCycle' | 'price'
  >,
): string {
  const bound = {
    customerId: plan.customer.id.toLowerCase(),
    e4SubscriptionId: plan.e4Subscription.id.toLowerCase(),
    // Base then add-on: the order is part of what is bought, so it is not sorted away.
    targets: plan.targets.map((target) => ({ role: target.role, catalogItemId: target.catalogItemId })),
    quantity: plan.quantity,
    termDuration: plan.termDuration,
    billingCycle: plan.billingCycle,
    price: plan.price
      ? {
          currency: plan.price.currency,
          lines: plan.price.lines.map((line) => ({
            catalogItemId: line.catalogItemId,
            unitPrice: line.unitPrice,
          })),
        }
      : null,
  };
  return createHash('sha256').update(canonicalJson(bound), 'utf8').digest('hex');
}

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
