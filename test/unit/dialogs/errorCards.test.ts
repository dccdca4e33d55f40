import assert from 'node:assert/strict';
import { cardText, type AdaptiveCard } from '../../../src/cards/index.js';
import { cardForError } from '../../../src/dialogs/errorCards.js';
import {
  AppError,
  PartnerCenterError,
  SignInRequiredError,
  type PartnerCenterErrorDetails,
  type SignInReason,
} from '../../../src/services/errors.js';
import type { Language } from '../../../src/services/i18n/language.js';
import { translate, type MessageKey } from '../../../src/services/i18n/messages.js';
import { licenseChangeGdapRoles } from '../../../src/services/migration/migrationPlanner.js';

const reference = 'corr-7f3a';

function details(status: number, description = 'The customer is not active.'): PartnerCenterErrorDetails {
  return {
    status,
    errorCode: '600059',
    description,
    requestId: 'req-42',
    correlationId: 'corr-pc',
    method: 'PATCH',
    path: '/v1/customers/c-1/subscriptions/s-1',
  };
}

function partnerCenterError(status: number, description?: string): PartnerCenterError {
  return new PartnerCenterError(details(status, description));
}

/** The card's title, text and title colour (the message card: two TextBlocks). */
function read(card: AdaptiveCard): { title: string; text: string; color: string } {
  const [title, text] = card.body;
  const textOf = (value: unknown) => (typeof value === 'string' ? value : assert.fail('not a string'));
  return { title: textOf(title?.text), text: textOf(text?.text), color: textOf(title?.color) };
}

describe('cardForError', () => {
  for (const language of ['en', 'sv', 'nl'] as const satisfies readonly Language[]) {
    describe(`in ${language}`, () => {
      const text = cardText(language);
      const t = (key: MessageKey, values?: Readonly<Record<string, string | number>>) =>
        translate(language, key, values);

      it('asks to sign in again on a 401: with MFA for code 900421, otherwise because the sign-in expired', () => {
        const mfa = new PartnerCenterError({ ...details(401), errorCode: '900421' });
        const card = read(cardForError(mfa, text, reference));
        assert.equal(card.title, t('signIn.title'));
        assert.equal(card.text, t('signIn.mfa_required'));
        assert.equal(card.color, 'Warning');
        const expired = new PartnerCenterError({ ...details(401), errorCode: undefined });
        assert.equal(read(cardForError(expired, text, reference)).text, t('signIn.expired'));
      });

      it('reports a 403 on a named customer as a missing GDAP role for that customer', () => {
        const card = read(cardForError(partnerCenterError(403), text, reference, 'Contoso'));
        assert.equal(card.title, t('error.title'));
        assert.equal(card.text, t('error.missingGdapRole', { customer: 'Contoso' }));
        assert.match(card.text, /Contoso/);
        assert.equal(card.color, 'Warning');
      });

      it('reports a 403 without a customer as the GDAP roles to ask for, with the request id', () => {
        const card = read(cardForError(partnerCenterError(403), text, reference));
        assert.equal(
          card.text,
          t('blocker.missingGdapRole', { roles: licenseChangeGdapRoles.join(', '), requestId: 'req-42' }),
        );
        assert.match(card.text, /req-42/);
      });

      it('asks to try again later on a 429', () => {
        const card = read(cardForError(partnerCenterError(429), text, reference));
        assert.equal(card.text, t('error.partnerCenterBusy', { seconds: 60 }));
        assert.equal(card.color, 'Warning');
      });

      for (const status of [500, 503, 0]) {
        it(`says Partner Center did not answer on ${status || 'no response'}, with the request id`, () => {
          const card = read(cardForError(partnerCenterError(status), text, reference));
          assert.equal(card.text, t('error.partnerCenterDown', { requestId: 'req-42' }));
          assert.equal(card.color, 'Attention');
        });
      }

      it('says the customer is gone on a 404', () => {
        const card = read(cardForError(partnerCenterError(404), text, reference, 'Contoso'));
        assert.equal(card.text, t('error.customerNotFound'));
      });

      it("shows another 4xx with Partner Center's description, status and request id", () => {
        const card = read(
          cardForError(partnerCenterError(400, 'Quantity exceeds the limit.'), text, reference),
        );
        assert.equal(
          card.text,
          t('error.partnerCenter', {
            description: 'Quantity exceeds the limit.',
            status: 400,
            requestId: 'req-42',
          }),
        );
        assert.match(card.text, /Quantity exceeds the limit\./);
        assert.match(card.text, /req-42/);
        assert.doesNotMatch(card.text, /\/v1\/customers/, 'the request path stays in the log');
      });

      it('says the customer or the subscription no longer exists', () => {
        const customer = new AppError('Customer c-1 not found', 'customer_not_found');
        assert.equal(read(cardForError(customer, text, reference)).text, t('error.customerNotFound'));
        const subscription = new AppError('Subscription s-1 not found', 'subscription_not_found');
        assert.equal(read(cardForError(subscription, text, reference)).text, t('error.subscriptionNotFound'));
      });

      for (const reason of [
        'expired',
        'mfa_required',
        'consent_required',
        'not_signed_in',
        'unknown_user',
      ] as const satisfies readonly SignInReason[]) {
        it(`asks to sign in when the token is ${reason}`, () => {
          const card = read(
            cardForError(new SignInRequiredError(reason, 'AADSTS50076 raw'), text, reference),
          );
          assert.equal(card.title, t('signIn.title'));
          assert.equal(card.text, t(`signIn.${reason}`));
          assert.equal(card.color, 'Warning');
          assert.doesNotMatch(card.text, /AADSTS/);
        });
      }

      const unknown: [string, unknown][] = [
        [
          'an unexpected Error',
          new TypeError("Cannot read properties of undefined (reading 'id') at secret.ts:12"),
        ],
        [
          'an AppError of another kind',
          new AppError('Cannot read properties of undefined (secret.ts:12)', 'other'),
        ],
        ['something thrown that is not an Error', 'Cannot read properties of undefined (secret.ts:12)'],
      ];
      for (const [what, error] of unknown) {
        it(`shows only a reference for ${what}, never the raw message`, () => {
          const card = cardForError(error, text, reference);
          const { title, text: body } = read(card);
          assert.equal(title, t('error.title'));
          assert.equal(body, t('error.unexpected', { reference }));
          assert.match(body, new RegExp(reference));
          const json = JSON.stringify(card);
          assert.doesNotMatch(json, /Cannot read properties/);
          assert.doesNotMatch(json, /secret\.ts/);
        });
      }

      it('leaves no placeholder unfilled', () => {
        const errors: unknown[] = [
          partnerCenterError(401),
          partnerCenterError(403),
          partnerCenterError(429),
          partnerCenterError(500),
          partnerCenterError(404),
          partnerCenterError(409),
          new AppError('x', 'customer_not_found'),
          new SignInRequiredError('expired', 'x'),
          new Error('x'),
        ];
        for (const error of errors) {
          assert.doesNotMatch(
            JSON.stringify(cardForError(error, text, reference, 'Contoso')),
            /\{\w+\}|\$\{/,
          );
        }
      });
    });
  }
});
