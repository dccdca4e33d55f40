import type { Request, RequestHandler, Response } from 'restify';
import type { AuditDownload, AuditExport } from '../services/audit/auditExport.js';
import type { Logger } from '../services/logging/logger.js';

/**
 * `GET /api/audit/<customer id>.csv?exp=…&sig=…`: the audit CSV behind a signed link from the audit card.
 * There is no Teams sign-in here — a browser opens the link — so the signature is the authorization: it
 * proves the bot issued the link to someone allowed to read the customer, and the expiry keeps it short.
 */
export function auditDownloadRoute(audit: Pick<AuditExport, 'download'>, logger: Logger): RequestHandler {
  return async (req: Request, res: Response) => {
    try {
      const answer = await audit.download(req.url ?? '');
      logDownload(answer, logger);
      send(res, answer);
    } catch (error) {
      logger.error({ err: error }, 'audit download failed');
      if (!res.headersSent) plainText(res, 500, 'The audit trail could not be read. Try again in a minute.');
    }
  };
}

/** A UTF-8 byte-order mark: without it Excel reads the file as the local code page and garbles å, ö, ë. */
const byteOrderMark = '\uFEFF';

function send(res: Response, answer: AuditDownload): void {
  switch (answer.kind) {
    case 'csv': {
      const body = Buffer.from(byteOrderMark + answer.csv, 'utf8');
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${answer.fileName}"`,
        'Content-Length': body.length,
        // Names and object ids of partner staff: no browser or proxy keeps a copy.
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(body);
      return;
    }
    case 'notFound':
      plainText(res, 404, 'Not found.');
      return;
    case 'refused':
      plainText(
        res,
        403,
        answer.reason === 'expired'
          ? 'This download link has expired. Type "audit" and the customer in Teams for a new one.'
          : 'This download link is not valid. Type "audit" and the customer in Teams for a new one.',
      );
  }
}

function plainText(res: Response, status: number, text: string): void {
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

/** Who downloaded can't be known (no sign-in); what and whether it was refused can. Never the link itself. */
function logDownload(answer: AuditDownload, logger: Logger): void {
  if (answer.kind === 'csv') {
    logger.info({ customerId: answer.customerId, rows: answer.rows }, 'audit CSV downloaded');
  } else if (answer.kind === 'refused') {
    logger.warn({ reason: answer.reason }, 'audit download refused');
  }
}
