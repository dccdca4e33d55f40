import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'restify';
import type { FallbackSignIn, SignInRefusal } from '../services/auth/fallbackSignIn.js';
import { languageOfLocale, type Language } from '../services/i18n/language.js';
import type { MessageKey } from '../services/i18n/messages.js';
import type { Logger } from '../services/logging/logger.js';
import type { SignInContinuation } from './signInContinuation.js';
import { signInPage } from './signInPage.js';

export interface SignInRoutesDeps {
  fallback: Pick<FallbackSignIn, 'start' | 'complete'>;
  continuation: Pick<SignInContinuation, 'continueAfterSignIn'>;
  /** Whether browsers reach the bot over https: the binding cookie is then `Secure`. */
  isHttps: () => boolean;
  logger: Logger;
}

/** The browser-binding cookie: set by `/auth/start`, required by `/auth/callback`. */
const bindingCookie = 'e4_sign_in';
/** The pending sign-in's own lifetime (SIGN_IN_STATE_LIFETIME_IN_MS), in seconds. */
const bindingMaxAgeInSeconds = 600;

const refusalMessages: Readonly<Record<SignInRefusal, MessageKey>> = {
  unknown_state: 'signIn.page.unknownState',
  other_browser: 'signIn.page.otherBrowser',
  authority_error: 'signIn.page.cancelled',
  wrong_account: 'signIn.page.wrongAccount',
  not_redeemed: 'signIn.page.notCompleted',
  failed: 'signIn.page.failed',
};

/**
 * The bot-hosted fallback sign-in page (issue #6): `GET /auth/start?ticket=…` (the sign-in card's button)
 * redirects to the authority with PKCE and sets an HttpOnly binding cookie; `GET /auth/callback` finishes
 * the authorization-code flow, shows a small page in the person's language, and continues their pending
 * command in Teams. Errors get a clear page and change nothing. Nothing from the query (code, state) is
 * logged, and no page is cached or leaks the URL as a referrer.
 */
export function signInRoutes(deps: SignInRoutesDeps): { start: RequestHandler; callback: RequestHandler } {
  return {
    start: async (req: Request, res: Response) => {
      const correlationId = randomUUID();
      const query = queryOf(req);
      try {
        const started = await deps.fallback.start(query.get('ticket') ?? '', { correlationId });
        if (started.kind === 'refused') {
          sendPage(res, 400, {
            language: browserLanguage(req),
            message: started.reason === 'expired' ? 'signIn.page.expiredLink' : 'signIn.page.invalidLink',
            tone: 'problem',
          });
          return;
        }
        res.writeHead(302, {
          Location: started.location,
          'Set-Cookie': cookie(started.browserBinding, bindingMaxAgeInSeconds, deps.isHttps()),
          ...noStore,
        });
        res.end();
      } catch (error) {
        deps.logger.error({ err: error, correlationId }, 'Sign-in start failed');
        if (!res.headersSent) {
          sendPage(res, 500, {
            language: browserLanguage(req),
            message: 'signIn.page.failed',
            tone: 'problem',
          });
        }
      }
    },
    callback: async (req: Request, res: Response) => {
      const correlationId = randomUUID();
      const query = queryOf(req);
      try {
        const completion = await deps.fallback.complete(
          {
            state: query.get('state') ?? undefined,
            code: query.get('code') ?? undefined,
            error: query.get('error') ?? undefined,
            browserBinding: cookieValue(req, bindingCookie),
          },
          { correlationId },
        );
        // The binding has done its job either way: the browser forgets it.
        res.setHeader('Set-Cookie', cookie('', 0, deps.isHttps()));
        if (completion.kind === 'signedIn') {
          const { request } = completion;
          deps.continuation.continueAfterSignIn(request.conversationId, request.user, request.language);
          sendPage(res, 200, {
            language: request.language,
            message: 'signIn.page.signedIn',
            tone: 'success',
          });
          return;
        }
        sendPage(res, 400, {
          language: completion.language ?? browserLanguage(req),
          message: refusalMessages[completion.reason],
          tone: 'problem',
        });
      } catch (error) {
        deps.logger.error({ err: error, correlationId }, 'Sign-in callback failed');
        if (!res.headersSent) {
          sendPage(res, 500, {
            language: browserLanguage(req),
            message: 'signIn.page.failed',
            tone: 'problem',
          });
        }
      }
    },
  };
}

const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

function sendPage(
  res: Response,
  status: number,
  page: { language: Language; message: MessageKey; tone: 'success' | 'problem' },
): void {
  const body = Buffer.from(signInPage(page), 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': body.length,
    ...noStore,
    // Static text only: no script may run, no frame may hold it, the URL (with its code) goes nowhere.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function cookie(value: string, maxAgeInSeconds: number, secure: boolean): string {
  // SameSite=Lax: sent on the authority's top-level redirect back to /auth/callback, not on cross-site posts.
  return [
    `${bindingCookie}=${value}`,
    'Path=/auth/',
    `Max-Age=${maxAgeInSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

function queryOf(req: Request): URLSearchParams {
  return new URL(req.url ?? '/', 'http://bot.invalid').searchParams;
}

function cookieValue(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || undefined;
  }
  return undefined;
}

/** The page's language when no sign-in says it: the browser's first choice. */
function browserLanguage(req: Request): Language {
  const header = req.headers['accept-language'];
  return languageOfLocale(typeof header === 'string' ? header.split(',')[0] : undefined);
}
