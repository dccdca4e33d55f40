import { signInReasonOf } from '../services/errors.js';
import type { MigrationRecord } from '../services/migration/migrationRecord.js';
import { adaptiveCard, executeAction, factSet, textBlock, type AdaptiveCard } from './adaptiveCard.js';
import type { CardText } from './cardText.js';
import { CardVerb, type MigrationActionData } from './cardVerbs.js';
import { personName, stateText } from './migrationText.js';

/**
 * Sent to the person whose sign-in a paused migration needs (DESIGN §5): why (MFA, expiry, consent),
 * that nothing is lost, and Resume — which continues with the sign-in of whoever presses it, so another
 * Admin agent or Global admin can take over when that person is away.
 */
export interface SignInToResumeCardData {
  migration: MigrationRecord;
}

export function buildSignInToResumeCard(data: SignInToResumeCardData, text: CardText): AdaptiveCard {
  const { migration } = data;
  const detail = migration.reason?.detail;
  const reason = signInReasonOf(detail) ?? 'not_signed_in';
  const ids: MigrationActionData = { migrationId: migration.id, customerId: migration.customer.id };
  return adaptiveCard(
    [
      textBlock(text.t('signInToResume.title', { customer: migration.customer.companyName }), {
        weight: 'Bolder',
        size: 'Medium',
        color: 'Warning',
      }),
      textBlock(text.t(`signIn.${reason}`)),
      textBlock(text.t('signInToResume.text', { name: personName(text, migration.actingUser) })),
      factSet([
        [text.t('signInToResume.pausedAt'), stateText(text, migration.resumeAt ?? migration.state)],
        [
          text.t('migration.confirm.users'),
          text.t('progress.users', {
            moved: text.number(migration.users.moved),
            total: text.number(migration.users.total),
          }),
        ],
      ]),
    ],
    [executeAction(text.t('progress.button.resume'), CardVerb.resumeMigration, { ...ids }, 'positive')],
  );
}
