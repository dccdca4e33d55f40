import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import { AppError, ConcurrencyError } from '../errors.js';
import type { BlobJsonStore } from '../storage/blobJsonStore.js';
import type { MigrationEvent, MigrationRecord } from './migrationRecord.js';

/**
 * Migration records in Azure Blob, one JSON document each, changed only by compare-and-swap on the
 * eTag: the bot (a person's Pause), the worker (a step) and another instance (a resumed migration)
 * can race on one record, and every change is applied to the latest version or not at all.
 */

/** A change: the next version of the record, or `undefined` to leave it as it is. */
export type RecordChange = (current: MigrationRecord) => MigrationRecord | undefined;

export class MigrationJournal {
  constructor(
    private readonly documents: BlobJsonStore<MigrationRecord>,
    private readonly clock: Clock,
  ) {}

  /** Creates the record unless it exists; returns the stored one either way (one approval, one migration). */
  async create(record: MigrationRecord): Promise<{ record: MigrationRecord; created: boolean }> {
    try {
      await this.documents.write(keyOf(record.customer.id, record.id), record, { ifNoneExists: true });
      return { record, created: true };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      const existing = await this.get(record.id);
      if (!existing) throw error;
      return { record: existing, created: false };
    }
  }

  async get(migrationId: string): Promise<MigrationRecord | undefined> {
    return (await this.documents.read(keyOf(customerIdOf(migrationId), migrationId)))?.value;
  }

  /**
   * Applies `change` to the latest version and writes it with that version's eTag, re-reading and
   * re-applying when someone else wrote first. Returns the record as stored afterwards.
   * @throws AppError `migration_not_found`
   */
  async update(migrationId: string, change: RecordChange): Promise<MigrationRecord> {
    const updated = await this.documents.update(keyOf(customerIdOf(migrationId), migrationId), (current) => {
      const next = change(current);
      if (next) next.updatedAt = this.clock.now().toISOString();
      return next;
    });
    if (!updated) throw new AppError(`Migration ${migrationId} does not exist.`, 'migration_not_found');
    return updated;
  }

  /** Every record, or one customer's, read one at a time (memory stays flat). */
  async *list(customerId?: string): AsyncIterableIterator<MigrationRecord> {
    const prefix = customerId === undefined ? 'migrations/' : `migrations/${customerId.toLowerCase()}/`;
    for await (const key of this.documents.keys(prefix)) {
      const stored = await this.documents.read(key);
      if (stored) yield stored.value;
    }
  }

  /** Removes a record (audit retention, erasure on a customer's request). */
  async remove(migrationId: string): Promise<void> {
    await this.documents.remove(keyOf(customerIdOf(migrationId), migrationId));
  }

  /**
   * Removes the record only if `shouldRemove` holds for its latest version, by compare-and-swap on the
   * eTag: a record someone changed since it was read (a Roll back pressed on a completed migration) is
   * checked again, never removed on an old reading. Returns whether it was removed.
   */
  async removeIf(migrationId: string, shouldRemove: (current: MigrationRecord) => boolean): Promise<boolean> {
    return this.documents.removeIf(keyOf(customerIdOf(migrationId), migrationId), shouldRemove);
  }

  /** An event stamped with the journal's clock. */
  event(event: string, details: Omit<MigrationEvent, 'at' | 'event'> = {}): MigrationEvent {
    return { at: this.clock.now().toISOString(), event, ...details };
  }
}

/**
 * The migration of an approval's `round`-th decision: derived, never random, so twenty Approve clicks
 * that all pass the checks still name one migration. The customer id leads, so its records share a folder.
 */
export function migrationIdOf(approvalId: string, round: number): string {
  return `${approvalId}.${round}`;
}

/** The customer a migration id belongs to (ids are `<customer id>.<plan hash prefix>.<round>`). */
export function customerIdOf(migrationId: string): string {
  return migrationId.split('.')[0] ?? migrationId;
}

/**
 * The marker put in the friendly name of every line item a migration buys, so its purchase can be found
 * again in the customer's orders after a crash or an unclear answer (DESIGN §5). Short: Partner Center
 * limits friendly names.
 */
export function purchaseMarkerOf(record: Pick<MigrationRecord, 'id' | 'createdAt'>): string {
  return `E4 migration ${createHash('sha256').update(operationKeyOf(record)).digest('hex').slice(0, 16)}`;
}

/**
 * What names a migration's Partner Center operations (request ids, the purchase marker): its id and when
 * its record was created. The id alone comes back when an identical plan is approved again after the
 * customer's records were erased; with the creation time that new migration can neither replay the old
 * one's checkout nor mistake the old order for its own purchase.
 */
export function operationKeyOf(record: Pick<MigrationRecord, 'id' | 'createdAt'>): string {
  return `${record.id}@${record.createdAt}`;
}

function keyOf(customerId: string, migrationId: string): string {
  return `migrations/${customerId.toLowerCase()}/${migrationId}.json`;
}
