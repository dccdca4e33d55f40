import assert from 'node:assert/strict';
import { buildSignInCard, cardText } from '../../../src/cards/index.js';
import { translate } from '../../../src/services/i18n/messages.js';
import type { SignInReason } from '../../../src/services/errors.js';

const url = 'https://bot.example.com/auth/start?ticket=abc.def';
const reasons: SignInReason[] = ['not_signed_in', 'expired', 'mfa_required', 'consent_required'];

describe('sign-in card (OAuth card)', () => {
  for (const language of ['en', 'sv', 'nl'] as const) {
    it(`says why and offers the sign-in button in ${language}`, () => {
      for (const reason of reasons) {
        const card = buildSignInCard({ reason, signInUrl: url }, cardText(language));
        assert.equal(card.text, translate(language, `signIn.${reason}`));
        assert.deepEqual(card.buttons, [
          { type: 'signin', title: translate(language, 'signIn.button'), value: url },
        ]);
      }
    });
  }

  it('asks Teams for SSO with the exchange id and App ID URI, and only when told', () => {
    const sso = buildSignInCard(
      {
        reason: 'not_signed_in',
        signInUrl: url,
        tokenExchange: { id: 'b6a2f1f0-1111-4a4a-8888-000000000001', uri: 'api://botid-app' },
      },
      cardText('en'),
    );
    assert.equal(sso.connectionName, '');
    assert.deepEqual(sso.tokenExchangeResource, {
      id: 'b6a2f1f0-1111-4a4a-8888-000000000001',
      uri: 'api://botid-app',
    });
    const fallbackOnly = buildSignInCard({ reason: 'mfa_required', signInUrl: url }, cardText('en'));
    assert.equal('tokenExchangeResource' in fallbackOnly, false);
  });
});
