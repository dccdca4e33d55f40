import assert from 'node:assert/strict';
import { signInPage } from '../../../src/bot/signInPage.js';
import { translate } from '../../../src/services/i18n/messages.js';

describe('sign-in page', () => {
  it('is a static page in the person’s language, with no script', () => {
    const html = signInPage({ language: 'sv', message: 'signIn.page.signedIn', tone: 'success' });
    assert.match(html, /<html lang="sv">/);
    assert.ok(html.includes(translate('sv', 'signIn.page.signedIn')));
    assert.ok(html.includes(translate('sv', 'signIn.page.close')));
    assert.ok(!/<script|<iframe|https?:\/\//i.test(html), 'nothing executable or external');
  });

  it('explains a problem without the close hint', () => {
    const html = signInPage({ language: 'nl', message: 'signIn.page.wrongAccount', tone: 'problem' });
    // The catalog's ’ is HTML-safe; apostrophes and quotes would be escaped.
    assert.ok(html.includes(translate('nl', 'signIn.page.wrongAccount')));
    assert.ok(!html.includes(translate('nl', 'signIn.page.close')));
  });
});
