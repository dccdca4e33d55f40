import type { AddressInfo } from 'node:net';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import restify, { type RequestHandler } from 'restify';
import type { AuditExport } from '../services/audit/auditExport.js';
import type { Logger } from '../services/logging/logger.js';
import { auditDownloadRoute } from './auditDownloadRoute.js';

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
 * the fallback sign-in page. The adapter validates the Bot Framework token (production) and writes
 * invoke responses itself; the download is authorized by its link's signature (`auditDownloadRoute.ts`),
 * the sign-in page by its signed ticket and the authority (`signInRoutes.ts`).
 */
export async function startBotServer(options: BotServerOptions): Promise<RunningBotServer> {
  const server = restify.createServer({ name: 'e4-migration-assistant' });
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    try {
      await options.adapter.process(req, res, (context) => options.bot.run(context));
    } catch (error) {
      options.logger.error({ err: error }, 'activity processing failed');
      if (!res.headersSent) res.send(500);
    }
  });
  if (options.audit) server.get('/api/audit/:file', auditDownloadRoute(options.audit, options.logger));
  if (options.signIn) {
    server.get('/auth/start', options.signIn.start);
    server.get('/auth/callback', options.signIn.callback);
  }
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
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
