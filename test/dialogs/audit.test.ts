import assert from 'node:assert/strict';
import { BlobServiceClient } from '@azure/storage-blob';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { CardVerb } from '../../src/cards/index.js';
import type { Clock } from '../../src/services/clock.js';
import { isActive, type MigrationRecord } from '../../src/services/migration/migrationRecord.js';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import { cardTexts, type Card, type TeamsChat } from '../helpers/teamsChannel.js';
import {
  actionTitles,
  approvedMigration,
  migrationsOf as migrationsIn,
  settledMigration,
  ApprovalRecords,
  assertShows,
  catalogOf,
  chatAs,
  invokeCard,
  onlyCard,
  setUpApprovalsChannel,
  type PartnerUserName,
} from './dialogKit.js';

const t = catalogOf('en');
const linkMinutes = 15;

/** The wall clock plus an offset the test sets: moves the bot past a link's expiry without waiting. */
class ShiftedClock implements Clock {
  offsetInMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetInMs);
  }
}

/** The "Download CSV" link of an audit card. */
function downloadUrl(card: Card | undefined): string {
  let url: string | undefined;
  const walk = (node: unknown): void => {
    if (url !== undefined || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const element = node as Record<string, unknown>;
    if (element.type === 'Action.OpenUrl' && element.title === t('audit.download')) url = String(element.url);
    Object.values(element).forEach(walk);
  };
  walk(card);
  assert.ok(url, 'the audit card has a download link');
  return url;
}

/** RFC 4180 rows (the export quotes fields with commas, quotes or line breaks). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else field += char;
  }
  return rows;
}

/**
 * "audit <customer>" and "erase audit <customer>" through the real bot (restify, CloudAdapter, Azurite, the
 * worker in the bot process), with real migrations of Contoso and Fabrikam Nordic, and the CSV fetched
 * over HTTP from the link on the card.
 */
describe('dialogs: audit and erase audit', function () {
  this.timeout(180_000);
  const clock = new ShiftedClock();
  let harness: BotHarness;
  let approvalsChannel: TeamsChat;
  let approvals: ApprovalRecords;
  let contoso: MigrationRecord;
  let fabrikamNordic: MigrationRecord;

  const approved = (customer: string, option: number) =>
    approvedMigration(harness, approvalsChannel, customer, option);
  const migrationsOf = (customerId: string) => migrationsIn(harness, customerId);
  const until = (customerId: string, done: (record: MigrationRecord) => boolean) =>
    settledMigration(harness, customerId, done);

  /** Names of the blobs under a prefix of the data container (move logs). */
  async function blobsUnder(prefix: string): Promise<string[]> {
    const container = BlobServiceClient.fromConnectionString(
      harness.azurite.connectionString,
    ).getContainerClient('e4-assistant');
    const names: string[] = [];
    for await (const blob of container.listBlobsFlat({ prefix })) names.push(blob.name);
    return names;
  }

  const auditOf = async (user: PartnerUserName, text: string) =>
    onlyCard(await chatAs(harness, user).say(text));

  before(async () => {
    harness = await startBotHarness({
      env: { PROGRESS_UPDATE_INTERVAL_MS: '200', AUDIT_LINK_MINUTES: String(linkMinutes) },
      clock,
    });
    approvals = new ApprovalRecords(harness);
    approvalsChannel = await setUpApprovalsChannel(harness);
    await approved('Contoso', 3);
    await approved('Fabrikam Nordic', 1);
    contoso = await until(DemoIds.customers.contoso, (record) => !isActive(record.state));
    fabrikamNordic = await until(DemoIds.customers.fabrikamNordic, (record) => !isActive(record.state));
    assert.equal(contoso.state, 'completed', JSON.stringify(contoso.reason));
    assert.equal(fabrikamNordic.state, 'completed', JSON.stringify(fabrikamNordic.reason));
  });
  afterEach(() => {
    clock.offsetInMs = 0;
  });
  after(async () => harness.close());

  it('a Sales agent types "audit contoso": the card lists the migration with its events and a CSV link', async () => {
    const { card } = await auditOf('salesAgent', 'audit contoso');
    assertShows(card, t('audit.title', { customer: 'Contoso Ltd' }));
    assertShows(card, t('audit.migration', { reference: contoso.id, state: t('migration.state.completed') }));
    assertShows(card, t('audit.linkExpires', { minutes: linkMinutes }));
    const lines = cardTexts(card);
    const approver = contoso.approver.name ?? '';
    assert.ok(approver, 'the approver has a name');
    assert.ok(
      lines.some((line) => line.includes(t('audit.event.approved')) && line.includes(approver)),
      `the approval and who approved: ${lines.join('\n')}`,
    );
    for (const event of [
      'audit.event.purchased',
      'audit.event.e4Suspended',
      'audit.event.completed',
    ] as const) {
      assert.ok(
        lines.some((line) => line.includes(t(event))),
        `${t(event)} is listed`,
      );
    }
    const purchased = contoso.events.find((event) => event.event === 'purchased');
    const requestId = purchased?.requestIds?.[0];
    assert.ok(requestId, 'the purchase has a request id');
    assert.ok(lines.some((line) => line.includes(requestId.slice(0, 8))));
    assert.ok(!lines.some((line) => line.includes('Fabrikam')), 'only Contoso');
  });

  it('the link downloads Contoso’s CSV over HTTP: one row per event, with request ids and actor names', async () => {
    const url = downloadUrl((await auditOf('salesAgent', 'audit contoso')).card);
    assert.ok(url.startsWith(`${harness.app.url}/api/audit/${DemoIds.customers.contoso}.csv?exp=`), url);
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const day = clock.now().toISOString().slice(0, 10);
    assert.equal(
      response.headers.get('content-disposition'),
      `attachment; filename="audit-contoso-ltd-${day}.csv"`,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark for Excel');
    const [header, ...rows] = csvRows(bytes.subarray(3).toString('utf8'));
    assert.deepEqual(header?.slice(0, 3), ['migrationId', 'customerId', 'customerName']);
    assert.equal(rows.length, contoso.events.length);
    const column = (name: string) => header?.indexOf(name) ?? -1;
    assert.ok(rows.every((row) => row[column('migrationId')] === contoso.id));
    assert.deepEqual(
      rows.map((row) => row[column('event')]),
      contoso.events.map((event) => event.event),
    );
    const requestIds = contoso.events.flatMap((event) => event.requestIds ?? []);
    assert.ok(requestIds.length > 0);
    const csvRequestIds = rows.flatMap((row) => (row[column('requestIds')] ?? '').split(' ').filter(Boolean));
    assert.deepEqual(csvRequestIds, requestIds);
    const approvedRow = rows.find((row) => row[column('event')] === 'approved');
    assert.equal(approvedRow?.[column('actorName')], contoso.approver.name);
    assert.equal(approvedRow?.[column('actorOid')], DemoIds.partnerUsers.adminAgent);
  });

  it('a tampered or expired link gets 403 and no CSV; a name that is no customer file gets 404', async () => {
    const url = new URL(downloadUrl((await auditOf('salesAgent', 'audit contoso')).card));
    const sig = url.searchParams.get('sig') ?? '';
    const refused = async (href: string, status = 403) => {
      const response = await fetch(href);
      const body = await response.text();
      assert.equal(response.status, status, href);
      assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');
      assert.ok(!body.includes('migrationId'), 'no CSV');
      return body;
    };
    const tampered = new URL(url);
    tampered.searchParams.set('sig', `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`);
    assert.match(await refused(tampered.href), /not valid/);
    const otherCustomer = url.href.replace(DemoIds.customers.contoso, DemoIds.customers.fabrikamNordic);
    assert.match(await refused(otherCustomer), /not valid/);
    const longer = new URL(url);
    longer.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 3600));
    assert.match(await refused(longer.href), /not valid/);
    assert.match(await refused(`${harness.app.url}/api/audit/contoso.csv${url.search}`, 404), /Not found/);

    clock.offsetInMs = linkMinutes * 60_000 + 1_000;
    assert.match(await refused(url.href), /expired/);
    clock.offsetInMs = 0;
    assert.equal((await fetch(url)).status, 200, 'the same link, back within its time');
  });

  it('in Swedish and Dutch, by the languages’ own words', async () => {
    const sv = catalogOf('sv');
    const { card: swedish } = await auditOf('adminAgent', 'granska Contoso');
    assertShows(swedish, sv('audit.title', { customer: 'Contoso Ltd' }));
    assertShows(
      swedish,
      sv('audit.migration', { reference: contoso.id, state: sv('migration.state.completed') }),
    );
    const nl = catalogOf('nl');
    const { card: dutch } = await auditOf('globalAdmin', 'auditlogboek contoso');
    assertShows(dutch, nl('audit.title', { customer: 'Contoso Ltd' }));
  });

  it('several matches give a choice card whose buttons open that customer’s audit; no migration gives the empty card', async () => {
    const chat = chatAs(harness, 'salesAgent');
    const choice = onlyCard(await chat.say('audit fabri'));
    assertShows(choice.card, t('customerChoice.several', { query: 'fabri' }));
    assert.deepEqual(actionTitles(choice.card).sort(), ['Fabrikam', 'Fabrikam Nordic AB']);
    const picked = invokeCard(await chat.click(choice, 'Fabrikam Nordic AB'), choice.activityId);
    assertShows(picked.card, t('audit.title', { customer: 'Fabrikam Nordic AB' }));
    assertShows(
      picked.card,
      t('audit.migration', { reference: fabrikamNordic.id, state: t('migration.state.completed') }),
    );
    const { card: empty } = await auditOf('salesAgent', 'audit Tailspin Toys');
    assertShows(empty, t('audit.empty', { customer: 'Tailspin Toys' }));
    assert.ok(!JSON.stringify(empty).includes('Action.OpenUrl'), 'no link without a migration');
    assertShows((await auditOf('salesAgent', 'audit')).card, t('audit.ask'));
  });

  it('people without a reading role are refused', async () => {
    const { card } = await auditOf('noRole', 'audit contoso');
    assertShows(card, t('access.title'));
    assert.ok(!JSON.stringify(card).includes('Action.OpenUrl'));
  });

  it('a Sales agent may read but not erase, typed or by a forged click', async () => {
    const { card } = await auditOf('salesAgent', 'erase audit contoso');
    assertShows(card, t('access.title'));
    const forged = await chatAs(harness, 'salesAgent').invoke(CardVerb.eraseAudit, {
      customerId: DemoIds.customers.contoso,
    });
    assertShows(forged.card, t('access.title'));
    assert.equal((await migrationsOf(DemoIds.customers.contoso)).length, 1);
  });

  it('erase is refused while a migration of the customer is active, at the question and at the click', async () => {
    // The new subscription stays pending, so the migration waits in provisioning.
    await harness.partnerCenter.faults({ provisioningDelayMs: 10 * 60_000 });
    await approved('Brouwerij De Klok', 4);
    const running = await until(
      DemoIds.customers.brouwerijDeKlok,
      (record) => record.state === 'provisioning',
    );
    const refusal = t('audit.erase.inProgress.text', {
      customer: 'Brouwerij De Klok BV',
      state: t('migration.state.provisioning'),
      reference: running.id,
    });
    const { card } = await auditOf('adminAgent', 'erase audit Brouwerij De Klok');
    assertShows(card, refusal);
    assert.deepEqual(actionTitles(card), [], 'no Erase button');
    const clicked = await chatAs(harness, 'adminAgent').invoke(CardVerb.eraseAudit, {
      customerId: DemoIds.customers.brouwerijDeKlok,
    });
    assertShows(clicked.card, refusal);
    assert.equal((await migrationsOf(DemoIds.customers.brouwerijDeKlok)).length, 1);
    assert.equal((await approvals.of(DemoIds.customers.brouwerijDeKlok)).length, 1);
  });

  it('erase asks to confirm; then Contoso’s migrations, move logs and approval requests are gone, Fabrikam Nordic’s remain', async () => {
    const oldLink = downloadUrl((await auditOf('salesAgent', 'audit contoso')).card);
    assert.ok((await blobsUnder(`moves/${contoso.id}/`)).length > 0, 'Contoso has move logs');
    assert.equal((await approvals.of(DemoIds.customers.contoso)).length, 1);

    // A name that fits several customers: the choice leads to the confirmation, never to an erasure.
    const admin = chatAs(harness, 'adminAgent');
    const choice = onlyCard(await admin.say('erase audit fabri'));
    assert.deepEqual(actionTitles(choice.card).sort(), ['Fabrikam', 'Fabrikam Nordic AB']);
    const asked = invokeCard(await admin.click(choice, 'Fabrikam Nordic AB'), choice.activityId);
    assertShows(asked.card, t('audit.erase.title', { customer: 'Fabrikam Nordic AB' }));

    const chat = chatAs(harness, 'globalAdmin');
    const confirm = onlyCard(await chat.say('erase audit Contoso'));
    assertShows(confirm.card, t('audit.erase.title', { customer: 'Contoso Ltd' }));
    assertShows(confirm.card, t('audit.erase.count', { count: 1 }));
    assert.deepEqual(actionTitles(confirm.card), [t('audit.erase.confirm')]);
    // Asking erased nothing.
    assert.equal((await migrationsOf(DemoIds.customers.contoso)).length, 1);

    const erased = invokeCard(await chat.click(confirm, t('audit.erase.confirm')), confirm.activityId);
    assertShows(erased.card, t('audit.erased.text', { customer: 'Contoso Ltd', count: 1 }));

    assert.deepEqual(await migrationsOf(DemoIds.customers.contoso), []);
    assert.deepEqual(await approvals.of(DemoIds.customers.contoso), []);
    assert.deepEqual(await blobsUnder(`moves/${DemoIds.customers.contoso}`), []);
    assert.equal((await migrationsOf(DemoIds.customers.fabrikamNordic)).length, 1);
    assert.equal((await approvals.of(DemoIds.customers.fabrikamNordic)).length, 1);
    assert.ok((await blobsUnder(`moves/${fabrikamNordic.id}/`)).length > 0);

    // The card and the link issued before say what is left: nothing.
    assertShows(
      (await auditOf('salesAgent', 'audit contoso')).card,
      t('audit.empty', { customer: 'Contoso Ltd' }),
    );
    const csv = await (await fetch(oldLink)).text();
    assert.equal(csvRows(csv.slice(1)).length, 1, 'the header only');
  });
});
