import assert from 'node:assert/strict';
import { AuditExport, downloadName } from '../../../../src/services/audit/auditExport.js';
import type { Clock } from '../../../../src/services/clock.js';
import type { MigrationRecord } from '../../../../src/services/migration/migrationRecord.js';
import { completedRecord, migrationRecord, rolledBackRecord } from '../../cards/migrationRecords.js';

const customerId = '4f1c2a6e-1b7d-4c8e-9a1f-3d2b5e6f7a80';
const otherCustomerId = '9b3e7d21-5c4a-4f6b-8e2d-1a0c9f8e7d65';
const key = Buffer.from('0123456789abcdef0123456789abcdef', 'utf8');
const fifteenMinutes = 15 * 60_000;

/** A clock the test moves. */
class MovableClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

/** The journal's `list`, over records in memory, by customer as the blob prefixes do it. */
function journalOf(records: MigrationRecord[]) {
  return {
    async *list(customer?: string) {
      await Promise.resolve();
      for (const record of records) {
        if (customer === undefined || record.customer.id === customer.toLowerCase()) yield record;
      }
    },
  };
}

const older = { ...rolledBackRecord, id: `${customerId}.aaaa.0`, createdAt: '2026-01-10T08:00:00.000Z' };
const newer = { ...completedRecord, id: `${customerId}.bbbb.0`, createdAt: '2026-02-21T09:40:00.000Z' };
const someoneElse = migrationRecord({
  id: `${otherCustomerId}.cccc.0`,
  customer: { id: otherCustomerId, companyName: 'Fabrikam BV', market: 'NL' },
});

function exportAt(clock: MovableClock) {
  return new AuditExport({
    journal: journalOf([older, someoneElse, newer]),
    clock,
    linkKey: key,
    linkLifetimeInMs: fifteenMinutes,
  });
}

describe('AuditExport', () => {
  it("lists one customer's migrations, newest first", async () => {
    const audit = exportAt(new MovableClock(new Date('2026-02-21T10:00:00.000Z')));
    assert.deepEqual(
      (await audit.migrationsOf(customerId)).map((record) => record.id),
      [newer.id, older.id],
    );
  });

  it('issues a link to the customer file on the given base, valid for the configured minutes', () => {
    const audit = exportAt(new MovableClock(new Date('2026-02-21T10:00:00.000Z')));
    const link = audit.linkFor(customerId.toUpperCase(), 'https://bot.example/');
    assert.match(
      link.url,
      new RegExp(`^https://bot\\.example/api/audit/${customerId}\\.csv\\?exp=\\d+&sig=[\\w-]{43}$`),
    );
    assert.equal(link.expiresAt.toISOString(), '2026-02-21T10:15:00.000Z');
  });

  it("answers a valid link with that customer's CSV only, named after the customer and the day", async () => {
    const clock = new MovableClock(new Date('2026-02-21T10:00:00.000Z'));
    const audit = exportAt(clock);
    const { pathname, search } = new URL(audit.linkFor(customerId, 'http://127.0.0.1:3978').url);
    const answer = await audit.download(pathname + search);
    assert.equal(answer.kind, 'csv');
    if (answer.kind !== 'csv') return;
    assert.equal(answer.customerId, customerId);
    assert.equal(answer.fileName, 'audit-contoso-nordic-ab-2026-02-21.csv');
    assert.equal(answer.rows, newer.events.length + older.events.length);
    const lines = answer.csv.trimEnd().split('\r\n');
    assert.equal(lines.length, 1 + answer.rows);
    assert.ok(lines.slice(1).every((line) => line.includes(customerId)));
    assert.ok(!answer.csv.includes(otherCustomerId), 'no other customer in the file');
    // Newest migration first, as on the card.
    assert.ok(lines[1]?.startsWith(newer.id));
  });

  it('refuses the link once it expires', async () => {
    const clock = new MovableClock(new Date('2026-02-21T10:00:00.000Z'));
    const audit = exportAt(clock);
    const { pathname, search } = new URL(audit.linkFor(customerId, 'http://127.0.0.1').url);
    clock.advance(fifteenMinutes - 1000);
    assert.equal((await audit.download(pathname + search)).kind, 'csv');
    clock.advance(1000);
    assert.deepEqual(await audit.download(pathname + search), { kind: 'refused', reason: 'expired' });
  });

  it('refuses a link moved to another customer, a changed signature, or one without its query', async () => {
    const audit = exportAt(new MovableClock(new Date('2026-02-21T10:00:00.000Z')));
    const { pathname, search } = new URL(audit.linkFor(customerId, 'http://127.0.0.1').url);
    const bad = { kind: 'refused', reason: 'badSignature' };
    assert.deepEqual(await audit.download(pathname.replace(customerId, otherCustomerId) + search), bad);
    const flipped = search.endsWith('A') ? `${search.slice(0, -1)}B` : `${search.slice(0, -1)}A`;
    assert.deepEqual(await audit.download(pathname + flipped), bad);
    assert.deepEqual(await audit.download(pathname), { kind: 'refused', reason: 'malformed' });
    assert.deepEqual(await audit.download(`${pathname}${search}&x=1`), {
      kind: 'refused',
      reason: 'malformed',
    });
  });

  it('answers "not found" for a name that can never be a customer file, before looking at the signature', async () => {
    const audit = exportAt(new MovableClock(new Date('2026-02-21T10:00:00.000Z')));
    for (const path of [
      '/api/audit/contoso.csv?exp=1&sig=x',
      `/api/audit/${customerId}.json`,
      `/api/audit/${customerId}`,
      `/api/audit/../${customerId}.csv`,
      `/api/other/${customerId}.csv`,
    ]) {
      assert.deepEqual(await audit.download(path), { kind: 'notFound' }, path);
    }
  });

  it('names the file in plain ASCII, falling back to the id when no letter is left', () => {
    const day = new Date('2026-03-01T23:59:00.000Z');
    assert.equal(downloadName('Ålands Ström AB', 'id-1', day), 'audit-alands-strom-ab-2026-03-01.csv');
    assert.equal(
      downloadName('Brouwerij "De Klok" B.V.', 'id-1', day),
      'audit-brouwerij-de-klok-b-v-2026-03-01.csv',
    );
    assert.equal(downloadName('株式会社', 'id-1', day), 'audit-id-1-2026-03-01.csv');
    assert.equal(downloadName(undefined, 'id-1', day), 'audit-id-1-2026-03-01.csv');
  });
});
