import { cardText } from '../cards/index.js';
import type { Language } from '../services/i18n/language.js';
import type { MessageKey } from '../services/i18n/messages.js';

/** One page of the fallback sign-in: a heading, what happened, and what to do. */
export interface SignInPageData {
  language: Language;
  /** The catalog message saying what happened. */
  message: MessageKey;
  tone: 'success' | 'problem';
}

/**
 * The small, self-contained pages of the bot-hosted sign-in (`/auth/start`, `/auth/callback`) in the
 * person's language: no script, no external resource, every text escaped. Pure: data in, HTML out.
 */
export function signInPage(data: SignInPageData): string {
  const text = cardText(data.language);
  const title = escapeHtml(text.t('signIn.page.title'));
  const message = escapeHtml(text.t(data.message));
  const close = data.tone === 'success' ? `<p>${escapeHtml(text.t('signIn.page.close'))}</p>` : '';
  return `<!doctype html>
<html lang="${data.language}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title}</title>
    <style>
      body { font-family: 'Segoe UI', system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; color: #242424; }
      .success { border-left: 4px solid #107c10; padding-left: 1rem; }
      .problem { border-left: 4px solid #c4314b; padding-left: 1rem; }
    </style>
  </head>
  <body>
    <h1>${title}</h1>
    <div class="${data.tone}">
      <p>${message}</p>
      ${close}
    </div>
  </body>
</html>
`;
}

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
