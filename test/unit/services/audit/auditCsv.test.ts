import assert from 'node:assert/strict';
import { auditCsv } from '../../../../src/services/audit/auditCsv.js';
import type { MigrationEvent, MigrationRecord } from '../../../../src/services/migration/migrationRecord.js';

const approver = { oid: 'oid-jan', tenantId: 'partner-tenant', name: 'Jan de Vries' };

function record(id: string, companyName: string, events: MigrationEvent[]): MigrationRecord {
  return {
    id,
    approvalId: `apr-${id}`,
    planHash: 'hash-1',
    correlationId: 'corr-1',
    customer: { id: `cust-${id}`, companyName, market: 'SE' },
    e4: {
      subscriptionId: 'e4-sub',
      offerName: 'Office 365 Enterprise E4',
      licenseSkuId: 'e4-sku',
      seats: 50,
    },
    option: 3,
    targets: [],
    quantity: 42,
    termDuration: 'P1Y',
    billingCycle: 'monthly',
    requester: approver,
    approver,
    actingUser: approver,
    language: 'sv',
    requestConversationId: 'a:conv',
    state: 'completed',
    purchase: { attempt: 1, orderIds: [], subscriptions: [] },
    users: { total: 42, moved: 42, round: 1, failures: [], restored: 0 },
    events,
    createdAt: '2026-02-21T09:40:00.000Z',
    updatedAt: '2026-02-21T10:00:00.000Z',
  };
}

/** A strict RFC 4180 reader, so the tests check what a spreadsheet or script would actually read. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (char === '\r' || char === '\n' || char === '"') {
      throw new Error(`bare ${JSON.stringify(char)} outside quotes at ${i}`);
    } else field += char;
  }
  assert.equal(field + row.join(''), '', 'the text ends with CRLF');
  return rows;
}

const header = [
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
];

describe('auditCsv', () => {
  it('writes the English header and one CRLF-terminated row per event of each record, in order', () => {
    const csv = auditCsv([
      record('m-1', 'Contoso', [
        { at: '2026-02-21T09:40:00.000Z', event: 'approved', actor: approver },
        {
          at: '2026-02-21T09:41:00.000Z',
          event: 'purchasing',
          requestIds: ['r-1', 'r-2'],
          partnerCenterIds: ['cart-1', 'order-1'],
        },
      ]),
      record('m-2', 'Fabrikam', [{ at: '2026-02-22T08:00:00.000Z', event: 'completed' }]),
      record('m-3', 'No events yet', []),
    ]);
    assert.equal(
      csv.split('\r\n').length,
      5,
      'header, three event rows, and the empty string after the last CRLF',
    );
    assert.ok(!/[^\r]\n/.test(csv), 'no bare LF line ends');
    assert.deepEqual(parseCsv(csv), [
      header,
      [
        'm-1',
        'cust-m-1',
        'Contoso',
        '3',
        '42',
        '2026-02-21T09:40:00.000Z',
        'approved',
        'oid-jan',
        'Jan de Vries',
        '',
        '',
        '',
      ],
      [
        'm-1',
        'cust-m-1',
        'Contoso',
        '3',
        '42',
        '2026-02-21T09:41:00.000Z',
        'purchasing',
        '',
        '',
        'r-1 r-2',
        'cart-1 order-1',
        '',
      ],
      ['m-2', 'cust-m-2', 'Fabrikam', '3', '42', '2026-02-22T08:00:00.000Z', 'completed', '', '', '', '', ''],
    ]);
  });

  it('is only the header for no records', () => {
    assert.equal(auditCsv([]), `${header.join(',')}\r\n`);
  });

  it('quotes fields holding a comma, quote or line break and doubles the quotes', () => {
    const detail = 'Partner Center said "no",\r\nthen\nagain';
    const csv = auditCsv([
      record('m-1', 'Contoso, Inc.', [
        {
          at: '2026-02-21T09:40:00.000Z',
          event: 'failed',
          actor: { ...approver, name: 'Jan "JD" de Vries' },
          detail,
        },
      ]),
    ]);
    assert.ok(csv.includes(',"Contoso, Inc.",'));
    assert.ok(csv.includes(',"Jan ""JD"" de Vries",'));
    assert.ok(csv.includes(`,"Partner Center said ""no"",\r\nthen\nagain"\r\n`));
    const [, row] = parseCsv(csv);
    assert.equal(row?.[2], 'Contoso, Inc.');
    assert.equal(row?.[8], 'Jan "JD" de Vries');
    assert.equal(row?.[11], detail);
    assert.equal(row?.length, header.length);
  });

  it('neutralises cells a spreadsheet would run as formulas, in every text column', () => {
    const csv = auditCsv([
      record('m-1', '=HYPERLINK("http://evil.example","click")', [
        {
          at: '2026-02-21T09:40:00.000Z',
          event: '+cmd',
          actor: { ...approver, name: '@SUM(A1)' },
          detail: '-2+3',
        },
        { at: '2026-02-21T09:41:00.000Z', event: 'approved', detail: 'ok = fine, a-b @ c' },
      ]),
    ]);
    const [, first, second] = parseCsv(csv);
    assert.equal(first?.[2], `'=HYPERLINK("http://evil.example","click")`);
    assert.equal(first?.[6], "'+cmd");
    assert.equal(first?.[8], "'@SUM(A1)");
    assert.equal(first?.[11], "'-2+3");
    // Only a leading formula character matters; the same characters inside a cell are left alone.
    assert.equal(second?.[11], 'ok = fine, a-b @ c');
    assert.ok(
      csv.includes(`,"'=HYPERLINK(""http://evil.example"",""click"")",`),
      'prefix sits inside the quotes',
    );
  });
});
