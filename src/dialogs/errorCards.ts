import { buildMessageCard, type AdaptiveCard, type CardText } from '../cards/index.js';
import {
  AppError,
  isPartnerCenterError,
  SignInRequiredError,
  signInReasonOf401,
} from '../services/errors.js';
import { licenseChangeGdapRoles } from '../services/migration/migrationPlanner.js';

/**
 * Turns a failure into a card that says what happened and what to do, in the reader's language. Known
 * failures get their own words; anything else a reference the operator finds in the log. Raw exception
 * text is never shown.
 */
export function cardForError(
  error: unknown,
  text: CardText,
  reference: string,
  customerName?: string,
): AdaptiveCard {
  const card = (message: string, tone: 'warning' | 'error' = 'error') =>
    buildMessageCard({ title: text.t('error.title'), text: message, tone });
  if (error instanceof SignInRequiredError) {
    return buildMessageCard({
      title: text.t('signIn.title'),
      text: text.t(`signIn.${error.reason}`),
      tone: 'warning',
    });
  }
  if (isPartnerCenterError(error)) {
    const reason = signInReasonOf401(error);
    if (reason) {
      // Fixed by signing in again, never by retrying: the sign-in card, not "Partner Center refused".
      return buildMessageCard({
        title: text.t('signIn.title'),
        text: text.t(`signIn.${reason}`),
        tone: 'warning',
      });
    }
    if (error.status === 403) {
      // A 403 on a customer's data is a missing GDAP role for that customer (DESIGN §11).
      return card(
        customerName
          ? text.t('error.missingGdapRole', { customer: customerName })
          : text.t('blocker.missingGdapRole', {
              roles: licenseChangeGdapRoles.join(', '),
              requestId: error.requestId,
            }),
        'warning',
      );
    }
    if (error.status === 429) return card(text.t('error.partnerCenterBusy', { seconds: 60 }), 'warning');
    if (error.status >= 500 || error.status === 0) {
      return card(text.t('error.partnerCenterDown', { requestId: error.requestId }));
    }
    if (error.status === 404) return card(text.t('error.customerNotFound'), 'warning');
    return card(
      text.t('error.partnerCenter', {
        description: error.description,
        status: error.status,
        requestId: error.requestId,
      }),
    );
  }
  if (error instanceof AppError) {
    if (error.code === 'customer_not_found') return card(text.t('error.customerNotFound'), 'warning');
    if (error.code === 'subscription_not_found') return card(text.t('error.subscriptionNotFound'), 'warning');
  }
  return card(text.t('error.unexpected', { reference }));
}
