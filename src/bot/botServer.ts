import type { AddressInfo } from 'node:net';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import restify, { type Request, type RequestHandler, type Response } from 'restify';
import type { AuditExport } from '../services/audit/auditExport.js';
import type { Logger } from '../services/logging/logger.js';
import { auditDownloadRoute } from './auditDownloadRoute.js';
import { activityProblem } from './incomingActivity.js';

export interface BotServerOptions {
  adapter: CloudAdapter;
  bot: { run(context: TurnContext): Promise<void> };
  host: string;
  port: number;
  /** Larger request bodies are refused with 413 before the adapter sees them. */
  maxBodyBytes: number;
  /** Serves the audit CSV behind signed links on `GET /api/audit/:file`; no route without it. */
  audit?: Pick<AuditExport, 'download'>;
  /** The fallback sign-in page, `GET /auth/start` and `GET /auth/callback` (`signInRoutes.ts`); none without it. */
  signIn?: { start: RequestHandler; callback: RequestHandler };
  logger: Logger;
}

export interface RunningBotServer {
  /** e.g. `http://127.0.0.1:3978` */
  url: string;
  close(): Promise<void>;
}

/**
 * restify with the Bot Framework endpoint `/api/messages`, a health probe, the audit CSV download and
 * the fallback sign-in page.
 * `/api/messages` takes only an uncompressed JSON activity of at most `maxBodyBytes` with the fields the
 * bot relies on (`incomingActivity.ts`); anything else gets a 4xx before the adapter runs. The adapter
 * validates the Bot Framework token (production) and writes invoke responses itself; the download is
 * authorized by its link's signature (`auditDownloadRoute.ts`), the fallback sign-in page by its signed
 * ticket and the authority (`signInRoutes.ts`). Every refusal is logged, never its body.
 */
export async function startBotServer(options: BotServerOptions): Promise<RunningBotServer> {
  const { logger } = options;
  const server = restify.createServer({ name: 'e4-migration-assistant' });
  const refuse = (req: Request, res: Response, status: number, code: string, reason: string) => {
    logger.warn({ status, code, reason, method: req.method, path: req.path() }, 'request refused');
    res.send(status, { code, message: reason });
  };
  server.post(
    '/api/messages',
    (req, res, next) => {
      // Teams sends uncompressed JSON. A gzip body would be inflated past maxBodyBytes, which counts the
      // compressed bytes (restify's bodyReader), and other types would reach parsers nobody needs here.
      const encoding = req.header('content-encoding', 'identity').trim().toLowerCase();
      if (encoding !== 'identity') {
        return refuse(req, res, 415, 'UnsupportedMediaType', 'content encoding not accepted');
      }
      if (!req.is('json')) {
        return refuse(req, res, 415, 'UnsupportedMediaType', 'the body must be application/json');
      }
      next();
    },
    restify.plugins.bodyReader({ maxBodySize: options.maxBodyBytes }),
    ...restify.plugins.jsonBodyParser({ bodyReader: true, mapParams: false }),
    async (req: Request, res: Response) => {
      const problem = activityProblem(req.body);
      if (problem) return refuse(req, res, 400, 'BadRequest', problem);
      try {
        await options.adapter.process(req, res, (context) => options.bot.run(context));
      } catch (error) {
        logger.error({ err: error }, 'activity processing failed');
        if (!res.headersSent) res.send(500);
      }
    },
  );
  if (options.audit) server.get('/api/audit/:file', auditDownloadRoute(options.audit, logger));
  if (options.signIn) {
    server.get('/auth/start', options.signIn.start);
    server.get('/auth/callback', options.signIn.callback);
  }
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  // restify's own refusals (413 too large, 400 unreadable JSON, 404, 405) are logged like ours.
  server.on('restifyError', (req: Request, _res: Response, error: RestifyError, callback: () => void) => {
    logger.warn(
      { status: error.statusCode, code: error.code ?? error.name, method: req.method, path: req.path() },
      'request refused',
    );
    callback();
  });
  // The underlying node server: restify's own listen/close are typed `any`.
  const http = server.server;
  await new Promise<void>((resolve) => http.listen(options.port, options.host, resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/** What restify passes to `restifyError` handlers (restify-errors' HttpError). */
interface RestifyError extends Error {
  statusCode?: number;
  code?: string;
}
