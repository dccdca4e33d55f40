import type { MigrationEvent, MigrationRecord } from '../migration/migrationRecord.js';

/**
 * The audit export (DESIGN §5): every recorded transition of the given migrations as CSV, one row per
 * event. RFC 4180 (CRLF line ends, fields quoted when they hold a comma, quote or line break, quotes
 * doubled) so any tool reads it, and safe to open in a spreadsheet: a cell that would start a formula
 * is prefixed with `'`, because customer names and Partner Center details are not ours to trust.
 * The header is English on purpose: it is read by tools, not people in a chosen language.
 */

const columns = [
  'migrationId',
  'customerId',
  'customerName',
  'option',
  'quantity',
  'at',
  'event',
  'actorOid',
  'actorName',
  'requestIds',
  'partnerCenterIds',
  'detail',
] as const;

export function auditCsv(records: MigrationRecord[]): string {
  const rows: string[][] = [[...columns]];
  for (const record of records) {
    for (const event of record.events) rows.push(rowOf(record, event));
  }
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

function rowOf(record: MigrationRecord, event: MigrationEvent): string[] {
  const row: Record<(typeof columns)[number], string> = {
    migrationId: record.id,
    customerId: record.customer.id,
    customerName: record.customer.companyName,
    option: String(record.option),
    quantity: String(record.quantity),
    at: event.at,
    event: event.event,
    actorOid: event.actor?.oid ?? '',
    actorName: event.actor?.name ?? '',
    requestIds: (event.requestIds ?? []).join(' '),
    partnerCenterIds: (event.partnerCenterIds ?? []).join(' '),
    detail: event.detail ?? '',
  };
  return columns.map((column) => row[column]);
}

/** Characters a spreadsheet reads as the start of a formula (OWASP CSV injection: also tab and CR). */
const formulaStart = /^[=+\-@\t\r]/;

function csvField(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
