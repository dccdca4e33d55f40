import type { PartnerUserSeed } from '../seeds/seedTypes.js';

/**
 * The sandbox's sign-in page: a form that stands in for Entra's account picker and consent screen.
 * It submits back to the authorize endpoint with every original parameter plus the chosen
 * `login_hint` (or `sandbox_action=cancel`), so a test can do the same with one GET.
 */
export function accountPickerPage(options: {
  action: string;
  query: URLSearchParams;
  users: readonly PartnerUserSeed[];
  clientId: string;
  problem?: string;
}): string {
  const hidden = [...options.query]
    .filter(([name]) => name !== 'login_hint' && name !== 'sandbox_action')
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  const choices = options.users
    .map(
      (user) =>
        `<option value="${escapeHtml(user.userPrincipalName)}">${escapeHtml(user.displayName)} — ` +
        `${escapeHtml(user.userPrincipalName)}${user.hasMfa ? '' : ' (no MFA)'}</option>`,
    )
    .join('\n        ');
  return page(
    'Sign in to the sandbox',
    `${options.problem ? `<p class="problem">${escapeHtml(options.problem)}</p>` : ''}
    <p>The app <code>${escapeHtml(options.clientId)}</code> asks to act as you in Partner Center
    (<code>user_impersonation</code>). The sandbox signs you in and consents at once.</p>
    <form method="get" action="${escapeHtml(options.action)}">
      ${hidden}
      <label>Demo partner user
        <select name="login_hint">
        ${choices}
        </select>
      </label>
      <p>
        <button type="submit">Sign in and accept</button>
        <button type="submit" name="sandbox_action" value="cancel">Cancel</button>
      </p>
    </form>`,
  );
}

/** An authorize request the authority cannot send back anywhere (unknown client or redirect URI). */
export function authorizeErrorPage(message: string): string {
  return page('Sign-in error', `<p class="problem">${escapeHtml(message)}</p>`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>${escapeHtml(title)}</title>
    <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}.problem{color:#a4262c}</style>
  </head>
  <body>
    <h1>${escapeHtml(title)}</h1>
    ${body}
  </body>
</html>
`;
}

/** Text for HTML content and attribute values. */
function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
