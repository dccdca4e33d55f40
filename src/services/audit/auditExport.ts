import type { Clock } from '../clock.js';
import type { MigrationJournal } from '../migration/migrationJournal.js';
import type { MigrationRecord } from '../migration/migrationRecord.js';
import { auditCsv } from './auditCsv.js';
import { signLink, verifyLink } from './signedLink.js';

/**
 * A customer's audit trail for people outside Teams (DESIGN §5 "exportable as CSV"): the records, the
 * CSV, and short-lived signed links to download it. The link is the authorization: whoever may read the
 * customer asked for it in Teams, and it stops working after `linkLifetimeInMs`. The HTTP route that
 * serves it lives in the bot layer; this decides what it answers.
 */

export interface AuditExportDeps {
  journal: Pick<MigrationJournal, 'list'>;
  clock: Clock;
  /** HMAC key of the links (configuration; at least 16 bytes). */
  linkKey: Buffer;
  linkLifetimeInMs: number;
}

/** Where the download route listens; a link's path is this plus `<customer id>.csv`. */
export const auditDownloadPath = '/api/audit/';

/** An issued link and when it stops working. */
export interface AuditLink {
  url: string;
  expiresAt: Date;
}

/** What a download request gets: the file, or why not. */
export type AuditDownload =
  | { kind: 'csv'; customerId: string; fileName: string; csv: string; rows: number }
  /** The path names no customer file: nothing was ever issued for it. */
  | { kind: 'notFound' }
  /** A link we didn't sign, one that was changed, or one past its time. */
  | { kind: 'refused'; reason: 'expired' | 'badSignature' | 'malformed' };

/** Partner Center customer ids are GUIDs; nothing else is a file here. */
const fileName = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.csv$/i;

export class AuditExport {
  constructor(private readonly deps: AuditExportDeps) {}

  /** The customer's migrations, newest first (as the card lists them and the CSV orders them). */
  async migrationsOf(customerId: string): Promise<MigrationRecord[]> {
    const records: MigrationRecord[] = [];
    for await (const record of this.deps.journal.list(customerId)) records.push(record);
    return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }

  /**
   * A link to the customer's CSV on `baseUrl` (the bot's public address), valid for the configured
   * lifetime from now. Only the path is signed, so the same link works behind any host name.
   */
  linkFor(customerId: string, baseUrl: string): AuditLink {
    const expiresAt = new Date(this.deps.clock.now().getTime() + this.deps.linkLifetimeInMs);
    const signed = signLink(
      `${auditDownloadPath}${customerId.toLowerCase()}.csv`,
      expiresAt,
      this.deps.linkKey,
    );
    return { url: `${baseUrl.replace(/\/+$/, '')}${signed}`, expiresAt };
  }

  /**
   * Answers a download request, given the path and query exactly as received: a name that can't be a
   * customer file is not found; then the signature and expiry decide; then the CSV of the records now.
   */
  async download(pathWithQuery: string): Promise<AuditDownload> {
    const [path = ''] = pathWithQuery.split('?', 1);
    const match = path.startsWith(auditDownloadPath)
      ? fileName.exec(path.slice(auditDownloadPath.length))
      : null;
    if (!match?.[1]) return { kind: 'notFound' };
    const check = verifyLink(pathWithQuery, this.deps.clock.now(), this.deps.linkKey);
    if (!check.ok) return { kind: 'refused', reason: check.reason };
    // The signature covers the path, so the checked path is the one that names the customer.
    if (check.path !== path) return { kind: 'refused', reason: 'malformed' };
    const customerId = match[1].toLowerCase();
    const records = await this.migrationsOf(customerId);
    return {
      kind: 'csv',
      customerId,
      fileName: downloadName(records[0]?.customer.companyName, customerId, this.deps.clock.now()),
      csv: auditCsv(records),
      rows: records.reduce((count, record) => count + record.events.length, 0),
    };
  }
}

/**
 * `audit-<customer>-<yyyy-mm-dd>.csv`: the company name in plain ASCII (accents dropped, other signs
 * become dashes) so every browser and file system keeps it, or the id when nothing readable is left.
 */
export function downloadName(companyName: string | undefined, customerId: string, now: Date): string {
  const readable = (companyName ?? '')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `audit-${readable || customerId}-${now.toISOString().slice(0, 10)}.csv`;
}
