import type { MigrationRecord } from '../services/migration/migrationRecord.js';
import { adaptiveCard, executeAction, factSet, textBlock, type AdaptiveCard } from './adaptiveCard.js';
import type { CardText } from './cardText.js';
import { CardVerb, type MigrationActionData } from './cardVerbs.js';
import { productsText } from './productNames.js';
import { instantText, stateText } from './migrationText.js';

/**
 * "Cancel / roll back Contoso?" — the question a typed destructive command gets before anything happens.
 * It says what will happen to this customer's money and licenses; its one button is the progress card's
 * own action, so the server checks it exactly as a click on that card (role, state, ids).
 */
export interface MigrationConfirmCardData {
  migration: MigrationRecord;
  action: 'cancel' | 'rollBack';
}

export function buildMigrationConfirmCard(data: MigrationConfirmCardData, text: CardText): AdaptiveCard {
  const { migration, action } = data;
  const customer = migration.customer.companyName;
  const moved = text.number(migration.users.moved);
  const consequence =
    action === 'cancel'
      ? text.t('migration.confirm.cancel.text')
      : migration.e4Suspended
        ? text.t('migration.confirm.rollBack.suspended.text', {
            moved,
            date: instantText(text, migration.e4Suspended.at),
          })
        : text.t('migration.confirm.rollBack.text', { moved });
  const facts: [string, string][] = [
    [text.t('migration.confirm.state'), stateText(text, migration.state)],
    [text.t('migration.confirm.products'), productsText(text, migration.option, migration.targets)],
    [
      text.t('migration.confirm.users'),
      text.t('progress.users', { moved, total: text.number(migration.users.total) }),
    ],
  ];
  const ids: MigrationActionData = { migrationId: migration.id, customerId: migration.customer.id };
  return adaptiveCard(
    [
      textBlock(text.t(`migration.confirm.${action}.title`, { customer }), {
        weight: 'Bolder',
        size: 'Medium',
        color: 'Warning',
      }),
      textBlock(consequence),
      factSet(facts),
    ],
    [
      action === 'cancel'
        ? executeAction(text.t('progress.button.cancel'), CardVerb.cancelMigration, { ...ids }, 'destructive')
        : executeAction(
            text.t('progress.button.rollBack'),
            CardVerb.rollBackMigration,
            { ...ids },
            'destructive',
          ),
    ],
  );
}
