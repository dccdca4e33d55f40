import { CustomerMatcher } from '../customers/customerMatcher.js';
import { availableActions, type MigrationAction } from './migrationActions.js';
import type { MigrationRecord } from './migrationRecord.js';

/**
 * Which migration a typed "pause Contoso" / "cancel Contoso" / "roll back Contoso" means. The name is
 * matched like "migrate customer" matches one (typos, parts, legal form), but only among customers that
 * have a migration, and never as a guess: several fitting customers are a question back. Of that
 * customer's migrations the newest one the action applies to now is meant; when none, the newest one,
 * so the answer can say why the action doesn't apply.
 */
export type MigrationLookup =
  | { kind: 'found'; record: MigrationRecord }
  | { kind: 'notApplicable'; record: MigrationRecord }
  | { kind: 'choices'; customerNames: string[] }
  | { kind: 'none' };

export function findMigrationFor(
  records: readonly MigrationRecord[],
  typed: string,
  action: MigrationAction,
  now: Date,
): MigrationLookup {
  const query = typed.trim();
  const byId = records.find((record) => record.id === query);
  if (byId) return pick([byId], action, now);

  const newestFirst = [...records].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const customers = new Map<string, { id: string; companyName: string; domain: string }>();
  for (const record of newestFirst) {
    const id = record.customer.id.toLowerCase();
    // The journal keeps no domain; names are what people type here.
    if (!customers.has(id)) customers.set(id, { id, companyName: record.customer.companyName, domain: '' });
  }
  const match = new CustomerMatcher([...customers.values()]).match(query);
  if (match.kind === 'none') return { kind: 'none' };
  if (match.kind === 'choices') {
    return { kind: 'choices', customerNames: match.candidates.map((customer) => customer.companyName) };
  }
  const customerId = match.customer.id;
  return pick(
    newestFirst.filter((record) => record.customer.id.toLowerCase() === customerId),
    action,
    now,
  );
}

function pick(newestFirst: readonly MigrationRecord[], action: MigrationAction, now: Date): MigrationLookup {
  const applicable = newestFirst.find((record) => availableActions(record, now).includes(action));
  if (applicable) return { kind: 'found', record: applicable };
  const [newest] = newestFirst;
  return newest ? { kind: 'notApplicable', record: newest } : { kind: 'none' };
}
