import assert from 'node:assert/strict';
import { findMigrationFor } from '../../../../src/services/migration/migrationLookup.js';
import type { MigrationRecord } from '../../../../src/services/migration/migrationRecord.js';
import {
  bought,
  completedRecord,
  migrationRecord,
  movingRecord,
  rolledBackRecord,
} from '../../cards/migrationRecords.js';

const now = new Date('2026-03-01T10:00:00.000Z');

function of(record: MigrationRecord, id: string, customerId: string, companyName: string): MigrationRecord {
  return { ...record, id, customer: { ...record.customer, id: customerId, companyName } };
}

const contosoOld = of(rolledBackRecord, 'mig-contoso-1', 'cust-contoso', 'Contoso Nordic AB');
const contosoNow = of(movingRecord, 'mig-contoso-2', 'cust-contoso', 'Contoso Nordic AB');
const fabrikam = of(completedRecord, 'mig-fabrikam-1', 'cust-fabrikam', 'Fabrikam BV');
const fabrikamNorge = of(
  migrationRecord({ state: 'paused', reason: { code: 'pausedByPerson' }, purchase: bought }),
  'mig-fabrikam-no-1',
  'cust-fabrikam-no',
  'Fabrikam Norge AS',
);
const journal = [contosoOld, contosoNow, fabrikam, fabrikamNorge];

describe('findMigrationFor: which migration a typed pause, cancel or roll back means', () => {
  it('finds the customer by a partial, lower-case or misspelt name, and its migration the action applies to', () => {
    for (const typed of ['contoso', 'Contoso Nordic', 'contosso nordic ab']) {
      const found = findMigrationFor(journal, typed, 'pause', now);
      assert.equal(found.kind, 'found', typed);
      assert.equal(found.kind === 'found' && found.record.id, 'mig-contoso-2', typed);
    }
  });

  it('skips an older migration the action no longer applies to (rolled back) for the one it does', () => {
    const found = findMigrationFor(journal, 'contoso', 'rollBack', now);
    assert.equal(found.kind === 'found' && found.record.id, 'mig-contoso-2');
  });

  it('says why when none of the customer’s migrations allows the action, naming the newest', () => {
    const found = findMigrationFor(journal, 'Fabrikam BV', 'pause', now);
    assert.equal(found.kind, 'notApplicable');
    assert.equal(found.kind === 'notApplicable' && found.record.id, 'mig-fabrikam-1');
  });

  it('asks back instead of guessing when several customers fit, and says so when none does', () => {
    const several = findMigrationFor(journal, 'fabrik', 'rollBack', now);
    assert.equal(several.kind, 'choices');
    assert.deepEqual(several.kind === 'choices' ? [...several.customerNames].sort() : [], [
      'Fabrikam BV',
      'Fabrikam Norge AS',
    ]);
    assert.deepEqual(findMigrationFor(journal, 'Northwind', 'pause', now), { kind: 'none' });
    assert.deepEqual(findMigrationFor([], 'Contoso', 'pause', now), { kind: 'none' });
  });

  it('takes a migration id as it is', () => {
    const found = findMigrationFor(journal, 'mig-fabrikam-no-1', 'cancel', now);
    // Bought already: cancel no longer applies, so the answer explains rather than acts.
    assert.equal(found.kind, 'notApplicable');
    assert.equal(found.kind === 'notApplicable' && found.record.id, 'mig-fabrikam-no-1');
  });
});
